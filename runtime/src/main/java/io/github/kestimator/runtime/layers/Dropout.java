package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Dropout}: in TRAIN, zeroes each value with probability {@code rate} and scales the
 * rest by {@code 1 / (1 - rate)}; identity otherwise. The mask comes from a stateless random op
 * keyed by the global step (see {@link LayerContext#dropoutMask}), not from the layer's {@code
 * seed} parameter.
 */
final class Dropout implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    double rate = ctx.params().getDouble("rate");
    if (!ctx.training() || rate == 0) {
      return LayerOutput.of(inputs.get(0).value());
    }
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    return LayerOutput.of(
        ctx.tf().math.mul(x, ctx.dropoutMask(ctx.inputShape(0).dims(), rate, "dropout")));
  }
}
