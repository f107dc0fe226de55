package io.github.kestimator.model;

/**
 * One model output: a layer no other layer consumes. Its label is what the loss compares it with.
 *
 * @param activation the output's final activation (decides how losses treat it)
 * @param labelDtype {@code INT32} class ids for sparse categorical cross-entropy, else float
 * @param labelShape the output's shape, or without its class axis for sparse labels
 */
public record Output(
    String layer, Shape shape, Activation activation, DType labelDtype, Shape labelShape) {}
