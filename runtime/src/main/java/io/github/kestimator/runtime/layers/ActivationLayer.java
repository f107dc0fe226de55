package io.github.kestimator.runtime.layers;

import java.util.List;

/** Keras {@code Activation}: applies one activation. */
final class ActivationLayer implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    return LayerOutput.activated(
        ctx.tf(), ctx.params().activation("activation"), ctx.floatInput(inputs, 0));
  }
}
