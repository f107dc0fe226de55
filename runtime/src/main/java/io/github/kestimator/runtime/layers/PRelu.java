package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code PReLU}: {@code relu(x) - alpha * relu(-x)}, Keras' own formula; {@code alpha} has
 * the shape of one example (1 along the shared axes) and broadcasts over the batch.
 */
final class PRelu implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    Operand<TFloat32> negative =
        tf.math.mul(tf.math.neg(ctx.weight("alpha")), tf.nn.relu(tf.math.neg(x)));
    return LayerOutput.of(tf.math.add(tf.nn.relu(x), negative));
  }
}
