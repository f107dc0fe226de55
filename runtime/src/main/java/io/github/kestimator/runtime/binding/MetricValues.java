package io.github.kestimator.runtime.binding;

import java.util.Map;

/**
 * The result of an evaluation, untyped: the loss, each compiled metric by its key ({@link
 * io.github.kestimator.model.CompiledMetric#key()}), and the global step.
 */
public record MetricValues(Map<String, Double> values, long globalStep) {
  public MetricValues {
    values = Map.copyOf(values);
  }

  /** A metric's value by key, e.g. {@code loss}, {@code accuracy}, {@code auc}. */
  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + key + "' in " + values.keySet());
    }
    return v;
  }
}
