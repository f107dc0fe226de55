package io.github.kestimator.runtime.layers;

import java.util.List;

/**
 * Keras {@code LeakyReLU}: TensorFlow's LeakyRelu with {@code alpha = negativeSlope}, as Keras'
 * TensorFlow backend.
 */
final class LeakyRelu implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    float slope = (float) ctx.params().getDouble("negativeSlope");
    return LayerOutput.of(
        ctx.tf()
            .nn
            .leakyRelu(ctx.floatInput(inputs, 0), org.tensorflow.op.nn.LeakyRelu.alpha(slope)));
  }
}
