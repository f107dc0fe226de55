/**
 * Trains, evaluates and serves a Keras model file without generated code: records are maps by layer
 * name.
 */
module io.github.kestimator.keras.estimator {
  requires transitive io.github.kestimator.keras;
  requires transitive io.github.kestimator.runtime;

  exports io.github.kestimator.keras.estimator;
}
