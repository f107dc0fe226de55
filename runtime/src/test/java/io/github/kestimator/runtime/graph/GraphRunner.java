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

/** Test helper: a session over a {@link ModelGraph} that feeds flat arrays and fetches flat floats. */
public final class GraphRunner implements AutoCloseable {
  private final ModelGraph graph;
  private final Session session;
  private final List<Tensor> feeds = new ArrayList<>();
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

  /** Runs with the pending feeds (then closes them), fetching {@code fetch} as floats; targets run too. */
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
      feeds.forEach(Tensor::close);
      feeds.clear();
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
    feeds.forEach(Tensor::close);
    session.close();
  }
}
