package io.github.kestimator.runtime.optimizers;

import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Params;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The learning rate of a step as graph ops, computed in float32 from the optimizer's iteration
 * count (the global step before the update) exactly as Keras does ({@link LearningRateSchedule#at}
 * is the same in double precision): the schedule, then Keras 2's {@code decay} as {@code lr / (1 +
 * decay * iterations)}.
 */
public final class LearningRates {
  private LearningRates() {}

  /**
   * The learning rate for the step that {@code globalStep} (not yet incremented) is about to take.
   */
  public static Operand<TFloat32> of(
      Ops tf, Params p, double learningRate, Operand<TInt64> globalStep) {
    LearningRateSchedule s = p.has("schedule") ? p.schedule("schedule") : LearningRateSchedule.NONE;
    double decay = p.has("decay") ? p.getDouble("decay") : 0;
    if (s.isConstant() && decay == 0) {
      return tf.constant((float) learningRate);
    }
    Operand<TFloat32> step = tf.dtypes.cast(globalStep, TFloat32.class);
    Operand<TFloat32> lr = schedule(tf, s, learningRate, step);
    if (decay != 0) {
      lr =
          tf.math.mul(
              lr, tf.math.div(c(tf, 1), tf.math.add(c(tf, 1), tf.math.mul(c(tf, decay), step))));
    }
    return tf.withName("learning_rate").identity(lr);
  }

  static Operand<TFloat32> schedule(
      Ops tf, LearningRateSchedule s, double initial, Operand<TFloat32> step) {
    Operand<TFloat32> lr0 = c(tf, initial);
    switch (s.type()) {
      case NONE:
        return lr0;
      case EXPONENTIAL_DECAY:
        return tf.math.mul(lr0, tf.math.pow(c(tf, s.decayRate()), ratio(tf, s, step)));
      case INVERSE_TIME_DECAY:
        return tf.math.div(
            lr0, tf.math.add(c(tf, 1), tf.math.mul(c(tf, s.decayRate()), ratio(tf, s, step))));
      case PIECEWISE_CONSTANT_DECAY:
        {
          var b = s.boundaries();
          var v = s.values();
          Operand<TFloat32> out =
              tf.math.mul(indicator(tf, tf.math.lessEqual(step, c(tf, b.get(0)))), c(tf, v.get(0)));
          out =
              tf.math.add(
                  out,
                  tf.math.mul(
                      indicator(tf, tf.math.greater(step, c(tf, b.get(b.size() - 1)))),
                      c(tf, v.get(v.size() - 1))));
          for (int i = 0; i + 1 < b.size(); i++) {
            var in =
                tf.math.logicalAnd(
                    tf.math.greater(step, c(tf, b.get(i))),
                    tf.math.lessEqual(step, c(tf, b.get(i + 1))));
            out = tf.math.add(out, tf.math.mul(indicator(tf, in), c(tf, v.get(i + 1))));
          }
          return out;
        }
      case POLYNOMIAL_DECAY:
        {
          Operand<TFloat32> steps = c(tf, s.decaySteps());
          Operand<TFloat32> at = step;
          if (s.cycle()) { // the first multiple of decay_steps above the step; 1 at step 0
            Operand<TFloat32> multiplier =
                tf.math.maximum(tf.math.ceil(tf.math.div(step, steps)), c(tf, 1));
            steps = tf.math.mul(steps, multiplier);
          } else {
            at = tf.math.minimum(step, steps);
          }
          Operand<TFloat32> p = tf.math.div(at, steps);
          Operand<TFloat32> end = c(tf, s.endLearningRate());
          return tf.math.add(
              tf.math.mul(
                  c(tf, initial - s.endLearningRate()),
                  tf.math.pow(tf.math.sub(c(tf, 1), p), c(tf, s.power()))),
              end);
        }
      case COSINE_DECAY:
        {
          if (s.warmupTarget() < 0) {
            return tf.math.mul(lr0, cosine(tf, s, tf.math.minimum(step, c(tf, s.decaySteps()))));
          }
          Operand<TFloat32> warmupSteps = c(tf, s.warmupSteps());
          Operand<TFloat32> target = c(tf, s.warmupTarget());
          Operand<TFloat32> at = tf.math.minimum(step, c(tf, s.decaySteps() + s.warmupSteps()));
          // Linear warm-up; max(warmup_steps, 1) keeps the unused branch finite when there is none.
          Operand<TFloat32> warm =
              tf.math.add(
                  tf.math.mul(
                      c(tf, s.warmupTarget() - initial),
                      tf.math.div(at, tf.math.maximum(warmupSteps, c(tf, 1)))),
                  lr0);
          Operand<TFloat32> decayed =
              tf.math.mul(target, cosine(tf, s, tf.math.sub(at, warmupSteps)));
          return tf.select(tf.math.less(at, warmupSteps), warm, decayed);
        }
      default:
        throw new IllegalArgumentException(
            "learning-rate schedule " + s.type() + " is not supported");
    }
  }

  /** step / decay_steps, floored when staircase. */
  private static Operand<TFloat32> ratio(Ops tf, LearningRateSchedule s, Operand<TFloat32> step) {
    Operand<TFloat32> p = tf.math.div(step, c(tf, s.decaySteps()));
    return s.staircase() ? tf.math.floor(p) : p;
  }

  /** (1 - alpha) * 0.5 * (1 + cos(pi * step / decay_steps)) + alpha. */
  private static Operand<TFloat32> cosine(Ops tf, LearningRateSchedule s, Operand<TFloat32> step) {
    Operand<TFloat32> fraction = tf.math.div(step, c(tf, s.decaySteps()));
    Operand<TFloat32> decayed =
        tf.math.mul(
            c(tf, 0.5), tf.math.add(c(tf, 1), tf.math.cos(tf.math.mul(c(tf, Math.PI), fraction))));
    return tf.math.add(tf.math.mul(c(tf, 1 - s.alpha()), decayed), c(tf, s.alpha()));
  }

  private static Operand<TFloat32> indicator(Ops tf, Operand<org.tensorflow.types.TBool> b) {
    return tf.dtypes.cast(b, TFloat32.class);
  }

  private static Operand<TFloat32> c(Ops tf, double v) {
    return tf.constant((float) v);
  }
}
