package io.github.kestimator.runtime;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * tf.estimator's Estimator for one model: train, evaluate, predict and export, with checkpoints
 * in a model directory. Generated {@code FooEstimator} classes extend it with their record types.
 * SKELETON: the API the generated code compiles against; implemented by the runtime work.
 */
public class Estimator<F, L, P, M> implements AutoCloseable {
  protected Estimator(ModelBinding<F, L, P, M> binding, RunConfig config) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Trains {@code steps} more steps, resuming from the latest checkpoint; returns the global step. */
  public long train(Input<F, L> input, long steps) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Trains until the global step reaches {@code maxSteps} (or the input ends); returns the global step. */
  public long trainUntil(Input<F, L> input, long maxSteps) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Evaluates the latest checkpoint on {@code steps} batches (all of the input if steps <= 0). */
  public M evaluate(Input<F, L> input, long steps) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Predicts lazily from the latest checkpoint. */
  public Stream<P> predict(Iterable<F> features) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Writes a SavedModel to {@code base/<timestamp>/} and returns that directory. */
  public Path exportSavedModel(Path base) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** tf.estimator.train_and_evaluate; returns the last evaluation's metrics. */
  public M trainAndEvaluate(TrainSpec<F, L> trainSpec, EvalSpec<F, L, ? super M> evalSpec) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** An input reading a CSV file whose header names the features and labels. */
  public Input<F, L> csv(Path file) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** An input reading TFRecord files of tf.train.Example keyed by feature and label names. */
  public Input<F, L> tfRecord(Path... files) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The Keras-style summary table. */
  public String summary() {
    throw new UnsupportedOperationException("skeleton");
  }

  public RunConfig config() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {}
}
