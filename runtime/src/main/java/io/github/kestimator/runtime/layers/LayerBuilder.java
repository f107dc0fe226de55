package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Weight;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Turns one layer of a validated model into graph ops. One implementation per {@link
 * io.github.kestimator.model.LayerKind}, registered in {@link Layers}. Variables are made by the
 * caller from {@link Layer#weights()} and reached through {@link LayerContext#weight(String)}.
 */
public interface LayerBuilder {
  /**
   * Builds the layer's forward computation.
   *
   * @param inputs the outputs of the layers named in {@link Layer#inbound()}, in that order (for an
   *     input layer: its placeholder)
   */
  LayerOutput build(LayerContext ctx, List<LayerOutput> inputs);

  /**
   * A weight's initial value when it is not simply its {@link Weight#initializer()} (e.g. the
   * LSTM's unit forget bias), or null for the default.
   */
  default Operand<TFloat32> initialValue(Ops tf, Layer layer, Weight weight, long seed) {
    return null;
  }
}
