package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.metrics.Metrics;
import java.util.Map;

/**
 * One evaluation over many batches: feeds each batch's outputs, labels and loss to the model's
 * streaming metrics, so the result covers the whole evaluation, not an average of batch values.
 */
public final class Evaluation {
  private final Model model;
  private final Metrics metrics;

  private Evaluation(Model model) {
    this.model = model;
    this.metrics = Metrics.of(model);
  }

  public static Evaluation create(Model model) {
    return new Evaluation(model);
  }

  public void update(HostBatch batch, ModelSession.Step step) {
    for (int slot = 0; slot < model.outputs().size(); slot++) {
      Object labels = batch.label(slot);
      if (labels instanceof int[] ids) {
        metrics.update(slot, step.outputs().values(slot), ids, batch.rows());
      } else {
        metrics.update(slot, step.outputs().values(slot), (float[]) labels, batch.rows());
      }
    }
    metrics.addLoss(step.loss(), step.outputLosses(), batch.rows());
  }

  /** {@code loss}, each output's loss (several outputs) and each compiled metric by key. */
  public Map<String, Double> result() {
    return metrics.results();
  }
}
