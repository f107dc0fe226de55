package io.github.kestimator.model;

import java.util.List;

/**
 * A validated layer: normalized parameters, the layers feeding it, its inferred output, and its
 * weights in Keras' layout.
 *
 * @param implicit true for the input layer Keras adds in front of a sequential model ({@code <first
 *     layer>_input}); summaries leave it out, as Keras' do
 * @param wrapped for Bidirectional, the wrapped recurrent layer (validated the same way)
 * @param masked whether the output carries a Keras mask (one flag per step: the output without its
 *     last axis), as Keras' {@code compute_mask} decides it: made by an Embedding with {@code
 *     maskZero} or a Masking layer, passed on, merged or dropped by each kind's rule ({@link
 *     LayerKind}), used by recurrent layers and GlobalAveragePooling1D
 */
public record Layer(
    String name,
    LayerKind kind,
    Params params,
    List<String> inbound,
    DType dtype,
    Shape outputShape,
    List<Weight> weights,
    Layer wrapped,
    boolean implicit,
    boolean masked) {
  public Layer {
    inbound = List.copyOf(inbound);
    weights = List.copyOf(weights);
  }

  /** A layer whose output carries no mask. */
  public Layer(
      String name,
      LayerKind kind,
      Params params,
      List<String> inbound,
      DType dtype,
      Shape outputShape,
      List<Weight> weights,
      Layer wrapped,
      boolean implicit) {
    this(name, kind, params, inbound, dtype, outputShape, weights, wrapped, implicit, false);
  }

  public long paramCount() {
    return weights.stream().mapToLong(Weight::size).sum();
  }

  public long trainableParamCount() {
    return weights.stream().filter(Weight::trainable).mapToLong(Weight::size).sum();
  }

  /**
   * Whether this layer learns its state from data before training: {@link LayerKind#needsAdapt}.
   */
  public boolean needsAdapt() {
    return kind.needsAdapt(params);
  }

  /** The activation this layer ends with, {@link Activation#LINEAR} if it has none. */
  public Activation activation() {
    if (wrapped != null) {
      return wrapped.activation();
    }
    return kind.activation(params, outputShape);
  }
}
