package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.LayerKind;

/**
 * TensorFlow could not build part of a model's graph (an op rejected its inputs, or an op on the
 * way from a weight to the loss has no gradient). The message names the layer and its Keras class.
 */
public final class GraphBuildException extends IllegalStateException {
  private final String layer;
  private final LayerKind kind;

  GraphBuildException(String layer, LayerKind kind, String what, Throwable cause) {
    super(
        kind.kerasName()
            + " layer '"
            + layer
            + "': "
            + what
            + (cause == null ? "" : ": " + cause.getMessage()),
        cause);
    this.layer = layer;
    this.kind = kind;
  }

  /** The layer whose graph could not be built. */
  public String layer() {
    return layer;
  }

  public LayerKind kind() {
    return kind;
  }
}
