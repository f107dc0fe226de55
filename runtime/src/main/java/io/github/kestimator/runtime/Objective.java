package io.github.kestimator.runtime;

import io.github.kestimator.runtime.binding.MetricValues;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Which evaluations are better: a metric read from the typed metrics, e.g. {@code
 * SentimentMetrics::auc}, and whether lower or higher is better. The one way {@link
 * io.github.kestimator.runtime.export.BestExporter} and {@link EarlyStopping} compare evaluations
 * (tf.estimator's {@code compare_fn} and the metric of {@code stop_if_no_decrease_hook}).
 *
 * @param <M> the metrics type the metric is read from
 */
public final class Objective<M> {
  private final ToDoubleFunction<? super M> metric;
  private final String key;
  private final boolean maximize;

  private Objective(ToDoubleFunction<? super M> metric, String key, boolean maximize) {
    this.metric = metric;
    this.key = key;
    this.maximize = maximize;
  }

  /** Lower {@code metric} is better, e.g. {@code Objective.minimize(SentimentMetrics::loss)}. */
  public static <M> Objective<M> minimize(ToDoubleFunction<M> metric) {
    return new Objective<>(Objects.requireNonNull(metric, "metric"), null, false);
  }

  /** Higher {@code metric} is better, e.g. {@code Objective.maximize(SentimentMetrics::auc)}. */
  public static <M> Objective<M> maximize(ToDoubleFunction<M> metric) {
    return new Objective<>(Objects.requireNonNull(metric, "metric"), null, true);
  }

  /**
   * Lower evaluation loss is better, for any metrics type (the loss is in every evaluation's
   * values).
   */
  public static <M> Objective<M> minimizeLoss() {
    return new Objective<>(null, "loss", false);
  }

  /**
   * The metric's value in one evaluation: read from its typed {@code metrics}, or by key from its
   * {@code values}.
   */
  public double value(M metrics, MetricValues values) {
    return metric != null ? metric.applyAsDouble(metrics) : values.get(key);
  }

  /** True when lower is better. */
  public boolean minimizes() {
    return !maximize;
  }

  /**
   * Whether {@code value} beats {@code best}: strictly lower (or higher) than it, or any number
   * when {@code best} is NaN (no evaluation yet). A NaN value never improves.
   */
  public boolean improves(double value, double best) {
    if (Double.isNaN(value)) {
      return false;
    }
    return Double.isNaN(best) || (maximize ? value > best : value < best);
  }

  /**
   * The metric's name for a log line: the key of {@code values} that holds exactly {@code value} (a
   * typed metric is copied from its key, so {@code SentimentMetrics::auc} reads as {@code auc}),
   * else "the metric".
   */
  public String describe(MetricValues values, double value) {
    if (key != null) {
      return key;
    }
    String found = null;
    for (Map.Entry<String, Double> e : values.values().entrySet()) {
      if (e.getValue() == value) {
        if (found != null) {
          return "the metric";
        }
        found = e.getKey();
      }
    }
    return found != null ? found : "the metric";
  }

  @Override
  public String toString() {
    return (maximize ? "maximize " : "minimize ") + (key != null ? key : "a metric");
  }
}
