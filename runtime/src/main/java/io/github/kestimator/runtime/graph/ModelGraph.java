package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.Regularizer;
import io.github.kestimator.model.Weight;
import io.github.kestimator.runtime.layers.LayerBuilder;
import io.github.kestimator.runtime.layers.LayerContext;
import io.github.kestimator.runtime.layers.LayerOutput;
import io.github.kestimator.runtime.layers.LayerStates;
import io.github.kestimator.runtime.layers.Layers;
import io.github.kestimator.runtime.layers.TableFile;
import io.github.kestimator.runtime.losses.Losses;
import io.github.kestimator.runtime.optimizers.Optimizers;
import io.github.kestimator.runtime.optimizers.Slots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * A validated {@link Model} as a TensorFlow graph for one {@link Mode}.
 *
 * <p>Names in the graph (stable across modes, so a checkpoint written by a TRAIN graph restores
 * into an EVAL or PREDICT graph):
 *
 * <ul>
 *   <li>features: one placeholder per {@link Model#features()}, op name = feature name, shape
 *       {@code [-1, dims...]}, float32, int32, int64 or string as the feature says;
 *   <li>labels (TRAIN, EVAL): {@code <output layer>_label}, shaped like {@link
 *       Output#labelShape()};
 *   <li>model weights: {@code <layer>/<weight>} with Keras' weight names ({@code dense/kernel},
 *       {@code lstm/recurrent_kernel}, {@code bn/moving_mean});
 *   <li>{@code global_step} (int64 scalar) in every mode;
 *   <li>optimizer state (TRAIN only): {@code <layer>/<weight>_<slot>} (e.g. {@code dense/kernel_m},
 *       {@code dense/kernel_v} for Adam) and {@code nadam_u_product} for Nadam;
 *   <li>preprocessing layers' lookup tables: {@code <layer>/vocabulary_path} holds the name of the
 *       file a table is filled from ({@link #tableFiles()}), by an initializer that runs before a
 *       session's first run;
 *   <li>{@code loss} (TRAIN, EVAL), {@code regularization_loss} (TRAIN, EVAL: the penalties within
 *       {@code loss}), with several outputs each one's own loss {@code loss_terms/<output>_loss}
 *       (TRAIN, EVAL), {@code train_op} (TRAIN), {@code init}.
 * </ul>
 *
 * <p>The loss is the mean over the batch of each output's Keras loss times its loss weight, summed
 * over outputs, plus the weights' L1/L2 penalties. Like Keras' reported loss the penalties are
 * included in TRAIN and EVAL.
 *
 * <p>Devices come from a {@link Placement}: none in one process; on a cluster the variables on ps
 * tasks and everything else on this task, so that graphs built by several tasks share one set of
 * variables by name (between-graph replication).
 *
 * <p>Variables are ref variables ({@code VariableV2}) initialized only by {@link #initOp()}:
 * nothing is registered as a session initializer, so restoring a checkpoint is never overwritten by
 * auto-init. Initial values are deterministic from {@code seed}, the layer name and the weight
 * name.
 */
public final class ModelGraph implements AutoCloseable {
  private final Graph graph;
  private final Model model;
  private final Mode mode;
  private final Placement placement;
  private final Ops tf;
  private final Variable<TInt64> globalStep;
  private final List<Operand<?>> features = new ArrayList<>();
  private final List<Operand<?>> labels = new ArrayList<>();
  private final List<Operand<TFloat32>> outputs = new ArrayList<>();
  private final Map<String, Variable<?>> variables = new LinkedHashMap<>();
  private final List<Op> initializers = new ArrayList<>();
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();

  /** The constraint of each trainable variable, in the same order ({@code NONE} for most). */
  private final List<io.github.kestimator.model.Constraint> constraints = new ArrayList<>();

  /**
   * For each trainable variable: its layer's scoped ops and weight name, to name optimizer slots.
   */
  private final List<Map.Entry<Ops, String>> trainableNames = new ArrayList<>();

  private final List<Map.Entry<Variable<TFloat32>, Regularizer>> regularized = new ArrayList<>();
  private final List<Op> updates = new ArrayList<>();
  private final List<io.github.kestimator.runtime.optimizers.Lookup> lookups = new ArrayList<>();
  private final LayerStates states;
  private final List<TableFile> tableFiles = new ArrayList<>();
  private Operand<TFloat32> loss;
  private Operand<TFloat32> regularization;
  private final List<Operand<TFloat32>> outputLosses = new ArrayList<>();
  private Op trainOp;
  private Op initOp;

  private ModelGraph(
      Graph graph, Model model, Mode mode, long seed, Placement placement, LayerStates states) {
    this.graph = graph;
    this.states = states;
    this.model = model;
    this.mode = mode;
    this.placement = placement;
    this.tf =
        placement.compute() == null
            ? Ops.create(graph)
            : Ops.create(graph).withDevice(placement.compute());
    this.globalStep =
        on(tf.withName("global_step"), "global_step").variable(Shape.scalar(), TInt64.class);
    register(globalStep, tf.withSubScope("global_step_init").constant(0L));
    for (Feature f : model.features()) {
      features.add(placeholder(f.name(), f.dtype(), f.shape()));
    }
    Map<String, LayerOutput> built = build(seed);
    for (Output o : model.outputs()) {
      Operand<?> v = built.get(o.layer()).value();
      // An identity, so that an output is never a placeholder itself (feeding and fetching one
      // tensor fails).
      outputs.add(tf.identity(floatOutput(v)));
    }
    if (mode != Mode.PREDICT) {
      for (Output o : model.outputs()) {
        labels.add(placeholder(o.layer() + "_label", o.labelDtype(), o.labelShape()));
      }
      buildLoss(built);
    }
    if (mode == Mode.TRAIN) {
      try {
        trainOp =
            Optimizers.minimize(
                tf,
                model.compile().optimizer().type(),
                model.optimizer(),
                model.learningRate(),
                loss,
                trainable,
                globalStep,
                slots(),
                updates,
                lookups,
                constraints);
      } catch (RuntimeException e) {
        throw gradientFailure(built, e);
      }
    }
    initOp = tf.withControlDependencies(initializers).withName("init").noOp();
  }

  /**
   * Builds the graph of {@code model} for {@code mode}.
   *
   * @param seed the run's random seed: initial weights and dropout masks derive from it
   */
  public static ModelGraph build(Model model, Mode mode, long seed) {
    return build(model, mode, seed, Placement.LOCAL);
  }

  /** As {@link #build(Model, Mode, long)}, with the ops on the devices {@code placement} gives. */
  public static ModelGraph build(Model model, Mode mode, long seed, Placement placement) {
    boolean stateful = model.layers().stream().anyMatch(l -> LayerStates.hasState(l.kind()));
    return build(model, mode, seed, placement, stateful ? LayerStates.temporary() : null);
  }

  /**
   * As {@link #build(Model, Mode, long, Placement)}, the preprocessing layers reading their state
   * (vocabularies, means and variances) from {@code states}.
   *
   * @throws IllegalStateException naming the first layer that needs adapt and has no state
   */
  public static ModelGraph build(
      Model model, Mode mode, long seed, Placement placement, LayerStates states) {
    if (states != null) {
      states.requireAdapted(model);
    }
    Graph g = new Graph();
    try {
      return new ModelGraph(g, model, mode, seed, placement, states);
    } catch (RuntimeException | Error e) {
      g.close();
      throw e;
    }
  }

  private Map<String, LayerOutput> build(long seed) {
    Operand<TInt32> batchSize =
        tf.withName("batch_size").gather(tf.shape(features.get(0)), tf.constant(0), tf.constant(0));
    Operand<TInt64> step = mode.training() ? tf.withName("step").identity(globalStep) : null;
    Map<String, LayerOutput> built = new HashMap<>();
    Map<String, Layer> byName = new HashMap<>();
    for (Layer layer : model.layers()) {
      byName.put(layer.name(), layer);
      Ops lt = tf.withSubScope(layer.name());
      try {
        built.put(
            layer.name(),
            buildLayer(layer, lt, Layers.of(layer.kind()), built, byName, seed, batchSize, step));
      } catch (RuntimeException e) {
        throw new GraphBuildException(
            layer.name(), layer.kind(), "cannot build its " + mode + " graph", e);
      }
    }
    return built;
  }

  /** One layer's variables and ops. */
  private LayerOutput buildLayer(
      Layer layer,
      Ops lt,
      LayerBuilder builder,
      Map<String, LayerOutput> built,
      Map<String, Layer> byName,
      long seed,
      Operand<TInt32> batchSize,
      Operand<TInt64> step) {
    Map<String, Variable<TFloat32>> weights = new LinkedHashMap<>();
    for (Weight w : layer.weights()) {
      weights.put(w.name(), weight(lt, builder, layer, w, seed));
    }
    List<LayerOutput> inputs = new ArrayList<>();
    List<io.github.kestimator.model.Shape> inputShapes = new ArrayList<>();
    if (layer.kind() == LayerKind.INPUT) {
      int slot = featureSlot(layer.name());
      inputs.add(LayerOutput.of(features.get(slot)));
      inputShapes.add(model.features().get(slot).shape());
    } else {
      for (String in : layer.inbound()) {
        inputs.add(built.get(in));
        inputShapes.add(byName.get(in).outputShape());
      }
    }
    LayerContext ctx =
        new LayerContext(
            lt,
            layer,
            mode.training(),
            weights,
            inputShapes,
            batchSize,
            step,
            Seeds.of(seed, layer.name(), "layer"),
            updates,
            lookups,
            states == null ? null : states.state(layer),
            tableFiles);
    return withMask(layer, builder.build(ctx, inputs), inputs);
  }

  /**
   * The output with the mask the model says it carries ({@link Layer#masked()}): the one its
   * builder made (Embedding, Masking, the merges), else its input's, passed on; none when the layer
   * consumes or drops it.
   */
  private static LayerOutput withMask(Layer layer, LayerOutput out, List<LayerOutput> inputs) {
    if (!layer.masked()) {
      return out.mask() == null ? out : out.withMask(null);
    }
    if (out.mask() != null) {
      return out;
    }
    if (inputs.isEmpty() || inputs.get(0).mask() == null) {
      throw new IllegalStateException(
          "layer '" + layer.name() + "' carries a mask, but neither it nor its input made one");
    }
    return out.withMask(inputs.get(0).mask());
  }

  /**
   * The loss has no gradient: find the first layer whose own output has none with respect to its
   * float inputs and weights (each layer tried alone), so that the message names it.
   */
  private RuntimeException gradientFailure(Map<String, LayerOutput> built, RuntimeException cause) {
    Ops probe = tf.withSubScope("gradient_probe");
    for (Layer layer : model.layers()) {
      Operand<?> out = built.get(layer.name()).value();
      if (layer.kind() == LayerKind.INPUT || out.type() != TFloat32.class) {
        continue;
      }
      List<Operand<?>> wrt = new ArrayList<>();
      for (String in : layer.inbound()) {
        Operand<?> v = built.get(in).value();
        if (v.type() == TFloat32.class && !(v.op().type().equals("Placeholder"))) {
          wrt.add(v);
        }
      }
      String prefix = layer.name() + "/";
      variables.forEach(
          (name, v) -> {
            if (name.startsWith(prefix) && trainable.contains(v)) {
              wrt.add(v);
            }
          });
      if (wrt.isEmpty()) {
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> y = (Operand<TFloat32>) out;
        probe.gradients(
            probe.reduceSum(y, probe.range(probe.constant(0), probe.rank(y), probe.constant(1))),
            wrt);
      } catch (RuntimeException e) {
        return new GraphBuildException(
            layer.name(), layer.kind(), "cannot build the gradient of its output", e);
      }
    }
    return new IllegalStateException(
        "cannot build the gradient of the loss of model '"
            + model.name()
            + "': "
            + cause.getMessage(),
        cause);
  }

  private Variable<TFloat32> weight(
      Ops lt, LayerBuilder builder, Layer layer, Weight w, long seed) {
    long s = Seeds.of(seed, layer.name(), w.name());
    Ops init = lt.withSubScope(w.name() + "_init");
    Operand<TFloat32> initial = builder.initialValue(init, layer, w, s);
    if (initial == null) {
      initial = Initializers.of(init, w.initializer(), w.shape(), s);
    }
    Variable<TFloat32> v =
        on(lt.withName(w.name()), layer.name() + "/" + w.name())
            .variable(Shape.of(Initializers.dims(w.shape())), TFloat32.class);
    register(v, initial);
    if (w.trainable()) {
      trainable.add(v);
      constraints.add(w.constraint());
      trainableNames.add(Map.entry(lt, w.name()));
    }
    if (!w.regularizer().isNone()) {
      regularized.add(Map.entry(v, w.regularizer()));
    }
    return v;
  }

  /** {@code ops} on the device of variable {@code name}. */
  private Ops on(Ops ops, String name) {
    var device = placement.variable(name);
    return device == null ? ops : ops.withDevice(device);
  }

  private <T extends TType> void register(Variable<T> v, Operand<T> initial) {
    variables.put(v.op().name(), v);
    initializers.add(tf.assign(v, initial));
  }

  private int featureSlot(String inputLayer) {
    for (int i = 0; i < model.features().size(); i++) {
      if (model.features().get(i).layer().equals(inputLayer)) {
        return i;
      }
    }
    throw new IllegalStateException("no feature feeds input layer '" + inputLayer + "'");
  }

  private Operand<?> placeholder(String name, DType dtype, io.github.kestimator.model.Shape shape) {
    var options = Placeholder.shape(Shape.of(shape.withBatch(-1)));
    Ops named = tf.withName(name);
    return switch (dtype) {
      case FLOAT32 -> named.placeholder(TFloat32.class, options);
      case INT32 -> named.placeholder(TInt32.class, options);
      case INT64 -> named.placeholder(TInt64.class, options);
      case STRING -> named.placeholder(TString.class, options);
    };
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> floatOutput(Operand<?> v) {
    return v.type() == TFloat32.class ? (Operand<TFloat32>) v : LayerContext.floats(tf, v);
  }

  private void buildLoss(Map<String, LayerOutput> built) {
    Ops lt = tf.withSubScope("loss_terms");
    Operand<TFloat32> total = null;
    List<String> keys = model.outputLossKeys();
    for (int i = 0; i < model.outputs().size(); i++) {
      Output o = model.outputs().get(i);
      OutputLoss setting = model.losses().get(i);
      Operand<TFloat32> l =
          Losses.mean(
              lt, setting.loss(), setting.fromLogits(), o, built.get(o.layer()), labels.get(i));
      if (!keys.isEmpty()) {
        l = lt.withName(keys.get(i)).identity(l);
        outputLosses.add(l);
      }
      // Keras' CompileLoss: each output's loss times its loss weight, summed over outputs.
      Operand<TFloat32> weighted =
          setting.weight() == 1.0 ? l : lt.math.mul(l, lt.constant((float) setting.weight()));
      total = total == null ? weighted : lt.math.add(total, weighted);
    }
    Operand<TFloat32> penalties = null;
    for (Map.Entry<Variable<TFloat32>, Regularizer> e : regularized) {
      Operand<TFloat32> p = penalty(lt, e.getKey(), e.getValue());
      penalties = penalties == null ? p : lt.math.add(penalties, p);
    }
    regularization =
        tf.withName("regularization_loss")
            .identity(penalties == null ? lt.constant(0f) : penalties);
    if (penalties != null) {
      total = lt.math.add(total, regularization);
    }
    loss = tf.withName("loss").identity(total);
  }

  /**
   * Keras' L1L2: {@code l1 * sum(|w|) + l2 * sum(w^2)}.
   *
   * <p>The square sum is {@code 2 * L2Loss(w)} ({@code L2Loss = sum(w^2) / 2}; scaling by 2 is
   * exact, so the number is Keras'), never {@code Square(w)}: TensorFlow's C++ gradient of {@code
   * Square} casts the constant 2 to its input's type, which for a ref variable is {@code
   * float_ref}; that cast fails, and the gradient code then reads the type of the missing node and
   * crashes the JVM (SIGSEGV in {@code SquareGrad} -> {@code ConjugateHelper}). {@code L2LossGrad}
   * is {@code w * dy}, which takes a ref. Other gradients with the same pattern ({@code Log1p},
   * {@code Sign}, {@code Atan}, ...) must not be applied to a variable directly either; read it
   * through {@code identity} first.
   */
  private static Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> w, Regularizer r) {
    Operand<TFloat32> p = null;
    if (r.l1() != 0) {
      int[] axes = new int[w.shape().numDimensions()];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      p = tf.math.mul(tf.constant((float) r.l1()), tf.reduceSum(tf.math.abs(w), tf.constant(axes)));
    }
    if (r.l2() != 0) {
      Operand<TFloat32> l2 = tf.math.mul(tf.constant((float) (2 * r.l2())), tf.nn.l2Loss(w));
      p = p == null ? l2 : tf.math.add(p, l2);
    }
    return p == null ? tf.constant(0f) : p;
  }

  private Slots slots() {
    return new Slots() {
      @Override
      public Variable<TFloat32> slot(
          int index, Operand<TFloat32> variable, String slot, float initial) {
        Map.Entry<Ops, String> owner = trainableNames.get(index);
        Shape shape = variable.shape();
        // A slot lives with its variable: the Apply* op takes both by reference.
        Variable<TFloat32> v =
            on(
                    owner.getKey().withName(owner.getValue() + "_" + slot),
                    trainable.get(index).op().name())
                .variable(shape, TFloat32.class);
        register(v, tf.fill(tf.constant(shape.asArray()), tf.constant(initial)));
        return v;
      }

      @Override
      public Variable<TFloat32> scalar(String name, float initial) {
        String prefix =
            model.compile().optimizer().type().name().toLowerCase(java.util.Locale.ROOT);
        Variable<TFloat32> v =
            on(tf.withName(prefix + "_" + name), prefix + "_" + name)
                .variable(Shape.scalar(), TFloat32.class);
        register(v, tf.constant(initial));
        return v;
      }
    };
  }

  public Graph graph() {
    return graph;
  }

  public Model model() {
    return model;
  }

  public Mode mode() {
    return mode;
  }

  /** The placeholder of feature {@code slot} ({@link Model#features()} order). */
  public Operand<?> feature(int slot) {
    return features.get(slot);
  }

  /**
   * The label placeholder of output {@code slot} ({@link Model#outputs()} order); TRAIN and EVAL
   * only.
   */
  public Operand<?> label(int slot) {
    requireNot(Mode.PREDICT, "labels");
    return labels.get(slot);
  }

  /** Output {@code slot} ({@link Model#outputs()} order) as float32, {@code [-1, dims...]}. */
  public Operand<TFloat32> output(int slot) {
    return outputs.get(slot);
  }

  /** The batch's mean loss (with regularization); TRAIN and EVAL only. */
  public Operand<TFloat32> loss() {
    requireNot(Mode.PREDICT, "a loss");
    return loss;
  }

  /**
   * Each output's own mean loss, unweighted, in output order ({@code loss_terms/<output>_loss}, the
   * names of {@link io.github.kestimator.model.Model#outputLossKeys()}); empty for a model with one
   * output, whose loss is {@link #loss()} less the penalties. TRAIN and EVAL only.
   */
  public List<Operand<TFloat32>> outputLosses() {
    requireNot(Mode.PREDICT, "output losses");
    return List.copyOf(outputLosses);
  }

  /**
   * The sum of the weights' L1/L2 penalties, included in {@link #loss()} (0 without regularizers);
   * TRAIN and EVAL only.
   */
  public Operand<TFloat32> regularization() {
    requireNot(Mode.PREDICT, "a regularization loss");
    return regularization;
  }

  /** One optimizer step, then the global step's increment; TRAIN only. */
  public Op trainOp() {
    if (mode != Mode.TRAIN) {
      throw new IllegalStateException(
          "a " + mode + " graph has no train op; build the model with Mode.TRAIN");
    }
    return trainOp;
  }

  public Variable<TInt64> globalStep() {
    return globalStep;
  }

  /**
   * The files the graph's lookup tables are filled from (by the initializers TensorFlow runs before
   * the first run of a session): an export copies them as SavedModel assets.
   */
  public List<TableFile> tableFiles() {
    return List.copyOf(tableFiles);
  }

  /** Assigns every variable its initial value (a fresh start, not a restore). */
  public Op initOp() {
    return initOp;
  }

  /**
   * Every variable's name in creation order: model weights (layer order, then Keras' weight order),
   * {@code global_step} first; then optimizer state in TRAIN.
   */
  public List<String> variableNames() {
    return List.copyOf(variables.keySet());
  }

  /** Every variable by name, in {@link #variableNames()} order. */
  public Map<String, Variable<?>> variables() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  private void requireNot(Mode m, String what) {
    if (mode == m) {
      throw new IllegalStateException(
          "a " + mode + " graph has no " + what + "; build the model with Mode.EVAL or Mode.TRAIN");
    }
  }

  @Override
  public void close() {
    graph.close();
  }
}
