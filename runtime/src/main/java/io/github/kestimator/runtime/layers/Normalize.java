package io.github.kestimator.runtime.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code (x - mean) / sqrt(variance + eps) * gamma + beta}, shared by batch and layer
 * normalization, computed in the order Keras 3 computes it on TensorFlow ({@code
 * tf.nn.batch_normalization}, Keras' {@code ops.layer_normalization}): {@code inv = rsqrt(variance
 * + eps) * gamma}, then {@code x * inv + (beta - mean * inv)}. The same value, but float32 rounds
 * it the same way, which matters where the output is small next to its input (Keras' predictions
 * are matched to 1e-6 instead of 3e-5 on the batch_norm fixture).
 */
final class Normalize {
  private Normalize() {}

  static Operand<TFloat32> apply(
      LayerContext ctx,
      Operand<TFloat32> x,
      Operand<TFloat32> mean,
      Operand<TFloat32> variance,
      double eps) {
    Ops tf = ctx.tf();
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) eps)));
    if (ctx.hasWeight("gamma")) {
      inv = tf.math.mul(inv, ctx.weight("gamma"));
    }
    Operand<TFloat32> shift = tf.math.neg(tf.math.mul(mean, inv));
    if (ctx.hasWeight("beta")) {
      shift = tf.math.sub(ctx.weight("beta"), tf.math.mul(mean, inv));
    }
    return tf.math.add(tf.math.mul(x, inv), shift);
  }
}
