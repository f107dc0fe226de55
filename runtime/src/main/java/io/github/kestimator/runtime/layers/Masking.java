package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Masking}: a step is kept when any of its features differs from {@code maskValue};
 * the output is the input with masked steps set to 0, and carries the mask (1 kept, 0 masked).
 */
final class Masking implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    float value = (float) ctx.params().getDouble("maskValue");
    Operand<TFloat32> differs =
        tf.dtypes.cast(tf.math.notEqual(x, tf.constant(value)), TFloat32.class);
    Operand<TFloat32> keep = tf.stopGradient(tf.max(differs, tf.constant(-1), Max.keepDims(true)));
    Operand<TFloat32> mask =
        tf.withName("mask").squeeze(keep, org.tensorflow.op.core.Squeeze.axis(List.of(-1L)));
    return LayerOutput.masked(tf.math.mul(x, keep), mask);
  }
}
