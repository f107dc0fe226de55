package io.github.kestimator.annotations;

/**
 * The type of every layer field in a {@link KerasModel} class. The field is only a place to hang
 * the layer annotation on; it is never assigned or read.
 */
public interface Layer {}
