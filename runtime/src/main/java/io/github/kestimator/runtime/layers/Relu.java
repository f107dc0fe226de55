package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code ReLU}, op for op as Keras 3's {@code activations.relu}: LeakyRelu when only {@code
 * negativeSlope} is set; else {@code where(x > threshold, x, 0)} (or Relu, or Relu6 for {@code
 * maxValue = 6}), clipped to {@code [0, maxValue]}, minus {@code negativeSlope * relu(threshold -
 * x)}.
 */
final class Relu implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    double max = ctx.params().getDouble("maxValue");
    double slope = ctx.params().getDouble("negativeSlope");
    double threshold = ctx.params().getDouble("threshold");
    if (slope != 0 && Double.isInfinite(max) && threshold == 0) {
      return LayerOutput.of(tf.nn.leakyRelu(x, LeakyRelu.alpha((float) slope)));
    }
    Operand<TFloat32> negativePart = null;
    if (slope != 0) {
      negativePart =
          tf.nn.relu(
              threshold != 0
                  ? tf.math.add(tf.math.neg(x), tf.constant((float) threshold))
                  : tf.math.neg(x));
    }
    boolean clip = !Double.isInfinite(max);
    Operand<TFloat32> y;
    if (threshold != 0) {
      y = tf.select(tf.math.greater(x, tf.constant((float) threshold)), x, tf.zerosLike(x));
    } else if (max == 6) {
      y = tf.nn.relu6(x);
      clip = false;
    } else {
      y = tf.nn.relu(x);
    }
    if (clip) {
      y = tf.clipByValue(y, tf.constant(0f), tf.constant((float) max));
    }
    if (negativePart != null) {
      y = tf.math.sub(y, tf.math.mul(tf.constant((float) slope), negativePart));
    }
    return LayerOutput.of(y);
  }
}
