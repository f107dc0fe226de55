package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code ELU}: TensorFlow's Elu, and for {@code alpha != 1} Keras' TensorFlow backend's
 * {@code where(x > 0, elu(x), alpha * elu(x))}.
 */
final class Elu implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    double alpha = ctx.params().getDouble("alpha");
    Operand<TFloat32> elu = tf.nn.elu(x);
    if (alpha == 1) {
      return LayerOutput.of(elu);
    }
    return LayerOutput.of(
        tf.select(
            tf.math.greater(x, tf.constant(0f)),
            elu,
            tf.math.mul(tf.constant((float) alpha), elu)));
  }
}
