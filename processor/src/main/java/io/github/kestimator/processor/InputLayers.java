package io.github.kestimator.processor;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;

/** Relates a model's input layers to the layers the user wrote. */
final class InputLayers {
  private InputLayers() {}

  /**
   * The user's layer behind an input layer: an {@code @Input} is one itself; Keras' implicit input
   * ({@code <first layer>_input}) stands for the first layer, which it feeds.
   */
  static String userLayer(Model model, String inputLayer) {
    Layer input = model.layer(inputLayer).orElse(null);
    if (input == null || !input.implicit()) {
      return inputLayer;
    }
    return model.layers().stream()
        .filter(l -> l.inbound().contains(inputLayer))
        .map(Layer::name)
        .findFirst()
        .orElse(inputLayer);
  }
}
