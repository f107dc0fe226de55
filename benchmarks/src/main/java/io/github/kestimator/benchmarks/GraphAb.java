package io.github.kestimator.benchmarks;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Session;

/**
 * Two session options side by side on the runtime's training graph of one workload, in one JVM:
 * {@code Bench ab <w1|w2|w3> <optionA> <optionB> [rounds]} builds a fresh graph and session per
 * round and option, alternating A, B, A, B, ..., and prints {@code AB <w> <A> <B> A=<ms> B=<ms>
 * B/A=<ratio>} (median ms per step over the rounds; 5 by default). An option is one of {@link
 * Bench#sessionConfig}'s, or {@code default}. Alternating within one process is what makes a 5%
 * difference readable on a machine whose figures move 10-20% between runs.
 */
final class GraphAb {
  static final int WARM_UP = 10;
  static final int STEPS = 100;

  private GraphAb() {}

  static void run(String workload, String optionA, String optionB, int rounds) {
    Data data = Data.of(workload);
    Model model = GraphThroughput.model(workload);
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      a.add(msPerStep(model, data, optionA));
      b.add(msPerStep(model, data, optionB));
      Bench.note(
          "round %d: %s %.2f ms, %s %.2f ms per step", r, optionA, a.get(r), optionB, b.get(r));
    }
    double ma = median(a);
    double mb = median(b);
    System.out.printf(
        Locale.ROOT,
        "AB %s %s %s A=%.2f B=%.2f B/A=%.3f%n",
        workload,
        optionA,
        optionB,
        ma,
        mb,
        mb / ma);
  }

  private static double msPerStep(Model model, Data data, String option) {
    try (ModelGraph g = ModelGraph.build(model, Mode.TRAIN, 1);
        Session s =
            new Session(g.graph(), Bench.sessionConfig(option.equals("default") ? "" : option))) {
      s.run(g.initOp());
      for (int i = 0; i < WARM_UP; i++) {
        GraphThroughput.step(s, g, data, i);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < STEPS; i++) {
        GraphThroughput.step(s, g, data, WARM_UP + i);
      }
      return (System.nanoTime() - t0) / 1e6 / STEPS;
    }
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
