package io.github.kestimator.model;

/**
 * A compiled metric on one output.
 *
 * @param key the name it is reported under: Keras' name ({@code accuracy}, {@code auc}); with
 *     several outputs prefixed by the output ({@code score_auc})
 * @param kind the metric computed, with {@code ACCURACY} resolved as Keras does by the loss
 * @param output the output layer it measures
 */
public record CompiledMetric(String key, Metric kind, String output) {}
