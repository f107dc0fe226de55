package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Normalization}: {@code (x - mean) / max(sqrt(variance), 1e-7)} along the last axis
 * ({@code axis = -1}), or {@code mean + x * max(sqrt(variance), 1e-7)} when inverted; mean and
 * variance are constants (given, or adapted: the population variance, as Keras).
 */
final class Normalization implements LayerBuilder {
  /** Keras' {@code backend.epsilon()}. */
  static final float EPSILON = 1e-7f;

  Normalization() {}

  /** Mean and variance from the layer's state: its parameters, or adapted ({@link LayerStates}). */
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    LayerState s = ctx.state();
    return LayerOutput.of(
        ops(
            ctx.tf(),
            ctx.floatInput(inputs, 0),
            s.mean(),
            s.variance(),
            ctx.params().getBoolean("invert")));
  }

  static Operand<TFloat32> ops(
      Ops tf, Operand<TFloat32> x, float[] mean, float[] variance, boolean invert) {
    Operand<TFloat32> m = tf.constant(mean);
    float[] d = new float[variance.length];
    for (int i = 0; i < d.length; i++) {
      // Float sqrt is correctly rounded both here and in TensorFlow.
      d[i] = Math.max((float) Math.sqrt(variance[i]), EPSILON);
    }
    // Grappler's constant folding turns a division by a constant into a multiplication by its
    // reciprocal, which is an
    // ulp off Keras' division; a PlaceholderWithDefault is never folded, so the division stays one.
    Operand<TFloat32> sd =
        tf.withName("stddev")
            .placeholderWithDefault(tf.constant(d), org.tensorflow.ndarray.Shape.of(d.length));
    return invert ? tf.math.add(m, tf.math.mul(x, sd)) : tf.math.div(tf.math.sub(x, m), sd);
  }
}
