package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras activations, built from ops that have C++ gradients. Where Keras versions differ we follow
 * Keras 3: {@code hard_sigmoid(x) = relu6(x + 3) / 6} (Keras 2's {@code clip(0.2x + 0.5, 0, 1)} is
 * {@code HARD_SIGMOID_KERAS2}), {@code leaky_relu} slope 0.2 (Keras 2's LeakyReLU layer used 0.3),
 * {@code gelu} exact (erf form, {@code approximate=False}), {@code elu} alpha 1, {@code swish(x) =
 * x * sigmoid(x)}.
 */
public final class Activations {
  /** Keras 3's {@code keras.activations.leaky_relu} default {@code negative_slope}. */
  public static final float LEAKY_RELU_SLOPE = 0.2f;

  private Activations() {}

  public static Operand<TFloat32> apply(Ops tf, Activation a, Operand<TFloat32> x) {
    return switch (a) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
      case ELU -> tf.nn.elu(x);
      case SELU -> tf.nn.selu(x);
      case GELU ->
          tf.math.mul(
              tf.math.mul(x, tf.constant(0.5f)),
              tf.math.add(
                  tf.constant(1f),
                  tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
      case SOFTPLUS -> tf.math.softplus(x);
      case SOFTSIGN -> tf.nn.softsign(x);
      case HARD_SIGMOID ->
          tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f));
      case HARD_SIGMOID_KERAS2 ->
          tf.clipByValue(
              tf.math.add(tf.math.mul(x, tf.constant(0.2f)), tf.constant(0.5f)),
              tf.constant(0f),
              tf.constant(1f));
      case LEAKY_RELU -> tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(LEAKY_RELU_SLOPE));
    };
  }
}
