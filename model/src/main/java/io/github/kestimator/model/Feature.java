package io.github.kestimator.model;

/**
 * One model input as data must provide it: the feature name is the record component, the TensorFlow
 * placeholder, the SavedModel signature input and the CSV / TFRecord column.
 *
 * @param layer the input layer it feeds
 */
public record Feature(String name, String layer, DType dtype, Shape shape) {}
