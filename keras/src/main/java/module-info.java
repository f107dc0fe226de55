/**
 * Reads Keras model files ({@code .keras}, {@code .h5}, JSON configs) into the model description
 * and weights.
 */
@SuppressWarnings(
    "requires-automatic") // jhdf 0.11.0 has no module descriptor, only an Automatic-Module-Name
module io.github.kestimator.keras {
  requires transitive io.github.kestimator.model;
  requires io.jhdf;

  exports io.github.kestimator.keras;
}
