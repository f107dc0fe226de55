package io.github.kestimator.runtime.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code (x - mean) / sqrt(variance + eps) * gamma + beta}, shared by batch and layer normalization. */
final class Normalize {
  private Normalize() {}

  static Operand<TFloat32> apply(LayerContext ctx, Operand<TFloat32> x, Operand<TFloat32> mean, Operand<TFloat32> variance,
      double eps) {
    Ops tf = ctx.tf();
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(x, mean), tf.math.rsqrt(tf.math.add(variance, tf.constant((float) eps))));
    if (ctx.hasWeight("gamma")) {
      y = tf.math.mul(y, ctx.weight("gamma"));
    }
    if (ctx.hasWeight("beta")) {
      y = tf.math.add(y, ctx.weight("beta"));
    }
    return y;
  }
}
