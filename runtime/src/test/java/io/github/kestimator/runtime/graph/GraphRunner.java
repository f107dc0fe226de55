package io.github.kestimator.runtime.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Test helper: a session over a {@link ModelGraph} that feeds flat arrays and fetches flat floats.
 */
public final class GraphRunner implements AutoCloseable {
  private final ModelGraph graph;
  private final Session session;
  private final List<Tensor> feeds = new ArrayList<>();

  /** Feeds the caller closes (in {@link #feeds} too). */
  private final List<Tensor> borrowed = new ArrayList<>();

  private final List<Operand<?>> feedOps = new ArrayList<>();

  public GraphRunner(ModelGraph graph) {
    this.graph = graph;
    this.session = new Session(graph.graph());
    session.run(graph.initOp());
  }

  public Session session() {
    return session;
  }

  public GraphRunner feed(Operand<?> op, float[] values, long... shape) {
    feeds.add(TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values)));
    feedOps.add(op);
    return this;
  }

  public GraphRunner feed(Operand<?> op, int[] values, long... shape) {
    feeds.add(TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values)));
    feedOps.add(op);
    return this;
  }

  public GraphRunner feed(Operand<?> op, long[] values, long... shape) {
    feeds.add(org.tensorflow.types.TInt64.tensorOf(Shape.of(shape), DataBuffers.of(values)));
    feedOps.add(op);
    return this;
  }

  public GraphRunner feed(Operand<?> op, String[] values, long... shape) {
    feeds.add(
        org.tensorflow.types.TString.tensorOf(Shape.of(shape), DataBuffers.ofObjects(values)));
    feedOps.add(op);
    return this;
  }

  /**
   * Random feature values of {@code dtype}: ints in [0, 5), words (some unknown, one empty), or
   * Gaussian floats.
   */
  public GraphRunner feedRandom(
      Operand<?> op,
      io.github.kestimator.model.DType dtype,
      java.util.Random random,
      long... shape) {
    feeds.add(randomTensor(dtype, random, shape));
    feedOps.add(op);
    return this;
  }

  /** Feeds {@code t}, which the caller keeps and closes. */
  public GraphRunner feedBorrowed(Operand<?> op, Tensor t) {
    feeds.add(t);
    borrowed.add(t);
    feedOps.add(op);
    return this;
  }

  /** A tensor of random values of {@code dtype} (see {@link #feedRandom}). */
  public static Tensor randomTensor(
      io.github.kestimator.model.DType dtype, java.util.Random random, long... shape) {
    int size = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    return switch (dtype) {
      case INT32 ->
          TInt32.tensorOf(
              Shape.of(shape), DataBuffers.of(random.ints(size, 0, 5).toArray(), false, false));
      case INT64 ->
          org.tensorflow.types.TInt64.tensorOf(
              Shape.of(shape), DataBuffers.of(random.longs(size, 0, 5).toArray(), false, false));
      case STRING -> {
        String[] words = {"a", "b c", "A, b!", "", "unknown words", "c c c a"};
        String[] v = new String[size];
        for (int i = 0; i < size; i++) {
          v[i] = words[random.nextInt(words.length)];
        }
        yield org.tensorflow.types.TString.tensorOf(Shape.of(shape), DataBuffers.ofObjects(v));
      }
      case FLOAT32 -> {
        float[] v = new float[size];
        for (int j = 0; j < size; j++) {
          v[j] = (float) random.nextGaussian();
        }
        yield TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(v, false, false));
      }
    };
  }

  /**
   * Runs with the pending feeds (then closes them), fetching {@code fetch} as floats; targets run
   * too.
   */
  public float[] run(Operand<?> fetch, Op... targets) {
    var runner = session.runner();
    for (int i = 0; i < feeds.size(); i++) {
      runner.feed(feedOps.get(i), feeds.get(i));
    }
    for (Op t : targets) {
      runner.addTarget(t);
    }
    runner.fetch(fetch);
    try (Result r = runner.run()) {
      return floats((TFloat32) r.get(0));
    } finally {
      feeds.stream().filter(t -> borrowed.stream().noneMatch(b -> b == t)).forEach(Tensor::close);
      feeds.clear();
      borrowed.clear();
      feedOps.clear();
    }
  }

  /** The current value of variable {@code name}, flat. */
  public float[] variable(String name) {
    try (Result r = session.runner().fetch(name).run()) {
      return floats((TFloat32) r.get(0));
    }
  }

  /** Overwrites variable {@code name} with {@code values} (its shape). */
  public void assign(String name, float[] values) {
    var v = graph.variables().get(name);
    try (Tensor t = TFloat32.tensorOf(v.shape(), DataBuffers.of(values))) {
      var g = graph.graph();
      // A fresh placeholder + assign per call is fine in tests.
      var tf = org.tensorflow.op.Ops.create(g);
      @SuppressWarnings("unchecked")
      var target = (Operand<TFloat32>) v;
      var p = tf.placeholder(TFloat32.class);
      var a = tf.assign(target, p);
      session.runner().feed(p, t).addTarget(a).run().close();
    }
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Override
  public void close() {
    feeds.stream().filter(t -> borrowed.stream().noneMatch(b -> b == t)).forEach(Tensor::close);
    session.close();
  }
}
