package io.github.kestimator.benchmarks;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * Train-step throughput of the runtime's graphs alone for the WORKLOADS.md models: no input
 * pipeline, no estimator, one session run per batch of {@link Data}'s tensors. For comparing graph
 * changes: {@code Bench graph [w1 w2 w3]} prints {@code BENCH graph <workload> examples_per_sec=<n>
 * ms_per_step=<x>}.
 */
final class GraphThroughput {
  static final int WARM_UP = 10;
  static final int STEPS = 60;

  private GraphThroughput() {}

  static void run(String workload) {
    Data data = Data.of(workload);
    Model model = model(workload);
    try (ModelGraph g = ModelGraph.build(model, Mode.TRAIN, 1);
        Session s = new Session(g.graph())) {
      s.run(g.initOp());
      for (int i = 0; i < WARM_UP; i++) {
        step(s, g, data, i);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < STEPS; i++) {
        step(s, g, data, WARM_UP + i);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "BENCH graph %s examples_per_sec=%.0f ms_per_step=%.1f%n",
          workload,
          STEPS * data.batchSize / secs,
          secs * 1000 / STEPS);
    }
  }

  /** The annotated model of a workload. */
  static Model model(String workload) {
    return switch (workload) {
      case "w1" -> W1Binding.INSTANCE.model();
      case "w2" -> W2Binding.INSTANCE.model();
      case "w3" -> W3Binding.INSTANCE.model();
      default ->
          throw new IllegalArgumentException("unknown workload " + workload + " (w1, w2, w3)");
    };
  }

  /** One training step on batch {@code i} of the epoch; fails on a loss that is not finite. */
  static void step(Session s, ModelGraph g, Data data, int i) {
    int b = i % data.stepsPerEpoch();
    try (Tensor x = data.features(b);
        Tensor y = data.labels(b);
        Result r =
            s.runner()
                .feed(g.feature(0), x)
                .feed(g.label(0), y)
                .fetch(g.loss())
                .addTarget(g.trainOp())
                .run()) {
      if (!Float.isFinite(((org.tensorflow.types.TFloat32) r.get(0)).getFloat())) {
        throw new IllegalStateException(data.workload + ": the loss is not finite at step " + i);
      }
    }
  }
}
