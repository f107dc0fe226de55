package io.github.kestimator.runtime;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.export.Exporter;
import io.github.kestimator.runtime.export.SavedModelDirs;
import io.github.kestimator.runtime.export.SavedModelExport;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.session.CheckpointEvaluator;
import io.github.kestimator.runtime.session.PredictionStream;
import io.github.kestimator.runtime.session.Restorer;
import io.github.kestimator.runtime.session.TrainerCache;
import io.github.kestimator.runtime.session.WarmStart;
import io.github.kestimator.runtime.training.TrainAndEvaluate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * tf.estimator's Estimator for one model: train, evaluate, predict and export, with checkpoints in
 * a model directory laid out as TensorFlow's. Generated {@code FooEstimator} classes extend it with
 * their record types.
 *
 * <p>The model directory is the state, as in tf.estimator, so a new estimator on the same directory
 * carries on where the last one stopped. Building an estimator writes nothing. Evaluate, predict
 * and export open their own graph and session and close them before they return (a predict stream
 * when it is exhausted or closed). Training keeps its session between calls while the model
 * directory's latest checkpoint is the one it saved last, and {@link #close()} releases it.
 *
 * <p>A model with initial weights ({@link ModelBinding#initialWeightsResource()}, or those given to
 * the constructor) is warm-started: in a directory without a checkpoint, the first training saves
 * them as step 0 and trains on from there; evaluate, predict and export before that use them
 * without writing a checkpoint. Without initial weights, they fail on such a directory with "no
 * checkpoint in &lt;model dir&gt;: train first".
 */
public class Estimator<F, L, P, M> implements AutoCloseable {
  private final ModelBinding<F, L, P, M> binding;
  private final Model model;
  private final RunConfig config;
  private final Restorer restorer;
  private final TrainerCache trainers;
  private final CheckpointEvaluator<F, L> evaluator;
  private final SavedModelExport export;
  private final TrainAndEvaluate<F, L, M> trainAndEvaluate;

  /**
   * An estimator warm-started from the binding's {@link ModelBinding#initialWeightsResource()}, if
   * it names one.
   */
  protected Estimator(ModelBinding<F, L, P, M> binding, RunConfig config) {
    this(binding, config, resourceWeights(binding));
  }

  /**
   * An estimator warm-started from {@code initialWeights} (asked for once, when a directory without
   * a checkpoint first needs them), as {@code model_to_estimator} starts from a Keras model's
   * weights.
   */
  protected Estimator(
      ModelBinding<F, L, P, M> binding, RunConfig config, Supplier<InitialWeights> initialWeights) {
    this(binding, config, WarmStart.of(binding.model(), initialWeights));
  }

  private Estimator(ModelBinding<F, L, P, M> binding, RunConfig config, WarmStart warmStart) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.config = Objects.requireNonNull(config, "config");
    this.model = binding.model();
    if (config.modelDir() == null) {
      throw new IllegalArgumentException("RunConfig has no model directory");
    }
    try {
      Files.createDirectories(config.modelDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create model dir " + config.modelDir() + ": " + e.getMessage(), e);
    }
    Checkpoints checkpoints = new Checkpoints(config.modelDir(), config.keepCheckpointMax());
    this.restorer = new Restorer(config.modelDir(), checkpoints, warmStart);
    this.trainers = new TrainerCache(model, config, checkpoints, warmStart);
    this.evaluator = new CheckpointEvaluator<>(binding, config, restorer);
    this.export = new SavedModelExport(model, config, restorer);
    this.trainAndEvaluate =
        new TrainAndEvaluate<>(
            binding, config, checkpoints, warmStart, trainers, evaluator, export);
  }

  private static WarmStart resourceWeights(ModelBinding<?, ?, ?, ?> binding) {
    String resource = binding.initialWeightsResource();
    if (resource == null || resource.isEmpty()) {
      return WarmStart.none();
    }
    Model model = binding.model();
    return WarmStart.of(
        model, () -> InitialWeights.fromResource(binding.getClass(), resource, model));
  }

  /**
   * Trains {@code steps} more steps (fewer if the input ends), resuming from the latest checkpoint;
   * returns the global step.
   */
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
      return trainers.train(
          () -> input.openOnePass(binding),
          t -> t.run(batches, t.step() + steps, s -> false, listener));
    }
  }

  /**
   * Trains until the global step reaches {@code maxSteps} (or the input ends); returns the global
   * step.
   */
  public long trainUntil(Input<F, L> input, long maxSteps) {
    try (BatchStream batches = input.open(binding)) {
      return trainers.train(
          () -> input.openOnePass(binding), t -> t.run(batches, maxSteps, s -> false));
    }
  }

  /**
   * Keras' {@code adapt}: the preprocessing layers that learn their state from data (a {@code
   * TextVectorization}, {@code StringLookup} or {@code IntegerLookup} without a vocabulary, a
   * {@code Normalization} without a mean) read one pass of {@code input} (unshuffled, unrepeated)
   * and store their vocabularies, idf weights, means and variances in {@code
   * <model_dir>/assets/<layer>/}. Training does this by itself before step 0 when the model dir has
   * no state; call it to adapt on other data than the training input. Holds the model dir's lock.
   *
   * @throws IllegalStateException when the model has no layer to adapt, or the model dir already
   *     has a checkpoint (trained on the state it has: adapt in a new model dir)
   */
  public void adapt(Input<F, L> input) {
    Objects.requireNonNull(input, "input");
    trainers.locked(() -> trainers.adaptation().adaptAll(() -> input.openOnePass(binding)));
  }

  /**
   * Evaluates the latest checkpoint on all of {@code input} (which must end: not {@code
   * repeat()}ed), logs the metrics and writes them as scalars to {@code <model_dir>/eval/}.
   */
  public M evaluate(Input<F, L> input) {
    return evaluate(input, Long.MAX_VALUE);
  }

  /**
   * Evaluates the latest checkpoint on at most {@code steps} batches of {@code input}, logs the
   * metrics and writes them as scalars to {@code <model_dir>/eval/}.
   */
  public M evaluate(Input<F, L> input, long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "eval steps must be >= 1 batch, got "
              + steps
              + " (evaluate(input) evaluates the whole input)");
    }
    return binding.metrics(evaluator.evaluate(input, steps));
  }

  /**
   * Predicts lazily from the latest checkpoint; close the stream (or read it to the end) to free
   * the session.
   */
  public Stream<P> predict(Iterable<F> features) {
    return PredictionStream.open(binding, config, restorer, features);
  }

  /**
   * Writes the latest checkpoint as a SavedModel to {@code base/<unix seconds>/} and returns that
   * directory. Its {@code serving_default} signature takes the features by name and returns the
   * outputs by layer name. Never overwrites an export.
   */
  public Path exportSavedModel(Path base) {
    return export.exportSavedModel(base);
  }

  /**
   * tf.estimator.train_and_evaluate: trains up to {@code trainSpec.maxSteps()}, evaluating each new
   * checkpoint (at most once per {@link EvalSpec#throttle}) and running the exporters after each
   * evaluation; stops early when the spec's {@link EarlyStopping} says so; ends with a final
   * evaluation and the final exports.
   *
   * <p>On a cluster ({@link RunConfig#cluster()}: {@code TF_CONFIG}, as tf.estimator) each process
   * plays its task's role with the same code ({@link TrainAndEvaluate}): a {@code ps} serves
   * variables and never returns; the {@code chief} and the {@code worker}s train the shared
   * variables asynchronously up to max steps, the chief restoring, checkpointing and writing
   * summaries; the {@code evaluator} evaluates each new checkpoint and runs the exporters until it
   * has evaluated one at max steps.
   *
   * @return the last evaluation's metrics; empty on a chief or worker, which do not evaluate (as
   *     tf.estimator's train_and_evaluate returns None there)
   * @throws IllegalArgumentException when TF_CONFIG is malformed, quoting the offending part
   */
  public Optional<M> trainAndEvaluate(
      TrainSpec<F, L> trainSpec, EvalSpec<F, L, ? super M> evalSpec) {
    return trainAndEvaluate.run(trainSpec, evalSpec);
  }

  /**
   * The newest export of exporter {@code name}: the newest {@code <timestamp>} directory under
   * {@code <model_dir>/export/<name>/} (the one TensorFlow Serving would serve), or empty when it
   * has written none.
   */
  public Optional<Path> latestExport(String name) {
    return SavedModelDirs.latest(
        config.modelDir().resolve("export").resolve(Exporter.checkName(name)));
  }

  /**
   * The newest export of any exporter ({@code <model_dir>/export/<name>/<timestamp>}), or empty.
   */
  public Optional<Path> latestExport() {
    return SavedModelDirs.latestOfAny(config.modelDir().resolve("export"));
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

  /** Closes the TRAIN session kept between train calls; every other call closes its own. */
  @Override
  public void close() {
    trainers.close();
  }
}
