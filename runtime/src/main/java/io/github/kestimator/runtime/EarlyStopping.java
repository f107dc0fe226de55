package io.github.kestimator.runtime;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Stops {@link Estimator#trainAndEvaluate} when a metric has not improved for {@code patience}
 * evaluations in a row (tf.estimator.experimental.stop_if_no_decrease_hook and
 * stop_if_no_increase_hook; Keras' {@code EarlyStopping} callback): {@code
 * EarlyStopping.minimize(SentimentMetrics::loss).patience(5)}. The metric is read as {@link
 * Objective} reads it, the same way {@code BestExporter.maximize("best", SentimentMetrics::auc)}
 * does.
 *
 * @param <M> the metrics type the metric is read from
 */
public final class EarlyStopping<M> {
  private final Objective<M> objective;
  private final int patience;

  private EarlyStopping(Objective<M> objective, int patience) {
    this.objective = Objects.requireNonNull(objective, "objective");
    if (patience < 1) {
      throw new IllegalArgumentException(
          "early stopping patience must be >= 1 evaluation, got " + patience);
    }
    this.patience = patience;
  }

  /**
   * Stops when {@code metric} has not decreased for one evaluation (give {@link #patience} to wait
   * longer).
   */
  public static <M> EarlyStopping<M> minimize(ToDoubleFunction<M> metric) {
    return new EarlyStopping<>(Objective.minimize(metric), 1);
  }

  /**
   * Stops when {@code metric} has not increased for one evaluation (give {@link #patience} to wait
   * longer).
   */
  public static <M> EarlyStopping<M> maximize(ToDoubleFunction<M> metric) {
    return new EarlyStopping<>(Objective.maximize(metric), 1);
  }

  /** Stops when the evaluation is not better by {@code objective} for one evaluation. */
  public static <M> EarlyStopping<M> of(Objective<M> objective) {
    return new EarlyStopping<>(objective, 1);
  }

  /**
   * Stops only after {@code evaluations} evaluations in a row without improvement (Keras' {@code
   * patience}; the default, 1, stops at the first evaluation that is no better than the best).
   */
  public EarlyStopping<M> patience(int evaluations) {
    return new EarlyStopping<>(objective, evaluations);
  }

  public Objective<M> objective() {
    return objective;
  }

  public int patience() {
    return patience;
  }

  @Override
  public String toString() {
    return "EarlyStopping[" + objective + ", patience " + patience + "]";
  }
}
