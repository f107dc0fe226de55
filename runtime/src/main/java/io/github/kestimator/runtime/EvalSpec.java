package io.github.kestimator.runtime;

import java.util.List;
import java.util.Objects;

/**
 * tf.estimator.EvalSpec: the evaluation input, how many batches an evaluation reads, how often it
 * may run, the exporters run after it, and early stopping.
 *
 * @param <M> the metrics type the exporters read; {@link #exporters} fixes it
 */
public final class EvalSpec<F, L, M> {
  private final Input<F, L> input;
  private final long steps;
  private final long throttleSecs;
  private final List<Exporter<M>> exporters;
  private final EarlyStopping earlyStopping;

  /**
   * Stop training when metric {@code key} has not improved for {@code patience} evaluations in a
   * row (tf.estimator.experimental.stop_if_no_increase_hook / stop_if_no_decrease_hook).
   */
  public record EarlyStopping(String key, boolean higherIsBetter, int patience) {
    public EarlyStopping {
      Objects.requireNonNull(key, "key");
      if (patience < 1) {
        throw new IllegalArgumentException("early stopping patience must be >= 1 evaluation, got " + patience);
      }
    }
  }

  private EvalSpec(Input<F, L> input, long steps, long throttleSecs, List<Exporter<M>> exporters, EarlyStopping earlyStopping) {
    this.input = Objects.requireNonNull(input, "input");
    this.steps = steps;
    this.throttleSecs = throttleSecs;
    this.exporters = List.copyOf(exporters);
    this.earlyStopping = earlyStopping;
  }

  /** Evaluates on all of {@code input}, at most every 600 s (tf's defaults), with no exporters. */
  public static <F, L> EvalSpec<F, L, Object> of(Input<F, L> input) {
    return new EvalSpec<>(input, 0, 600, List.of(), null);
  }

  /** Evaluates on {@code steps} batches; 0 means the whole input. */
  public EvalSpec<F, L, M> steps(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("eval steps must be >= 0 (0 = the whole input), got " + steps);
    }
    return new EvalSpec<>(input, steps, throttleSecs, exporters, earlyStopping);
  }

  /** Evaluates a new checkpoint only if at least {@code interval} (whole seconds) passed since the last evaluation. */
  public EvalSpec<F, L, M> throttle(java.time.Duration interval) {
    return throttleSecs(interval.toSeconds());
  }

  /** Evaluates a new checkpoint only if at least {@code secs} seconds passed since the last evaluation. */
  public EvalSpec<F, L, M> throttleSecs(long secs) {
    if (secs < 0) {
      throw new IllegalArgumentException("throttleSecs must be >= 0, got " + secs);
    }
    return new EvalSpec<>(input, steps, secs, exporters, earlyStopping);
  }

  /** Replaces the exporters; their metrics type becomes this spec's. */
  @SafeVarargs
  public final <N> EvalSpec<F, L, N> exporters(Exporter<N>... exporters) {
    List<Exporter<N>> list = new java.util.ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Exporter<N> e : exporters) {
      if (!names.add(Objects.requireNonNull(e, "exporter").name())) {
        throw new IllegalArgumentException("two exporters are named '" + e.name() + "': each writes export/<name>/, "
            + "so give them different names");
      }
      list.add(e);
    }
    return new EvalSpec<>(input, steps, throttleSecs, list, earlyStopping);
  }

  /**
   * Stops training when metric {@code key} ({@code loss} or a compiled metric's key such as
   * {@code accuracy}) has not improved for {@code patience} evaluations in a row.
   */
  public EvalSpec<F, L, M> earlyStopping(String key, boolean higherIsBetter, int patience) {
    return new EvalSpec<>(input, steps, throttleSecs, exporters, new EarlyStopping(key, higherIsBetter, patience));
  }

  public Input<F, L> input() {
    return input;
  }

  public long steps() {
    return steps;
  }

  public long throttleSecs() {
    return throttleSecs;
  }

  public List<Exporter<M>> exporters() {
    return exporters;
  }

  /** The early stopping rule, or null for none. */
  public EarlyStopping earlyStopping() {
    return earlyStopping;
  }
}
