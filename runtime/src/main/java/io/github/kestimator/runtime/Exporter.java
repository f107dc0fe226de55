package io.github.kestimator.runtime;

/** An exporter run after each evaluation in trainAndEvaluate, as tf.estimator's. SKELETON. */
public interface Exporter<M> {
  String name();
}
