package io.github.kestimator.runtime.session;

import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.spec.Model;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming evaluation over batches: the loss, averaged per example. The compiled metrics
 * (accuracy, AUC, ...) are to come from the graph work's metric accumulators, which are not
 * wired in yet; until then only {@code loss} is reported.
 */
public final class Evaluation {
  private double lossSum;
  private long examples;

  private Evaluation() {}

  public static Evaluation create(Model model) {
    return new Evaluation();
  }

  public void update(HostBatch batch, ModelSession.Step step) {
    lossSum += (double) step.loss() * batch.rows();
    examples += batch.rows();
  }

  /** {@code loss} and each metric by key. */
  public Map<String, Double> result() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss", lossSum / examples);
    return out;
  }
}
