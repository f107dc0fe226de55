package io.github.kestimator.runtime;

import io.github.kestimator.runtime.export.Exporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * tf.estimator.EvalSpec: the evaluation input, how many batches an evaluation reads, how often it
 * may run, the exporters run after it, and early stopping.
 *
 * @param <M> the metrics type the exporters and the early stopping read; {@link #exporters} and
 *     {@link #earlyStopping} narrow it to theirs (e.g. {@code SentimentMetrics})
 */
public final class EvalSpec<F, L, M> {
  /** tf.estimator's default throttle: at most one evaluation every 600 s. */
  public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(600);

  private final Input<F, L> input;
  private final long steps;
  private final Duration throttle;
  private final List<Exporter<? super M>> exporters;
  private final EarlyStopping<? super M> earlyStopping;

  private EvalSpec(
      Input<F, L> input,
      long steps,
      Duration throttle,
      List<Exporter<? super M>> exporters,
      EarlyStopping<? super M> earlyStopping) {
    this.input = Objects.requireNonNull(input, "input");
    this.steps = steps;
    this.throttle = throttle;
    this.exporters = List.copyOf(exporters);
    this.earlyStopping = earlyStopping;
  }

  /**
   * Evaluates on all of {@code input}, at most every 600 s (tf's defaults), with no exporters and
   * no early stopping.
   */
  public static <F, L> EvalSpec<F, L, Object> of(Input<F, L> input) {
    return new EvalSpec<>(input, Long.MAX_VALUE, DEFAULT_THROTTLE, List.of(), null);
  }

  /**
   * Evaluates on at most {@code steps} batches of the input (tf's {@code steps}; by default all of
   * it).
   */
  public EvalSpec<F, L, M> steps(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "eval steps must be >= 1 batch, got "
              + steps
              + " (leave steps unset to evaluate the whole input)");
    }
    return new EvalSpec<>(input, steps, throttle, exporters, earlyStopping);
  }

  /**
   * Evaluates a new checkpoint only if at least {@code interval} passed since the last evaluation
   * (tf's {@code throttle_secs}); {@link Duration#ZERO} evaluates every new checkpoint.
   */
  public EvalSpec<F, L, M> throttle(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the eval throttle must be >= 0, got " + interval);
    }
    return new EvalSpec<>(input, steps, interval, exporters, earlyStopping);
  }

  /**
   * Replaces the exporters, which run after each evaluation. Their metrics type narrows this
   * spec's, e.g. {@code exporters(BestExporter.maximize("best", SentimentMetrics::auc))} makes it
   * {@code SentimentMetrics}.
   *
   * @throws IllegalArgumentException when two exporters have the same name
   */
  @SafeVarargs
  public final <N extends M> EvalSpec<F, L, N> exporters(Exporter<? super N>... exporters) {
    List<Exporter<? super N>> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Exporter<? super N> e : exporters) {
      if (!names.add(Objects.requireNonNull(e, "exporter").name())) {
        throw new IllegalArgumentException(
            "two exporters are named '"
                + e.name()
                + "': each writes export/<name>/, "
                + "so give them different names");
      }
      list.add(e);
    }
    return new EvalSpec<>(input, steps, throttle, list, earlyStopping);
  }

  /**
   * Stops training when the evaluations stop improving, e.g. {@code
   * earlyStopping(EarlyStopping.minimize(SentimentMetrics::loss).patience(5))}; its metrics type
   * narrows this spec's. Not supported on a cluster yet.
   */
  public <N extends M> EvalSpec<F, L, N> earlyStopping(EarlyStopping<? super N> rule) {
    return new EvalSpec<>(
        input,
        steps,
        throttle,
        List.<Exporter<? super N>>copyOf(exporters),
        Objects.requireNonNull(rule, "rule"));
  }

  public Input<F, L> input() {
    return input;
  }

  /**
   * The most batches an evaluation reads; {@link Long#MAX_VALUE} for the whole input (the default).
   */
  public long steps() {
    return steps;
  }

  /** The least time between two evaluations. */
  public Duration throttle() {
    return throttle;
  }

  public List<Exporter<? super M>> exporters() {
    return exporters;
  }

  /** The early stopping rule, or empty for none. */
  public Optional<EarlyStopping<? super M>> earlyStopping() {
    return Optional.ofNullable(earlyStopping);
  }
}
