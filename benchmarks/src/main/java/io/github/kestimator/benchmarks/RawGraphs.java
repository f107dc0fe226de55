package io.github.kestimator.benchmarks;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The "tfraw" floor: each workload written by hand as a TensorFlow graph, the fastest correct way
 * we know on TensorFlow Java 1.1.0. Variable names carry no '/' (the framework's Adam cannot name
 * their slots otherwise).
 */
final class RawGraphs {
  static final String FEATURES = "features";
  static final String LABELS = "labels";

  /**
   * A training graph: feed {@link #FEATURES} and {@link #LABELS}, run {@code train}, fetch {@code
   * loss}; {@code evalLoss} and {@code prediction} are without dropout.
   */
  record TrainGraph(
      Graph graph,
      Operand<?> features,
      Operand<TFloat32> loss,
      Operand<TFloat32> evalLoss,
      Op train,
      Operand<TFloat32> prediction) {}

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);

  /** Initial values are init ops, as the variables' initializers must be. */
  private final Ops init = tf.withInitScope();

  private long seed = 1;

  private RawGraphs() {}

  static TrainGraph build(String workload) {
    RawGraphs b = new RawGraphs();
    switch (workload) {
      case "w1":
        return b.w1();
      case "w2":
        return b.w2();
      case "w3":
        return b.w3();
      case "w1block":
        return b.w1Block();
      default:
        throw new IllegalArgumentException("unknown workload " + workload);
    }
  }

  /**
   * Embedding(10000, 64) -> LSTM(64) -> Dropout(0.5) -> Dense(1, sigmoid), binary cross-entropy.
   */
  private TrainGraph w1() {
    int steps = 100;
    int units = 64;
    int dim = 64;
    var tokens =
        tf.withName(FEATURES).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, steps)));
    var labels =
        tf.withName(LABELS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
    var embeddings =
        variable(
            "embeddings", uniform(Shape.of(10_000, dim), 0.05f)); // Keras' uniform(-0.05, 0.05)
    // Time-major ids: the looked-up inputs then unstack into one [batch, 4 units] block per time
    // step.
    var ids = tf.linalg.transpose(tokens, tf.constant(new int[] {1, 0}));
    var x = tf.gather(embeddings, ids, tf.constant(0));
    var kernel = variable("lstm_kernel", glorot(dim, 4 * units));
    var recurrent = variable("lstm_recurrent_kernel", glorot(units, 4 * units));
    float[] unitForgetBias = new float[4 * units];
    java.util.Arrays.fill(unitForgetBias, units, 2 * units, 1f);
    var bias = variable("lstm_bias", init.constant(unitForgetBias));
    // The input projection of all 100 steps is one big MatMul, hoisted out of the recurrence
    // (1.7x faster than the fused BlockLSTM op on this machine).
    var projected =
        tf.nn.biasAdd(
            tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] {-1, dim})), kernel), bias);
    List<Output<TFloat32>> inputs =
        tf.unstack(
                tf.reshape(projected, tf.constant(new int[] {steps, -1, 4 * units})), (long) steps)
            .output();
    Operand<TFloat32> h = null;
    Operand<TFloat32> c = null;
    for (Output<TFloat32> in : inputs) {
      Operand<TFloat32> z = h == null ? in : tf.math.add(in, tf.linalg.matMul(h, recurrent));
      List<Output<TFloat32>> gates =
          tf.split(tf.constant(1), z, 4L).output(); // Keras' order i, f, c, o
      var i = tf.math.sigmoid(gates.get(0));
      var f = tf.math.sigmoid(gates.get(1));
      var g = tf.math.tanh(gates.get(2));
      var o = tf.math.sigmoid(gates.get(3));
      c = c == null ? tf.math.mul(i, g) : tf.math.add(tf.math.mul(f, c), tf.math.mul(i, g));
      h = tf.math.mul(o, tf.math.tanh(c));
    }
    return scoreHead(tokens, h, units, labels);
  }

  /** W1 with the whole LSTM as one BlockLSTMV2 op (Keras' gate order i, f, c, o). */
  private TrainGraph w1Block() {
    BlockLstmGradient.register();
    int steps = 100;
    int units = 64;
    int dim = 64;
    var tokens =
        tf.withName(FEATURES).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, steps)));
    var labels =
        tf.withName(LABELS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
    var embeddings = variable("embeddings", uniform(Shape.of(10_000, dim), 0.05f));
    var ids = tf.linalg.transpose(tokens, tf.constant(new int[] {1, 0}));
    var x = tf.gather(embeddings, ids, tf.constant(0));
    var w = variable("lstm_w", glorot(dim + units, 4 * units));
    float[] unitForgetBias = new float[4 * units];
    java.util.Arrays.fill(unitForgetBias, units, 2 * units, 1f);
    var bias = variable("lstm_bias", init.constant(unitForgetBias));
    var zeros =
        tf.fill(
            tf.concat(
                List.of(
                    tf.reshape(
                        tf.slice(
                            tf.shape(tokens),
                            tf.constant(new int[] {0}),
                            tf.constant(new int[] {1})),
                        tf.constant(new int[] {1})),
                    tf.constant(new int[] {units})),
                tf.constant(0)),
            tf.constant(0f));
    var peep = tf.zeros(tf.constant(new int[] {units}), TFloat32.class);
    var block =
        tf.scope()
            .opBuilder("BlockLSTMV2", "lstm")
            .addInput(tf.constant((long) steps).asOutput())
            .addInput(x.asOutput())
            .addInput(zeros.asOutput())
            .addInput(zeros.asOutput())
            .addInput(w.asOutput())
            .addInput(peep.asOutput())
            .addInput(peep.asOutput())
            .addInput(peep.asOutput())
            .addInput(bias.asOutput())
            .setAttr("cell_clip", 0f)
            .setAttr("use_peephole", false)
            .build();
    @SuppressWarnings("unchecked")
    Output<TFloat32> hs = (Output<TFloat32>) (Output<?>) block.output(6);
    Operand<TFloat32> h =
        tf.reshape(
            tf.slice(
                hs, tf.constant(new int[] {steps - 1, 0, 0}), tf.constant(new int[] {1, -1, -1})),
            tf.constant(new int[] {-1, units}));
    return scoreHead(tokens, h, units, labels);
  }

  /**
   * 32 floats -> Dense(256, relu) -> Dense(256, relu) -> Dense(1, sigmoid), binary cross-entropy.
   */
  private TrainGraph w2() {
    var x = tf.withName(FEATURES).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32)));
    var labels =
        tf.withName(LABELS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
    var h1 = tf.nn.relu(dense("dense1", x, 32, 256));
    var h2 = tf.nn.relu(dense("dense2", h1, 256, 256));
    var logits = dense("dense3", h2, 256, 1);
    var loss = binaryCrossEntropy(logits, labels);
    return train(x, loss, loss, tf.math.sigmoid(logits));
  }

  /**
   * 28x28x1 -> Conv2D(32, 3x3, valid, relu) -> MaxPooling2D(2x2) -> Flatten -> Dense(10, softmax),
   * sparse CE.
   */
  private TrainGraph w3() {
    var x =
        tf.withName(FEATURES)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
    var labels = tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    // Keras' glorot for a conv kernel: fan_in = 3*3*1, fan_out = 3*3*32.
    var filter =
        variable("conv_kernel", uniform(Shape.of(3, 3, 1, 32), (float) Math.sqrt(6.0 / (9 + 288))));
    var convBias = variable("conv_bias", init.zeros(init.constant(new int[] {32}), TFloat32.class));
    var conv =
        tf.nn.relu(
            tf.nn.biasAdd(tf.nn.conv2d(x, filter, List.of(1L, 1L, 1L, 1L), "VALID"), convBias));
    // MaxPool with attributes (tf.nn.maxPool builds MaxPoolV2, which oneDNN does not take: its
    // Eigen gradient was more than half of the step).
    Output<TFloat32> pooled =
        tf.scope()
            .opBuilder("MaxPool", "pool")
            .addInput(conv.asOutput())
            .setAttr("ksize", new long[] {1, 2, 2, 1})
            .setAttr("strides", new long[] {1, 2, 2, 1})
            .setAttr("padding", "VALID")
            .build()
            .output(0);
    var flat = tf.reshape(pooled, tf.constant(new int[] {-1, 13 * 13 * 32}));
    var logits = dense("dense", flat, 13 * 13 * 32, 10);
    // Sparse CE as one-hot + SoftmaxCrossEntropyWithLogits: the sparse op has no C++ gradient.
    var oneHot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
    var loss =
        tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
    return train(x, loss, loss, tf.nn.softmax(logits));
  }

  /**
   * W1's head on the LSTM's last output {@code h}: Dropout(0.5) while training (keep with
   * probability 0.5, scale the kept units by 2), then Dense(1, sigmoid) with binary cross-entropy.
   */
  private TrainGraph scoreHead(
      Operand<TInt32> tokens, Operand<TFloat32> h, int units, Operand<TFloat32> labels) {
    var keep =
        tf.dtypes.cast(
            tf.math.greaterEqual(
                tf.random.randomUniform(
                    tf.shape(h),
                    TFloat32.class,
                    RandomUniform.seed(Bench.modelSeed()).seed2(nextSeed())),
                tf.constant(0.5f)),
            TFloat32.class);
    var dropped = tf.math.mul(h, tf.math.mul(keep, tf.constant(2f)));
    var w = variable("score_kernel", glorot(units, 1));
    var b = variable("score_bias", init.zeros(init.constant(new int[] {1}), TFloat32.class));
    var logits = tf.nn.biasAdd(tf.linalg.matMul(dropped, w), b);
    var evalLogits = tf.nn.biasAdd(tf.linalg.matMul(h, w), b);
    return train(
        tokens,
        binaryCrossEntropy(logits, labels),
        binaryCrossEntropy(evalLogits, labels),
        tf.math.sigmoid(evalLogits));
  }

  private Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
    var kernel = variable(name + "_kernel", glorot(in, out));
    var bias = variable(name + "_bias", init.zeros(init.constant(new int[] {out}), TFloat32.class));
    return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
  }

  /**
   * Mean sigmoid cross-entropy from logits, the numerically stable form max(x,0) - x*z +
   * log(1+exp(-|x|)).
   */
  private Operand<TFloat32> binaryCrossEntropy(Operand<TFloat32> logits, Operand<TFloat32> labels) {
    var perExample =
        tf.math.add(
            tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, labels)),
            tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    return tf.math.mean(perExample, tf.constant(new int[] {0, 1}));
  }

  private TrainGraph train(
      Operand<?> features,
      Operand<TFloat32> loss,
      Operand<TFloat32> evalLoss,
      Operand<TFloat32> prediction) {
    // Adam as Keras': learning rate 0.001, default betas, epsilon 1e-7 (the framework's default is
    // 1e-8).
    Op step = new Adam(graph, 0.001f, 0.9f, 0.999f, 1e-7f).minimize(loss);
    return new TrainGraph(graph, features, loss, evalLoss, step, prediction);
  }

  private <T extends org.tensorflow.types.family.TType> Operand<T> variable(
      String name, Operand<T> initial) {
    return tf.withName(name).variable(initial);
  }

  private Operand<TFloat32> glorot(int fanIn, int fanOut) {
    return uniform(Shape.of(fanIn, fanOut), (float) Math.sqrt(6.0 / (fanIn + fanOut)));
  }

  /** Uniform in [-limit, limit), from a fixed seed so runs start from the same weights. */
  private Operand<TFloat32> uniform(Shape shape, float limit) {
    var u =
        init.random.randomUniform(
            init.constant(shape.asArray()),
            TFloat32.class,
            RandomUniform.seed(Bench.modelSeed()).seed2(nextSeed()));
    return init.math.mul(init.math.sub(u, init.constant(0.5f)), init.constant(2 * limit));
  }

  private long nextSeed() {
    return seed++;
  }
}
