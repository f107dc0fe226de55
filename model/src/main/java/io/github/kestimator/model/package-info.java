/**
 * The model description every other module shares, with no dependencies.
 *
 * <p>Types named {@code *Spec} ({@link io.github.kestimator.model.ModelSpec}, {@link
 * io.github.kestimator.model.LayerSpec}, {@link io.github.kestimator.model.CompileSpec}, {@link
 * io.github.kestimator.model.OptimizerSpec}) are a model <em>as written</em>, by annotations or by
 * a Keras file, before validation. {@link io.github.kestimator.model.ModelAnalyzer} turns one into
 * the validated types without the suffix: {@link io.github.kestimator.model.Model}, {@link
 * io.github.kestimator.model.Layer}, {@link io.github.kestimator.model.Feature}, {@link
 * io.github.kestimator.model.Output}, {@link io.github.kestimator.model.CompiledMetric}. Shape
 * inference and validation live there once, for the processor, the Keras reader and the runtime;
 * each layer kind's parameters and shape rule are defined with it in {@link
 * io.github.kestimator.model.LayerKind}, each optimizer's parameters in {@link
 * io.github.kestimator.model.OptimizerType}.
 */
package io.github.kestimator.model;
