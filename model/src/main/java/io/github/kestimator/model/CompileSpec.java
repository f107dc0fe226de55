package io.github.kestimator.model;

import java.util.List;

/** Keras' {@code model.compile(optimizer, loss, metrics)}; one loss for every output. */
public record CompileSpec(
    OptimizerSpec optimizer, Loss loss, boolean fromLogits, List<Metric> metrics) {
  public CompileSpec {
    metrics = List.copyOf(metrics);
  }
}
