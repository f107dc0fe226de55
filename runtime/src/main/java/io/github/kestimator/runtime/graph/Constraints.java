package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.ConstraintType;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Keras' weight constraints as graph ops: the projected value of a weight, which the train step
 * assigns after the optimizer's update, as Keras 3's optimizer does ({@code
 * variable.assign(variable.constraint(variable))}). Keras' formulas in Keras' order of operations,
 * with its epsilon {@value ConstraintType#EPSILON} ({@link ConstraintType} lists them); norms are
 * taken over the constraint's axes, negative ones counting from the end.
 */
public final class Constraints {
  private Constraints() {}

  /**
   * The constrained value of {@code w}.
   *
   * @throws IllegalArgumentException when an axis is outside {@code w}'s rank
   */
  public static Operand<TFloat32> apply(Ops tf, Constraint c, Operand<TFloat32> w) {
    Operand<TFloat32> x = tf.identity(w); // never a ref variable under a math op
    if (c.type() == ConstraintType.NON_NEG) {
      return tf.math.maximum(x, tf.constant(0f));
    }
    Operand<TFloat32> norms =
        tf.math.sqrt(
            tf.reduceSum(
                tf.math.square(x),
                tf.constant(c.axes(w.shape().numDimensions())),
                ReduceSum.keepDims(true)));
    Operand<TFloat32> denominator = tf.math.add(tf.constant((float) ConstraintType.EPSILON), norms);
    return switch (c.type()) {
      case MAX_NORM ->
          tf.math.mul(
              x,
              tf.math.div(
                  tf.clipByValue(
                      norms, tf.constant(0f), tf.constant((float) c.getDouble("maxValue"))),
                  denominator));
      case UNIT_NORM -> tf.math.div(x, denominator);
      case MIN_MAX_NORM -> {
        float rate = (float) c.getDouble("rate");
        Operand<TFloat32> desired =
            tf.math.add(
                tf.math.mul(
                    tf.constant(rate),
                    tf.clipByValue(
                        norms,
                        tf.constant((float) c.getDouble("minValue")),
                        tf.constant((float) c.getDouble("maxValue")))),
                tf.math.mul(tf.constant(1 - rate), norms));
        yield tf.math.mul(x, tf.math.div(desired, denominator));
      }
      default -> throw new IllegalStateException("no constraint op for " + c);
    };
  }
}
