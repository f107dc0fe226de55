package io.github.kestimator.runtime;

/**
 * Told after every training step (a small tf.train.SessionRunHook's {@code after_run}, or the loss
 * Keras' {@code train_on_batch} returns): the global step the update produced and the batch's loss,
 * computed before the update and including regularization penalties, as Keras reports it.
 */
@FunctionalInterface
public interface StepListener {
  /** A listener that does nothing. */
  StepListener NONE = (globalStep, loss) -> {};

  void afterStep(long globalStep, float loss);
}
