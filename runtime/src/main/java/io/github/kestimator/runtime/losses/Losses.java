package io.github.kestimator.runtime.losses;

import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras losses as graph ops, reduced like Keras' default {@code sum_over_batch_size}: the loss per
 * position (cross-entropies and KL divergence sum over the class axis, the others average over the
 * last axis) averaged over the batch and every other position.
 *
 * <p>Cross-entropies on a sigmoid or softmax output are computed from its logits (the layer's
 * pre-activation), as Keras does, so they stay finite and exact; on other probability outputs they
 * use Keras' clipped formula with epsilon {@value #EPSILON}. Sparse categorical cross-entropy is a
 * one-hot encoding plus {@code SoftmaxCrossEntropyWithLogits}, because {@code
 * SparseSoftmaxCrossEntropyWithLogits} has no C++ gradient.
 */
public final class Losses {
  /** Keras' {@code backend.epsilon()}. */
  public static final float EPSILON = 1e-7f;

  private Losses() {}

  /**
   * The batch's mean loss.
   *
   * @param fromLogits the compile setting: {@code prediction} is logits (a linear output)
   * @param label the label placeholder: float values shaped like the output, or int32 class ids for
   *     sparse categorical cross-entropy
   */
  @SuppressWarnings("unchecked")
  public static Operand<TFloat32> mean(
      Ops tf,
      Loss loss,
      boolean fromLogits,
      Output output,
      LayerOutput prediction,
      Operand<?> label) {
    Operand<TFloat32> p = (Operand<TFloat32>) prediction.value();
    Operand<TFloat32> logits = fromLogits ? p : prediction.logits();
    int rank = output.shape().rank() + 1; // with the batch axis
    int classes = output.shape().rank() == 0 ? 1 : output.shape().dim(-1);
    if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
      Operand<TInt32> ids =
          label.type() == TInt32.class
              ? (Operand<TInt32>) label
              : tf.dtypes.cast(label, TInt32.class);
      Operand<TFloat32> oneHot =
          tf.oneHot(ids, tf.constant(classes), tf.constant(1f), tf.constant(0f));
      return categorical(tf, p, logits, oneHot, rank, classes);
    }
    Operand<TFloat32> y =
        label.type() == TFloat32.class
            ? (Operand<TFloat32>) label
            : tf.dtypes.cast(label, TFloat32.class);
    return switch (loss) {
      case BINARY_CROSSENTROPY ->
          meanAll(
              tf,
              logits != null ? sigmoidCrossEntropy(tf, logits, y) : binaryClipped(tf, p, y),
              rank);
      case CATEGORICAL_CROSSENTROPY -> categorical(tf, p, logits, y, rank, classes);
      case MEAN_SQUARED_ERROR -> meanAll(tf, tf.math.squaredDifference(p, y), rank);
      case MEAN_ABSOLUTE_ERROR -> meanAll(tf, tf.math.abs(tf.math.sub(p, y)), rank);
      case HUBER -> meanAll(tf, huber(tf, tf.math.abs(tf.math.sub(p, y))), rank);
      case HINGE ->
          meanAll(
              tf,
              tf.nn.relu(tf.math.sub(tf.constant(1f), tf.math.mul(signed(tf, y, rank), p))),
              rank);
      case KL_DIVERGENCE -> {
        Operand<TFloat32> yc = clip(tf, y, EPSILON, 1);
        Operand<TFloat32> pc = clip(tf, p, EPSILON, 1);
        Operand<TFloat32> perPosition =
            sumLast(tf, tf.math.mul(yc, tf.math.log(tf.math.div(yc, pc))));
        yield meanAll(tf, perPosition, rank - 1);
      }
      case POISSON ->
          meanAll(
              tf,
              tf.math.sub(p, tf.math.mul(y, tf.math.log(tf.math.add(p, tf.constant(EPSILON))))),
              rank);
      case LOG_COSH -> {
        Operand<TFloat32> d = tf.math.sub(p, y);
        // log(cosh(d)) = d + softplus(-2d) - log(2), finite for large |d| (Keras' formula)
        yield meanAll(
            tf,
            tf.math.sub(
                tf.math.add(d, tf.math.softplus(tf.math.mul(d, tf.constant(-2f)))),
                tf.constant((float) Math.log(2))),
            rank);
      }
      case SPARSE_CATEGORICAL_CROSSENTROPY -> throw new AssertionError("handled above");
    };
  }

  /** max(z, 0) - z * y + log(1 + exp(-|z|)): TensorFlow's sigmoid_cross_entropy_with_logits. */
  static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> z, Operand<TFloat32> y) {
    return tf.math.add(
        tf.math.sub(tf.nn.relu(z), tf.math.mul(z, y)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
  }

  /** Keras 3: p clipped to [eps, 1 - eps], then -(y log p + (1 - y) log(1 - p)). */
  static Operand<TFloat32> binaryClipped(Ops tf, Operand<TFloat32> p, Operand<TFloat32> y) {
    Operand<TFloat32> pc = clip(tf, p, EPSILON, 1 - EPSILON);
    Operand<TFloat32> one = tf.constant(1f);
    return tf.math.neg(
        tf.math.add(
            tf.math.mul(y, tf.math.log(pc)),
            tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.sub(one, pc)))));
  }

  private static Operand<TFloat32> categorical(
      Ops tf,
      Operand<TFloat32> p,
      Operand<TFloat32> logits,
      Operand<TFloat32> y,
      int rank,
      int classes) {
    if (logits != null) {
      Operand<TFloat32> flat = tf.reshape(logits, tf.constant(new long[] {-1, classes}));
      Operand<TFloat32> flatY = tf.reshape(y, tf.constant(new long[] {-1, classes}));
      Operand<TFloat32> perPosition = tf.nn.softmaxCrossEntropyWithLogits(flat, flatY).loss();
      return tf.math.mean(perPosition, tf.constant(0));
    }
    // Keras: normalize to sum 1, clip, -sum(y log p) over classes.
    Operand<TFloat32> normalized = tf.math.div(p, tf.sum(p, tf.constant(-1), Sum.keepDims(true)));
    Operand<TFloat32> perPosition =
        tf.math.neg(
            sumLast(tf, tf.math.mul(y, tf.math.log(clip(tf, normalized, EPSILON, 1 - EPSILON)))));
    return meanAll(tf, perPosition, rank - 1);
  }

  /** Huber with delta 1 without a select: with q = min(e, 1), 0.5 q^2 + (e - q). */
  private static Operand<TFloat32> huber(Ops tf, Operand<TFloat32> e) {
    Operand<TFloat32> q = tf.math.minimum(e, tf.constant(1f));
    return tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(q)), tf.math.sub(e, q));
  }

  /** Keras' hinge: labels that are all 0 or 1 become -1 or 1. */
  private static Operand<TFloat32> signed(Ops tf, Operand<TFloat32> y, int rank) {
    var zeroOrOne =
        tf.math.logicalOr(tf.math.equal(y, tf.constant(0f)), tf.math.equal(y, tf.constant(1f)));
    var binary = tf.reduceAll(zeroOrOne, tf.constant(axes(rank)));
    return tf.select(binary, tf.math.sub(tf.math.mul(y, tf.constant(2f)), tf.constant(1f)), y);
  }

  static Operand<TFloat32> clip(Ops tf, Operand<TFloat32> x, float lo, float hi) {
    return tf.math.minimum(tf.math.maximum(x, tf.constant(lo)), tf.constant(hi));
  }

  private static Operand<TFloat32> sumLast(Ops tf, Operand<TFloat32> x) {
    return tf.sum(x, tf.constant(-1));
  }

  private static Operand<TFloat32> meanAll(Ops tf, Operand<TFloat32> x, int rank) {
    return tf.math.mean(x, tf.constant(axes(rank)));
  }

  private static int[] axes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }
}
