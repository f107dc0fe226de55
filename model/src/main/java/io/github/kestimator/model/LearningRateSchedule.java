package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras 3 learning-rate schedule ({@code keras.optimizers.schedules}), evaluated at the
 * optimizer's iteration count (the global step before the update: 0 for the first step). The
 * schedule starts from the optimizer's {@code learningRate} (Keras' {@code initial_learning_rate});
 * {@link Type#PIECEWISE_CONSTANT_DECAY} takes its {@code values} instead. Unused fields keep their
 * defaults.
 *
 * @param warmupTarget CosineDecay's {@code warmup_target}; negative for Keras' None (no warm-up)
 */
public record LearningRateSchedule(
    Type type,
    double decaySteps,
    double decayRate,
    boolean staircase,
    double endLearningRate,
    double power,
    boolean cycle,
    double alpha,
    double warmupTarget,
    double warmupSteps,
    List<Double> boundaries,
    List<Double> values) {

  /** The schedules, named as Keras' classes. */
  public enum Type {
    /** A constant learning rate (no schedule). */
    NONE,
    /**
     * {@code lr * decay_rate ^ (step / decay_steps)}, the exponent floored when {@code staircase}.
     */
    EXPONENTIAL_DECAY,
    /**
     * {@code lr / (1 + decay_rate * step / decay_steps)}, the ratio floored when {@code staircase}.
     */
    INVERSE_TIME_DECAY,
    /** {@code values[i]} for {@code boundaries[i-1] < step <= boundaries[i]}. */
    PIECEWISE_CONSTANT_DECAY,
    /**
     * {@code (lr - end) * (1 - step / decay_steps) ^ power + end}, restarting when {@code cycle}.
     */
    POLYNOMIAL_DECAY,
    /**
     * Optional linear warm-up to {@code warmup_target}, then a cosine from it down to {@code alpha}
     * times it.
     */
    COSINE_DECAY
  }

  /** No schedule: the optimizer's learning rate throughout. */
  public static final LearningRateSchedule NONE =
      new LearningRateSchedule(
          Type.NONE, 0, 0, false, 0.0001, 1, false, 0, -1, 0, List.of(), List.of());

  public LearningRateSchedule {
    boundaries = List.copyOf(boundaries);
    values = List.copyOf(values);
    if (type != Type.NONE && type != Type.PIECEWISE_CONSTANT_DECAY && !(decaySteps > 0)) {
      throw new IllegalArgumentException(name(type) + " needs decaySteps > 0, got " + decaySteps);
    }
    if (type == Type.PIECEWISE_CONSTANT_DECAY
        && (boundaries.isEmpty() || values.size() != boundaries.size() + 1)) {
      throw new IllegalArgumentException(
          "PiecewiseConstantDecay needs one value more than boundaries, got "
              + boundaries.size()
              + " boundaries and "
              + values.size()
              + " values");
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
    }
  }

  /** Keras' {@code ExponentialDecay(lr, decay_steps, decay_rate, staircase)}. */
  public static LearningRateSchedule exponentialDecay(
      double decaySteps, double decayRate, boolean staircase) {
    return new LearningRateSchedule(
        Type.EXPONENTIAL_DECAY,
        decaySteps,
        decayRate,
        staircase,
        0.0001,
        1,
        false,
        0,
        -1,
        0,
        List.of(),
        List.of());
  }

  /** Keras' {@code InverseTimeDecay(lr, decay_steps, decay_rate, staircase)}. */
  public static LearningRateSchedule inverseTimeDecay(
      double decaySteps, double decayRate, boolean staircase) {
    return new LearningRateSchedule(
        Type.INVERSE_TIME_DECAY,
        decaySteps,
        decayRate,
        staircase,
        0.0001,
        1,
        false,
        0,
        -1,
        0,
        List.of(),
        List.of());
  }

  /** Keras' {@code PiecewiseConstantDecay(boundaries, values)}. */
  public static LearningRateSchedule piecewiseConstantDecay(
      List<Double> boundaries, List<Double> values) {
    return new LearningRateSchedule(
        Type.PIECEWISE_CONSTANT_DECAY, 0, 0, false, 0.0001, 1, false, 0, -1, 0, boundaries, values);
  }

  /** Keras' {@code PolynomialDecay(lr, decay_steps, end_learning_rate, power, cycle)}. */
  public static LearningRateSchedule polynomialDecay(
      double decaySteps, double endLearningRate, double power, boolean cycle) {
    return new LearningRateSchedule(
        Type.POLYNOMIAL_DECAY,
        decaySteps,
        0,
        false,
        endLearningRate,
        power,
        cycle,
        0,
        -1,
        0,
        List.of(),
        List.of());
  }

  /**
   * Keras' {@code CosineDecay(lr, decay_steps, alpha, warmup_target, warmup_steps)}; {@code
   * warmupTarget < 0} for None.
   */
  public static LearningRateSchedule cosineDecay(
      double decaySteps, double alpha, double warmupTarget, double warmupSteps) {
    return new LearningRateSchedule(
        Type.COSINE_DECAY,
        decaySteps,
        0,
        false,
        0.0001,
        1,
        false,
        alpha,
        warmupTarget,
        warmupSteps,
        List.of(),
        List.of());
  }

  /**
   * The schedule given as a map of its fields (a nested {@code @LearningRateSchedule} as the
   * processor reads it: {@code value} is the type's name; absent fields take their defaults).
   */
  static LearningRateSchedule fromMap(Map<?, ?> m) {
    Object t = m.containsKey("value") ? m.get("value") : m.get("type");
    Type type =
        t instanceof Type ty
            ? ty
            : t == null ? Type.NONE : Type.valueOf(t.toString().toUpperCase(Locale.ROOT));
    return new LearningRateSchedule(
        type,
        num(m, "decaySteps", 0),
        num(m, "decayRate", 0),
        bool(m, "staircase"),
        num(m, "endLearningRate", 0.0001),
        num(m, "power", 1),
        bool(m, "cycle"),
        num(m, "alpha", 0),
        num(m, "warmupTarget", -1),
        num(m, "warmupSteps", 0),
        nums(m, "boundaries"),
        nums(m, "values"));
  }

  /** Whether the learning rate changes with the step. */
  public boolean isConstant() {
    return type == Type.NONE;
  }

  /**
   * The learning rate at iteration {@code step} (the optimizer's iterations before this update) as
   * Keras computes it, in double precision.
   *
   * @param initial the optimizer's learning rate (Keras' {@code initial_learning_rate})
   */
  public double at(double initial, double step) {
    switch (type) {
      case NONE:
        return initial;
      case EXPONENTIAL_DECAY:
        {
          double p = step / decaySteps;
          return initial * Math.pow(decayRate, staircase ? Math.floor(p) : p);
        }
      case INVERSE_TIME_DECAY:
        {
          double p = step / decaySteps;
          return initial / (1 + decayRate * (staircase ? Math.floor(p) : p));
        }
      case PIECEWISE_CONSTANT_DECAY:
        {
          for (int i = 0; i < boundaries.size(); i++) {
            if (step <= boundaries.get(i)) {
              return values.get(i);
            }
          }
          return values.get(values.size() - 1);
        }
      case POLYNOMIAL_DECAY:
        {
          double steps = decaySteps;
          double s = step;
          if (cycle) {
            steps = decaySteps * (s == 0 ? 1 : Math.ceil(s / decaySteps));
          } else {
            s = Math.min(s, decaySteps);
          }
          return (initial - endLearningRate) * Math.pow(1 - s / steps, power) + endLearningRate;
        }
      case COSINE_DECAY:
        {
          if (warmupTarget < 0) {
            return initial * cosine(Math.min(step, decaySteps));
          }
          double s = Math.min(step, decaySteps + warmupSteps);
          if (s < warmupSteps) {
            return (warmupTarget - initial) * (s / warmupSteps) + initial;
          }
          return warmupTarget * cosine(s - warmupSteps);
        }
      default:
        throw new AssertionError(type);
    }
  }

  private double cosine(double step) {
    double decayed = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
    return (1 - alpha) * decayed + alpha;
  }

  /** Keras' class name, for messages. */
  static String name(Type type) {
    StringBuilder b = new StringBuilder();
    for (String part : type.name().split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  private static double num(Map<?, ?> m, String key, double dflt) {
    return m.get(key) instanceof Number n ? n.doubleValue() : dflt;
  }

  private static boolean bool(Map<?, ?> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }

  private static List<Double> nums(Map<?, ?> m, String key) {
    List<Double> out = new ArrayList<>();
    if (m.get(key) instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Number n)) {
          throw new IllegalArgumentException(key + " must be numbers, got " + l);
        }
        out.add(n.doubleValue());
      }
    }
    return out;
  }
}
