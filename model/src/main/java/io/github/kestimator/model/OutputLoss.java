package io.github.kestimator.model;

import java.util.List;

/**
 * One output's training settings in a {@link CompileSpec} with a loss per output (Keras' {@code
 * compile(loss={"price": "mse", ...}, loss_weights={...}, metrics={...})}).
 *
 * @param output the output layer's name
 * @param loss its loss
 * @param fromLogits Keras' {@code from_logits=True} on this loss: the output is a linear layer's
 *     logits
 * @param weight its loss weight in the total loss ({@code loss_weights}; Keras' default 1.0): the
 *     total is the sum over outputs of {@code weight * loss}
 * @param metrics its metrics
 */
public record OutputLoss(
    String output, Loss loss, boolean fromLogits, double weight, List<Metric> metrics) {
  public OutputLoss {
    metrics = List.copyOf(metrics);
  }

  /** Weight 1, no metrics, not from logits. */
  public static OutputLoss of(String output, Loss loss) {
    return new OutputLoss(output, loss, false, 1.0, List.of());
  }
}
