package io.github.kestimator.benchmarks;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;

/**
 * A per-op profile of one workload's training step: {@code Bench trace <w1|w2|w3> <runtime|tfraw>
 * [option]} runs warm-up steps, then {@link #TRACED} steps with {@code FULL_TRACE} and sums each op
 * type's kernel time over them from the steps' {@code RunMetadata} (the op types are those the
 * executor ran, after Grappler: {@code _FusedConv2D}, {@code _MklNative...}, ...). Prints {@code
 * TRACE <w> <graph> <op type> count=<n per step> us_per_step=<x>} lines, the largest first, and the
 * untraced steps' mean wall time ({@code TRACE ... wall_ms_per_step=<x>}). {@code w1predict} traces
 * the runtime's W1 prediction graph on batches of 256 instead (a step is one batch predicted).
 */
final class OpTrace {
  static final int WARM_UP = 20;
  static final int TRACED = 20;
  static final int TIMED = 60;

  private OpTrace() {}

  /** The session's graph and the ops a training step feeds, fetches and runs. */
  private record Step(
      Graph graph, Operand<?> features, Operand<?> labels, Operand<?> loss, Op train, Op init) {}

  static void run(String workload, String graphKind, String option) {
    Data data = Data.of(workload.startsWith("w1") ? "w1" : workload);
    ModelGraph mg = null;
    Step step;
    if (workload.equals("w1predict")) { // serving: the prediction graph on batches of 256
      if (!graphKind.equals("runtime")) {
        throw new IllegalArgumentException("w1predict traces the runtime's graph only");
      }
      data = data.withBatchSize(Serve.BATCH);
      mg = ModelGraph.build(W1Binding.INSTANCE.model(), Mode.PREDICT, 1);
      step = new Step(mg.graph(), mg.feature(0), null, mg.output(0), null, mg.initOp());
    } else if (graphKind.equals("runtime")) {
      Model model =
          switch (workload) {
            case "w1" -> W1Binding.INSTANCE.model();
            case "w2" -> W2Binding.INSTANCE.model();
            case "w3" -> W3Binding.INSTANCE.model();
            default -> throw new IllegalArgumentException("unknown workload " + workload);
          };
      mg = ModelGraph.build(model, Mode.TRAIN, 1);
      step = new Step(mg.graph(), mg.feature(0), mg.label(0), mg.loss(), mg.trainOp(), mg.initOp());
    } else {
      RawGraphs.TrainGraph raw = RawGraphs.build(workload);
      step =
          new Step(
              raw.graph(),
              raw.features(),
              raw.graph().operation(RawGraphs.LABELS).output(0),
              raw.loss(),
              raw.train(),
              null);
    }
    ConfigProto config = Bench.sessionConfig(option);
    try (Session s = new Session(step.graph(), config)) {
      if (step.init() != null) {
        s.run(step.init());
      } else {
        s.initialize();
      }
      for (int i = 0; i < WARM_UP; i++) {
        run(s, step, data, i, null);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < TIMED; i++) {
        run(s, step, data, WARM_UP + i, null);
      }
      double wallMs = (System.nanoTime() - t0) / 1e6 / TIMED;
      RunOptions trace =
          RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
      Map<String, long[]> byType = new HashMap<>();
      for (int i = 0; i < TRACED; i++) {
        RunMetadata md = run(s, step, data, i, trace);
        add(md.getStepStats(), byType);
      }
      String label = workload + " " + graphKind + (option.isEmpty() ? "" : "+" + option);
      System.out.printf(Locale.ROOT, "TRACE %s wall_ms_per_step=%.2f%n", label, wallMs);
      long total = byType.values().stream().mapToLong(v -> v[1]).sum();
      System.out.printf(
          Locale.ROOT, "TRACE %s all_ops us_per_step=%.0f%n", label, (double) total / TRACED);
      byType.entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]))
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "TRACE %s %s count=%d us_per_step=%.0f%n",
                      label,
                      e.getKey(),
                      e.getValue()[0] / TRACED,
                      (double) e.getValue()[1] / TRACED));
    } finally {
      if (mg != null) {
        mg.close();
      } else {
        step.graph().close();
      }
    }
  }

  private static RunMetadata run(Session s, Step step, Data data, int i, RunOptions options) {
    int b = i % data.stepsPerEpoch();
    try (Tensor x = data.features(b);
        Tensor y = data.labels(b)) {
      Session.Runner r = s.runner().feed(step.features(), x).fetch(step.loss());
      if (step.train() != null) {
        r.feed(step.labels(), y).addTarget(step.train());
      }
      if (options == null) {
        r.run().close();
        return null;
      }
      try (Result result = r.setOptions(options).runAndFetchMetadata()) {
        return result.getMetadata().orElseThrow();
      }
    }
  }

  /** Adds each node's kernel time (op start to op end) under its op type. */
  private static void add(StepStats stats, Map<String, long[]> byType) {
    for (DeviceStepStats dev : stats.getDevStatsList()) {
      for (NodeExecStats n : dev.getNodeStatsList()) {
        String type = opType(n);
        long us = n.getOpEndRelMicros() - n.getOpStartRelMicros();
        long[] v = byType.computeIfAbsent(type, k -> new long[2]);
        v[0]++;
        v[1] += us;
      }
    }
  }

  /** The op type from the timeline label "name = Type(inputs)", else the node name. */
  private static String opType(NodeExecStats n) {
    String l = n.getTimelineLabel();
    int eq = l.indexOf(" = ");
    int paren = l.indexOf('(', Math.max(eq, 0));
    if (eq >= 0 && paren > eq) {
      return l.substring(eq + 3, paren);
    }
    return n.getNodeName().isEmpty() ? "?" : "(" + n.getNodeName() + ")";
  }
}
