package io.github.kestimator.runtime.training;

import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.distribute.ClusterTraining;
import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.export.Exporter;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.modeldir.ModelDirLock;
import io.github.kestimator.runtime.session.CheckpointEvaluator;
import io.github.kestimator.runtime.session.ModelSession;
import io.github.kestimator.runtime.session.Trainer;
import io.github.kestimator.runtime.session.TrainerCache;
import io.github.kestimator.runtime.session.WarmStart;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tf.estimator.train_and_evaluate's executor (its {@code training.py}): plays this process's role
 * from {@link RunConfig#cluster()}, {@code TF_CONFIG} as tf.estimator reads it.
 *
 * <ul>
 *   <li>local (no cluster): trains up to max steps, evaluating each new checkpoint (unless
 *       throttled) and running the exporters after each evaluation, stopping early when the spec
 *       says so; ends with a final evaluation and the final exports;
 *   <li>{@code chief}: restores or initializes the shared variables on the ps tasks, trains, and
 *       writes checkpoints and summaries;
 *   <li>{@code worker}: waits for the chief to initialize the variables, then trains them;
 *   <li>{@code evaluator}: evaluates each new checkpoint the chief writes and runs the exporters,
 *       until it has evaluated one at max steps;
 *   <li>{@code ps}: serves its variables and never returns.
 * </ul>
 *
 * @param <M> the typed metrics the run returns
 */
public final class TrainAndEvaluate<F, L, M> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainAndEvaluate.class);

  /** How often the evaluator looks for a new checkpoint. */
  static final Duration POLL = Duration.ofMillis(500);

  private final ModelBinding<F, L, ?, M> binding;
  private final RunConfig config;
  private final Checkpoints checkpoints;
  private final WarmStart warmStart;
  private final TrainerCache trainers;
  private final CheckpointEvaluator<F, L> evaluator;
  private final Exporter.SavedModelWriter writer;

  /**
   * @param trainers the estimator's kept TRAIN session, which local training uses
   * @param evaluator evaluates the latest checkpoint
   * @param writer exports the latest checkpoint, for the exporters
   */
  public TrainAndEvaluate(
      ModelBinding<F, L, ?, M> binding,
      RunConfig config,
      Checkpoints checkpoints,
      WarmStart warmStart,
      TrainerCache trainers,
      CheckpointEvaluator<F, L> evaluator,
      Exporter.SavedModelWriter writer) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.config = Objects.requireNonNull(config, "config");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.warmStart = Objects.requireNonNull(warmStart, "warmStart");
    this.trainers = Objects.requireNonNull(trainers, "trainers");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /**
   * Plays this process's role.
   *
   * @return the last evaluation's metrics on the local process and the evaluator; empty on the
   *     chief and the workers, which do not evaluate (tf.estimator returns None there)
   * @throws IllegalArgumentException when TF_CONFIG is malformed, quoting the offending part, or
   *     when the spec asks for early stopping on a cluster
   */
  public Optional<M> run(TrainSpec<F, L> trainSpec, EvalSpec<F, L, ? super M> evalSpec) {
    TfConfig cluster = config.cluster();
    boolean isEvaluator = cluster.taskType() == TfConfig.TaskType.EVALUATOR;
    if ((isEvaluator || cluster.isDistributed()) && evalSpec.earlyStopping().isPresent()) {
      throw new IllegalArgumentException(
          "early stopping is not supported in distributed training yet: the evaluator "
              + "cannot stop the chief and the workers; remove earlyStopping from the EvalSpec or train without TF_CONFIG");
    }
    if (isEvaluator) {
      return Optional.of(
          binding.metrics(runEvaluator(cluster.taskName(), trainSpec.maxSteps(), loop(evalSpec))));
    }
    if (!cluster.isDistributed()) {
      return Optional.of(binding.metrics(runLocal(trainSpec, loop(evalSpec))));
    }
    String task = cluster.taskName();
    LOG.info("Running task {} of cluster {}.", task, cluster.cluster());
    switch (cluster.taskType()) {
      case PS -> ClusterTraining.runPs(cluster);
      case CHIEF -> runChief(cluster, trainSpec);
      case WORKER -> runWorker(cluster, trainSpec);
      default -> throw new IllegalStateException("unexpected task " + task);
    }
    return Optional.empty();
  }

  private EvalLoop<F, L, ?> loop(EvalSpec<F, L, ? super M> spec) {
    return loop(spec, binding::metrics);
  }

  /**
   * {@code metrics} gives an {@code M}, a subtype of {@code N}: the spec's exporters and early
   * stopping read it.
   */
  private <N> EvalLoop<F, L, N> loop(
      EvalSpec<F, L, N> spec, Function<MetricValues, ? extends N> metrics) {
    return new EvalLoop<>(spec, evaluator, metrics, writer, config.modelDir().resolve("export"));
  }

  /**
   * One process: trains, evaluating and exporting after new checkpoints; then the final evaluation
   * and exports.
   */
  private MetricValues runLocal(TrainSpec<F, L> trainSpec, EvalLoop<F, L, ?> loop) {
    try (BatchStream batches = trainSpec.input().open(binding)) {
      long step =
          trainers.train(
              () -> trainSpec.adaptInput().openOnePass(binding),
              t -> {
                loop.alreadySeen(t.step());
                return t.run(batches, trainSpec.maxSteps(), loop::afterCheckpoint);
              });
      MetricValues last = loop.last().filter(v -> v.globalStep() == step).orElseGet(loop::evaluate);
      loop.export(true);
      return last;
    }
  }

  /**
   * The chief: trains the shared variables, restoring, checkpointing and writing summaries as one
   * process does.
   */
  private void runChief(TfConfig cluster, TrainSpec<F, L> trainSpec) {
    String task = cluster.taskName();
    try (ModelDirLock lock = ModelDirLock.acquire(config.modelDir())) {
      checkpoints.sweepTemporaryFiles();
      // Adapted, then saved first, so that the restore initializes the shared variables with the
      // initial weights at once.
      trainers.adaptation().adaptMissing(() -> trainSpec.adaptInput().openOnePass(binding));
      warmStart.saveStepZero(config, checkpoints);
      ModelSession s =
          ClusterTraining.openTrainSession(
              binding.model(),
              config.randomSeed(),
              cluster,
              config.sessionConfig(),
              config.modelDir());
      try (Trainer t = Trainer.open(s, config, checkpoints);
          BatchStream batches = trainSpec.input().open(binding)) {
        long step = t.run(batches, trainSpec.maxSteps(), saved -> false);
        LOG.info("task {} ran {} training steps (global step {}).", task, t.localSteps(), step);
      }
    }
  }

  /**
   * A worker: trains the shared variables once the chief has initialized them; no checkpoints, no
   * summaries.
   */
  private void runWorker(TfConfig cluster, TrainSpec<F, L> trainSpec) {
    String task = cluster.taskName();
    try {
      ClusterTraining.awaitAdaptedState(
          binding.model(), config.modelDir(), task, ClusterTraining.WAIT_FOR_CHIEF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("task " + task + " was interrupted", e);
    }
    try (ModelSession s =
            ClusterTraining.openTrainSession(
                binding.model(),
                config.randomSeed(),
                cluster,
                config.sessionConfig(),
                config.modelDir());
        BatchStream batches = trainSpec.input().open(binding)) {
      ClusterTraining.awaitInitialized(s, task, ClusterTraining.WAIT_FOR_CHIEF);
      long ran =
          ClusterTraining.trainWorker(
              s, batches, trainSpec.maxSteps(), config.logStepCountSteps(), task);
      LOG.info("task {} ran {} training steps (global step {}).", task, ran, s.globalStep());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("task " + task + " was interrupted", e);
    }
  }

  /**
   * The evaluator: evaluates each new checkpoint the chief writes (unless throttled) and runs the
   * exporters after it, until it has evaluated a checkpoint at {@code maxSteps}; then the final
   * exports.
   */
  private MetricValues runEvaluator(String task, long maxSteps, EvalLoop<F, L, ?> loop) {
    LOG.info(
        "Task {} evaluates the new checkpoints in {} until global step {}.",
        task,
        config.modelDir(),
        maxSteps);
    int failures = 0;
    while (true) {
      OptionalLong latest = checkpoints.latestStep();
      if (latest.isPresent()
          && latest.getAsLong() > loop.lastEvaluatedStep()
          && !loop.throttled()) {
        try {
          MetricValues values = loop.evaluate();
          failures = 0;
          if (values.globalStep() >= maxSteps) {
            loop.export(true);
            return values;
          }
          loop.export(false);
        } catch (IllegalStateException e) {
          // The chief may delete an old checkpoint while it is read (keepCheckpointMax); the next
          // one will do.
          if (++failures >= 3) {
            throw e;
          }
          LOG.warn(
              "Could not evaluate checkpoint {}, retrying: {}", latest.getAsLong(), e.getMessage());
        }
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the evaluator was interrupted", e);
      }
    }
  }
}
