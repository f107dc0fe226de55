/**
 * The model description: a model as written ({@code ModelSpec}), validated with shapes inferred
 * ({@code Model}, by {@code ModelAnalyzer}), and the file formats beside it. No dependencies.
 */
module io.github.kestimator.model {
  exports io.github.kestimator.model;
  exports io.github.kestimator.model.format;
}
