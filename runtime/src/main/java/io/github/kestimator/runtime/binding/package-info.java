/**
 * For generated code: the interface between a model's generated records and the runtime.
 *
 * <p>The annotation processor implements {@link io.github.kestimator.runtime.binding.ModelBinding}
 * for each model class; the estimator and predictor call it to move typed records into tensors and
 * back. Application code does not need these types: use the generated {@code FooEstimator} and
 * {@code FooPredictor}.
 */
package io.github.kestimator.runtime.binding;
