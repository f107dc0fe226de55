package io.github.kestimator.runtime.layers;

import java.util.List;

/** Keras {@code InputLayer}: passes its placeholder on unchanged. */
final class InputLayer implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    return inputs.get(0);
  }
}
