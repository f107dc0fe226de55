package io.github.kestimator.model;

import java.util.List;

/**
 * Keras' {@code model.compile(optimizer, loss, loss_weights, metrics)}, in one of two forms:
 *
 * <ul>
 *   <li>one loss ({@code outputs} empty): as Keras' {@code compile(loss="mse")}, the loss and the
 *       metrics apply to each output, and the total loss is the sum of the outputs' losses;
 *   <li>a loss per output ({@code loss} null, {@code fromLogits} false, {@code metrics} empty): as
 *       Keras' {@code compile(loss={...}, loss_weights={...}, metrics={...})}, each output's own
 *       loss, weight and metrics ({@link OutputLoss}); the total loss is the sum of {@code weight *
 *       loss}. {@link ModelAnalyzer} checks that every output has exactly one.
 * </ul>
 *
 * @param loss the loss of every output; null in the per-output form
 * @param outputs the per-output settings; empty in the one-loss form
 */
public record CompileSpec(
    OptimizerSpec optimizer,
    Loss loss,
    boolean fromLogits,
    List<Metric> metrics,
    List<OutputLoss> outputs) {
  public CompileSpec {
    metrics = List.copyOf(metrics);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /** The one-loss form. */
  public CompileSpec(OptimizerSpec optimizer, Loss loss, boolean fromLogits, List<Metric> metrics) {
    this(optimizer, loss, fromLogits, metrics, List.of());
  }

  /** The per-output form. */
  public static CompileSpec perOutput(OptimizerSpec optimizer, List<OutputLoss> outputs) {
    return new CompileSpec(optimizer, null, false, List.of(), outputs);
  }

  /** Whether each output has its own loss ({@link #outputs()} given). */
  public boolean perOutput() {
    return !outputs.isEmpty();
  }
}
