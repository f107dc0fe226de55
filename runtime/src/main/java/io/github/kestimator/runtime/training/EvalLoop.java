package io.github.kestimator.runtime.training;

import io.github.kestimator.runtime.EarlyStopping;
import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.export.Exporter;
import io.github.kestimator.runtime.session.CheckpointEvaluator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation side of one trainAndEvaluate run: evaluates new checkpoints unless the spec's
 * throttle holds them back, runs the exporters after each evaluation, and decides when early
 * stopping ends training.
 *
 * @param <N> the metrics type the spec's exporters and early stopping read
 */
final class EvalLoop<F, L, N> {
  private static final Logger LOG = LoggerFactory.getLogger(EvalLoop.class);

  private final EvalSpec<F, L, N> spec;
  private final CheckpointEvaluator<F, L> evaluator;
  private final Function<MetricValues, ? extends N> metrics;
  private final Exporter.SavedModelWriter writer;
  private final Path exportRoot;
  private long lastEvaluatedStep = -1;
  private long lastEvalNanos;
  private MetricValues last;
  private double best = Double.NaN;
  private int notImproved;

  EvalLoop(
      EvalSpec<F, L, N> spec,
      CheckpointEvaluator<F, L> evaluator,
      Function<MetricValues, ? extends N> metrics,
      Exporter.SavedModelWriter writer,
      Path exportRoot) {
    this.spec = spec;
    this.evaluator = evaluator;
    this.metrics = metrics;
    this.writer = writer;
    this.exportRoot = exportRoot;
  }

  /**
   * Takes {@code step} as evaluated: the checkpoint training started from is not news (tf skips it
   * too).
   */
  void alreadySeen(long step) {
    lastEvaluatedStep = step;
  }

  long lastEvaluatedStep() {
    return lastEvaluatedStep;
  }

  /** The last evaluation's values, or empty before the first. */
  Optional<MetricValues> last() {
    return Optional.ofNullable(last);
  }

  /** Whether the throttle holds back an evaluation now. */
  boolean throttled() {
    return last != null && System.nanoTime() - lastEvalNanos < spec.throttle().toNanos();
  }

  /**
   * The trainer's checkpoint listener: evaluates and exports checkpoint {@code step}; returns true
   * to stop training.
   */
  boolean afterCheckpoint(long step) {
    if (step == lastEvaluatedStep) {
      return false;
    }
    if (throttled()) {
      LOG.info(
          "Skipping the evaluation of checkpoint {}: {} s of the {} s throttle passed.",
          step,
          (System.nanoTime() - lastEvalNanos) / 1_000_000_000L,
          spec.throttle().toSeconds());
      return false;
    }
    evaluate();
    export(false);
    return earlyStop();
  }

  /** Evaluates the latest checkpoint. */
  MetricValues evaluate() {
    last = evaluator.evaluate(spec.input(), spec.steps());
    lastEvaluatedStep = last.globalStep();
    lastEvalNanos = System.nanoTime();
    return last;
  }

  /** Runs every exporter on the last evaluation; {@code isFinal} for the one that ends the run. */
  void export(boolean isFinal) {
    N typed = metrics.apply(last);
    for (Exporter<? super N> e : spec.exporters()) {
      Path dir = exportRoot.resolve(e.name());
      Optional<Path> out = e.export(new Exporter.Request<>(dir, typed, last, isFinal, writer));
      out.ifPresent(p -> LOG.info("Exporter '{}' wrote {}", e.name(), p));
    }
  }

  /** Whether the spec's early stopping ends training after the last evaluation. */
  private boolean earlyStop() {
    Optional<EarlyStopping<? super N>> found = spec.earlyStopping();
    if (found.isEmpty()) {
      return false;
    }
    EarlyStopping<? super N> rule = found.get();
    double v = rule.objective().value(metrics.apply(last), last);
    if (rule.objective().improves(v, best)) {
      best = v;
      notImproved = 0;
      return false;
    }
    notImproved++;
    if (notImproved >= rule.patience()) {
      LOG.info(
          "Early stopping at global step {}: {} has not improved on {} for {} evaluations.",
          lastEvaluatedStep,
          rule.objective().describe(last, v),
          CheckpointEvaluator.format(best),
          notImproved);
      return true;
    }
    return false;
  }
}
