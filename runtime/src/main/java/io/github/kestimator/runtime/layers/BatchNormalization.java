package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code BatchNormalization} over the last axis. TRAIN normalizes with the batch's mean and
 * (biased) variance and moves {@code moving_mean}/{@code moving_variance} towards them by {@code 1
 * - momentum} with each train step, as Keras 3 does; EVAL and PREDICT use the moving statistics.
 * Built from plain ops (all with C++ gradients) rather than FusedBatchNorm, which needs 4-D input
 * and updates the variance with Bessel's correction, unlike Keras 3.
 */
final class BatchNormalization implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    double eps = ctx.params().getDouble("epsilon");
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    if (ctx.training()) {
      int[] axes = new int[ctx.inputShape(0).rank()]; // batch and every axis but the last
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      mean = tf.math.mean(x, tf.constant(axes));
      variance = tf.math.mean(tf.math.squaredDifference(x, mean), tf.constant(axes));
      Operand<TFloat32> rate = tf.constant((float) (1 - ctx.params().getDouble("momentum")));
      Operand<TFloat32> movingMean = ctx.weight("moving_mean");
      Operand<TFloat32> movingVariance = ctx.weight("moving_variance");
      ctx.addUpdate(tf.assignSub(movingMean, tf.math.mul(tf.math.sub(movingMean, mean), rate)));
      ctx.addUpdate(
          tf.assignSub(movingVariance, tf.math.mul(tf.math.sub(movingVariance, variance), rate)));
    } else {
      mean = ctx.weight("moving_mean");
      variance = ctx.weight("moving_variance");
    }
    return LayerOutput.of(Normalize.apply(ctx, x, mean, variance, eps));
  }
}
