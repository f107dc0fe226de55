package io.github.kestimator.runtime;

import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.distribute.ClusterTraining;
import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.export.SavedModelDirs;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.modeldir.EventWriter;
import io.github.kestimator.runtime.modeldir.Fingerprint;
import io.github.kestimator.runtime.modeldir.ModelDirLock;
import io.github.kestimator.runtime.session.Evaluation;
import io.github.kestimator.runtime.session.ModelSession;
import io.github.kestimator.runtime.session.OutputArrays;
import io.github.kestimator.runtime.session.Trainer;
import io.github.kestimator.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * tf.estimator's Estimator for one model: train, evaluate, predict and export, with checkpoints
 * in a model directory laid out as TensorFlow's. Generated {@code FooEstimator} classes extend it
 * with their record types.
 *
 * <p>The model directory is the state, as in tf.estimator, so a new estimator on the same
 * directory carries on where the last one stopped. Evaluate, predict and export open their own
 * graph and session and close them before they return (a predict stream when it is exhausted or
 * closed). Training keeps its session between calls while the model directory's latest checkpoint
 * is the one it saved last, and {@link #close()} releases it.
 *
 * <p>A model with starting weights ({@link ModelBinding#initialWeightsResource()}) is warm-started
 * when the estimator is built on a directory without a checkpoint: step 0 is saved with those
 * weights ({@link InitialWeights#warmStart}).
 */
public class Estimator<F, L, P, M> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Estimator.class);
  /** Rows per batch when predicting from an iterable of features. */
  static final int PREDICT_BATCH_SIZE = 128;

  private final ModelBinding<F, L, P, M> binding;
  private final Model model;
  private final RunConfig config;
  private final Checkpoints checkpoints;
  /** The TRAIN session kept from the last train call, or null (see {@link #train(java.util.function.Function)}). */
  private Trainer trainer;

  protected Estimator(ModelBinding<F, L, P, M> binding, RunConfig config) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.config = Objects.requireNonNull(config, "config");
    this.model = binding.model();
    if (config.modelDir() == null) {
      throw new IllegalArgumentException("RunConfig has no model directory");
    }
    try {
      Files.createDirectories(config.modelDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create model dir " + config.modelDir() + ": " + e.getMessage(), e);
    }
    this.checkpoints = new Checkpoints(config.modelDir(), config.keepCheckpointMax());
    warmStart();
  }

  /**
   * When the binding names initial weights ({@code @KerasModel(weights = ...)}) and the model
   * directory has no checkpoint yet, saves them as step 0 (once per directory: afterwards the
   * directory has a checkpoint and resumes from it). On a cluster only the chief does this.
   */
  private void warmStart() {
    String resource = binding.initialWeightsResource();
    if (resource == null || resource.isEmpty() || checkpoints.latestStep().isPresent()
        || config.cluster().taskType() != TfConfig.TaskType.CHIEF) {
      return;
    }
    InitialWeights.warmStart(model, config, InitialWeights.fromResource(binding.getClass(), resource, model));
  }

  /** Trains {@code steps} more steps (fewer if the input ends), resuming from the latest checkpoint; returns the global step. */
  public long train(Input<F, L> input, long steps) {
    return train(input, steps, StepListener.NONE);
  }

  /**
   * As {@link #train(Input, long)}, telling {@code listener} the loss of every step (e.g. to record
   * a loss curve, or to compare a run with Keras' {@code train_on_batch} losses).
   */
  public long train(Input<F, L> input, long steps, StepListener listener) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be > 0, got " + steps);
    }
    Objects.requireNonNull(listener, "listener");
    try (BatchStream batches = input.open(binding)) {
      return train(t -> t.run(batches, t.step() + steps, s -> false, listener));
    }
  }

  /** Trains until the global step reaches {@code maxSteps} (or the input ends); returns the global step. */
  public long trainUntil(Input<F, L> input, long maxSteps) {
    try (BatchStream batches = input.open(binding)) {
      return train(t -> t.run(batches, maxSteps, s -> false));
    }
  }

  /**
   * Runs {@code training} on the TRAIN session of the previous call when the model dir's latest
   * checkpoint is still the one that session saved last, else on a session restored from the model
   * dir. tf.estimator rebuilds its graph on every call; keeping it saves that (1.7 s a call on the
   * sentiment model) without changing results, since the kept session holds exactly the saved
   * checkpoint. A session that failed is dropped: its variables may hold a half-applied step.
   */
  private synchronized <T> T train(java.util.function.Function<Trainer, T> training) {
    try (ModelDirLock lock = ModelDirLock.acquire(config.modelDir())) {
      checkpoints.sweepTemporaryFiles();
      if (trainer == null || !checkpoints.latestStep().equals(java.util.OptionalLong.of(trainer.step()))) {
        closeTrainer();
        trainer = Trainer.open(model, config, checkpoints);
      }
      try {
        return training.apply(trainer);
      } catch (RuntimeException e) {
        closeTrainer();
        throw e;
      }
    }
  }

  private synchronized void closeTrainer() {
    if (trainer != null) {
      Trainer t = trainer;
      trainer = null;
      t.close();
    }
  }

  /**
   * Evaluates the latest checkpoint on all of {@code input} (which must end: not {@code repeat()}ed),
   * logs the metrics and writes them as scalars to {@code <model_dir>/eval/}.
   */
  public M evaluate(Input<F, L> input) {
    return evaluate(input, 0);
  }

  /**
   * Evaluates the latest checkpoint on {@code steps} batches (all of the input if {@code steps <= 0}),
   * logs the metrics and writes them as scalars to {@code <model_dir>/eval/}.
   */
  public M evaluate(Input<F, L> input, long steps) {
    return binding.metrics(evaluateValues(input, steps));
  }

  private MetricValues evaluateValues(Input<F, L> input, long steps) {
    try (ModelSession s = ModelSession.open(model, Mode.EVAL, config)) {
      long step = restore(s, false);
      Evaluation eval = Evaluation.create(model);
      long n = 0;
      try (BatchStream batches = input.open(binding)) {
        while ((steps <= 0 || n < steps) && batches.hasNext()) {
          HostBatch batch = batches.next();
          eval.update(batch, s.run(batch));
          n++;
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("evaluation input " + input + " gave no batches");
      }
      Map<String, Double> values = eval.result();
      LOG.info("Saving dict for global step {}: {}", step, new TreeMap<>(values).entrySet().stream()
          .map(e -> e.getKey() + " = " + format(e.getValue())).collect(Collectors.joining(", ")));
      try (EventWriter events = EventWriter.open(config.modelDir().resolve("eval"))) {
        events.scalars(step, values);
      }
      return new MetricValues(values, step);
    }
  }

  /** Predicts lazily from the latest checkpoint; close the stream (or read it to the end) to free the session. */
  public Stream<P> predict(Iterable<F> features) {
    ModelSession s = ModelSession.open(model, Mode.PREDICT, config);
    BatchStream batches;
    try {
      restore(s, false);
      batches = Input.openFeatures(features, binding, PREDICT_BATCH_SIZE);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable close = () -> {
      if (closed.compareAndSet(false, true)) {
        try (s) {
          batches.close();
        }
      }
    };
    Iterator<P> it = new Iterator<>() {
      private final ArrayDeque<P> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && !closed.get()) {
          if (!batches.hasNext()) {
            close.run();
            break;
          }
          HostBatch batch = batches.next();
          OutputArrays out = s.run(batch).outputs();
          for (int row = 0; row < batch.rows(); row++) {
            ready.add(binding.prediction(out, row));
          }
        }
        return !ready.isEmpty();
      }

      @Override
      public P next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false).onClose(close);
  }

  /**
   * Writes the latest checkpoint as a SavedModel to {@code base/<unix seconds>/} and returns that
   * directory. Its {@code serving_default} signature takes the features by name and returns the
   * outputs by layer name. Never overwrites an export.
   */
  public Path exportSavedModel(Path base) {
    try (ModelSession s = ModelSession.open(model, Mode.PREDICT, config)) {
      long step = restore(s, false);
      Signature.Builder sig = Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict");
      for (int i = 0; i < model.features().size(); i++) {
        sig.input(model.features().get(i).name(), s.graph().feature(i));
      }
      for (int i = 0; i < model.outputs().size(); i++) {
        sig.output(model.outputs().get(i).layer(), s.graph().output(i));
      }
      Signature signature = sig.build();
      Path dir = SavedModelDirs.create(base, tmp -> {
        try {
          SavedModelBundle.exporter(tmp.toString()).withSession(s.session()).withSignature(signature).export();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write SavedModel to " + tmp + ": " + e.getMessage(), e);
        }
      });
      LOG.info("Exported the checkpoint of global step {} to {}", step, dir);
      return dir;
    }
  }

  /**
   * tf.estimator.train_and_evaluate: trains up to {@code trainSpec.maxSteps()}, evaluating each
   * new checkpoint (at most every {@code throttleSecs}) and running the exporters after each
   * evaluation; stops early when the spec's early stopping metric stops improving; ends with a
   * final evaluation and the final exports.
   *
   * <p>On a cluster ({@link RunConfig#cluster()}: {@code TF_CONFIG}, as tf.estimator) each process
   * plays its task's role with the same code: a {@code ps} serves variables and never returns; the
   * {@code chief} and the {@code worker}s train the shared variables asynchronously up to max steps,
   * the chief restoring, checkpointing and writing summaries; the {@code evaluator} evaluates each
   * new checkpoint and runs the exporters until it has evaluated one at max steps.
   *
   * @return the last evaluation's metrics; null on a chief or worker, which do not evaluate (as
   *     tf.estimator's train_and_evaluate returns None there)
   * @throws IllegalArgumentException when TF_CONFIG is malformed, quoting the offending part
   */
  public M trainAndEvaluate(TrainSpec<F, L> trainSpec, EvalSpec<F, L, ? super M> evalSpec) {
    TfConfig cluster = config.cluster();
    boolean evaluator = cluster.taskType() == TfConfig.TaskType.EVALUATOR;
    if ((evaluator || cluster.isDistributed()) && evalSpec.earlyStopping() != null) {
      throw new IllegalArgumentException("early stopping is not supported in distributed training yet: the evaluator "
          + "cannot stop the chief and the workers; remove earlyStopping from the EvalSpec or train without TF_CONFIG");
    }
    if (evaluator) {
      return evaluateCheckpoints(cluster.taskName(), trainSpec.maxSteps(), evalSpec);
    }
    if (cluster.isDistributed()) {
      trainOnCluster(cluster, trainSpec);
      return null;
    }
    EvalLoop<?> loop = new EvalLoop<>(evalSpec);
    try (BatchStream batches = trainSpec.input().open(binding)) {
      long step = train(t -> {
        loop.lastEvaluatedStep = t.step(); // a restored or fresh checkpoint is not news (tf skips the first one too)
        return t.run(batches, trainSpec.maxSteps(), loop::afterCheckpoint);
      });
      if (loop.last == null || loop.lastEvaluatedStep != step) {
        loop.evaluate();
      }
      loop.export(true);
      return loop.last;
    }
  }

  /** The ps, chief and worker tasks of {@link #trainAndEvaluate}. */
  private void trainOnCluster(TfConfig cluster, TrainSpec<F, L> trainSpec) {
    String task = cluster.taskName();
    LOG.info("Running task {} of cluster {}.", task, cluster.cluster());
    switch (cluster.taskType()) {
      case PS -> ClusterTraining.runPs(cluster);
      case CHIEF -> {
        try (ModelDirLock lock = ModelDirLock.acquire(config.modelDir())) {
          checkpoints.sweepTemporaryFiles();
          trainAsChief(task, trainSpec, ClusterTraining.openTrainSession(model, config.randomSeed(), cluster,
              config.sessionConfig()));
        }
      }
      case WORKER -> {
        try (ModelSession s = ClusterTraining.openTrainSession(model, config.randomSeed(), cluster, config.sessionConfig());
            BatchStream batches = trainSpec.input().open(binding)) {
          ClusterTraining.awaitInitialized(s, task, ClusterTraining.WAIT_FOR_CHIEF);
          long ran = ClusterTraining.trainWorker(s, batches, trainSpec.maxSteps(), config.logStepCountSteps(), task);
          LOG.info("task {} ran {} training steps (global step {}).", task, ran, s.globalStep());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("task " + task + " was interrupted", e);
        }
      }
      default -> throw new IllegalStateException("unexpected task " + task);
    }
  }

  private void trainAsChief(String task, TrainSpec<F, L> trainSpec, ModelSession s) {
    try (Trainer t = Trainer.open(s, config, checkpoints); BatchStream batches = trainSpec.input().open(binding)) {
      long step = t.run(batches, trainSpec.maxSteps(), saved -> false);
      LOG.info("task {} ran {} training steps (global step {}).", task, t.localSteps(), step);
    }
  }

  /**
   * The evaluator task: evaluates each new checkpoint the chief writes (at most every
   * {@code throttleSecs}) and runs the exporters after it, until it has evaluated a checkpoint at
   * {@code maxSteps}; then the final exports.
   */
  private M evaluateCheckpoints(String task, long maxSteps, EvalSpec<F, L, ? super M> evalSpec) {
    EvalLoop<?> loop = new EvalLoop<>(evalSpec);
    LOG.info("Task {} evaluates the new checkpoints in {} until global step {}.", task, config.modelDir(), maxSteps);
    int failures = 0;
    while (true) {
      OptionalLong latest = checkpoints.latestStep();
      boolean throttled = loop.last != null
          && System.nanoTime() - loop.lastEvalNanos < evalSpec.throttleSecs() * 1_000_000_000L;
      if (latest.isPresent() && latest.getAsLong() > loop.lastEvaluatedStep && !throttled) {
        try {
          loop.evaluate();
          failures = 0;
          if (loop.lastEvaluatedStep >= maxSteps) {
            loop.export(true);
            return loop.last;
          }
          loop.export(false);
        } catch (IllegalStateException e) {
          // The chief may delete an old checkpoint while it is read (keepCheckpointMax); the next one will do.
          if (++failures >= 3) {
            throw e;
          }
          LOG.warn("Could not evaluate checkpoint {}, retrying: {}", latest.getAsLong(), e.getMessage());
        }
      }
      sleep(500);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the evaluator was interrupted", e);
    }
  }

  /** The evaluation side of trainAndEvaluate: throttling, exporters, early stopping. */
  private final class EvalLoop<N> {
    private final EvalSpec<F, L, N> spec;
    private long lastEvaluatedStep = -1;
    private long lastEvalNanos;
    private M last;
    private MetricValues lastValues;
    private double best = Double.NaN;
    private int notImproved;

    EvalLoop(EvalSpec<F, L, N> spec) {
      this.spec = spec;
      EvalSpec.EarlyStopping es = spec.earlyStopping();
      if (es != null && !es.key().equals("loss") && model.metrics().stream().noneMatch(m -> m.key().equals(es.key()))) {
        List<String> keys = new java.util.ArrayList<>(List.of("loss"));
        model.metrics().forEach(m -> keys.add(m.key()));
        throw new IllegalArgumentException("early stopping metric '" + es.key() + "' is not one of model '" + model.name()
            + "''s metrics " + keys + io.github.kestimator.model.Names.didYouMean(es.key(), keys));
      }
    }

    /** Returns true to stop training. */
    boolean afterCheckpoint(long step) {
      if (step == lastEvaluatedStep) {
        return false;
      }
      long since = System.nanoTime() - lastEvalNanos;
      if (last != null && since < spec.throttleSecs() * 1_000_000_000L) {
        LOG.info("Skipping the evaluation of checkpoint {}: {} s of throttleSecs {} passed.", step, since / 1_000_000_000L,
            spec.throttleSecs());
        return false;
      }
      evaluate();
      export(false);
      return earlyStop();
    }

    /** Evaluates the latest checkpoint. */
    void evaluate() {
      lastValues = evaluateValues(spec.input(), spec.steps());
      last = binding.metrics(lastValues);
      lastEvaluatedStep = lastValues.globalStep();
      lastEvalNanos = System.nanoTime();
    }

    void export(boolean isFinal) {
      for (Exporter<N> e : spec.exporters()) {
        Path dir = config.modelDir().resolve("export").resolve(e.name());
        // M is a subtype of N (the spec is an EvalSpec<F, L, ? super M>), so the metrics fit the exporter.
        @SuppressWarnings("unchecked")
        N metrics = (N) last;
        Optional<Path> out = e.export(new Exporter.Request<>(dir, metrics, lastValues, isFinal, Estimator.this::exportSavedModel));
        out.ifPresent(p -> LOG.info("Exporter '{}' wrote {}", e.name(), p));
      }
    }

    boolean earlyStop() {
      EvalSpec.EarlyStopping es = spec.earlyStopping();
      if (es == null) {
        return false;
      }
      double v = lastValues.get(es.key());
      if (Double.isNaN(best) || (es.higherIsBetter() ? v > best : v < best)) {
        best = v;
        notImproved = 0;
        return false;
      }
      notImproved++;
      if (notImproved >= es.patience()) {
        LOG.info("Early stopping at global step {}: {} has not improved on {} for {} evaluations.", lastEvaluatedStep,
            es.key(), format(best), notImproved);
        return true;
      }
      return false;
    }
  }

  /** Restores the latest checkpoint into {@code s}, refusing another model's directory; returns its global step. */
  private long restore(ModelSession s, boolean exact) {
    Fingerprint stored = Fingerprint.read(config.modelDir());
    if (stored != null) {
      stored.checkCompatible(s.fingerprint(), exact, config.modelDir());
    }
    return checkpoints.restoreLatest(s.session());
  }

  /**
   * The newest export of exporter {@code name}: the newest {@code <timestamp>} directory under
   * {@code <model_dir>/export/<name>/} (the one TensorFlow Serving would serve), or empty when it has
   * written none.
   */
  public Optional<Path> latestExport(String name) {
    List<Path> exports = SavedModelDirs.list(config.modelDir().resolve("export").resolve(Exporter.checkName(name)));
    return exports.isEmpty() ? Optional.empty() : Optional.of(exports.get(exports.size() - 1));
  }

  /** The newest export of any exporter ({@code <model_dir>/export/<name>/<timestamp>}), or empty. */
  public Optional<Path> latestExport() {
    Path base = config.modelDir().resolve("export");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> exporters = Files.list(base)) {
      return exporters.filter(Files::isDirectory).flatMap(e -> SavedModelDirs.list(e).stream())
          .max(java.util.Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString()))
              .thenComparing(Path::toString));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the exports in " + base + ": " + e.getMessage(), e);
    }
  }

  /** An input reading a CSV file whose header names the features and labels. */
  public Input<F, L> csv(Path file) {
    return Input.csv(file, binding);
  }

  /** An input reading TFRecord files of tf.train.Example keyed by feature and label names. */
  public Input<F, L> tfRecord(Path... files) {
    return Input.tfRecord(binding, files);
  }

  /** The Keras-style summary table. */
  public String summary() {
    return model.summary();
  }

  public RunConfig config() {
    return config;
  }

  public ModelBinding<F, L, P, M> binding() {
    return binding;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** Closes the TRAIN session kept between train calls; every other call closes its own. */
  @Override
  public void close() {
    closeTrainer();
  }
}
