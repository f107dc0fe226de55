/**
 * For generated code: the interface between a model's generated records and the runtime.
 *
 * <p>The annotation processor writes a package-private {@code FooBinding} for each model class: a
 * {@link io.github.kestimator.runtime.binding.GeneratedBinding} that rebuilds the model from the
 * JSON description the processor validated and implements {@link
 * io.github.kestimator.runtime.binding.ModelBinding}'s copies; the estimator and predictor call it
 * to move typed records into tensors and back. Application code does not need these types: use the
 * generated {@code FooEstimator} and {@code FooPredictor}. The one exception is {@link
 * io.github.kestimator.runtime.binding.MapBinding}, which binds a model known only at run time (a
 * Keras file read by {@code KerasEstimator}, a model given to Spark) to maps of feature names to
 * values.
 */
package io.github.kestimator.runtime.binding;
