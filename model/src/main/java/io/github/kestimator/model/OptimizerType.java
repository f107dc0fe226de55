package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.BOOLEAN;
import static io.github.kestimator.model.ParamType.DOUBLE;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Keras optimizers, each with the parameters it takes (Keras' argument names in camelCase,
 * Keras' defaults and ranges), as {@link LayerKind} defines a layer kind's. A parameter an
 * optimizer does not take is an error ({@link Diagnostic#UNKNOWN_PARAM}), as Keras raises for an
 * argument its optimizer does not recognize.
 *
 * <p>Every optimizer takes {@code learningRate} (> 0, or with a schedule its initial rate, >= 0;
 * not given: Keras' default for that optimizer), the gradient clipping of Keras' base optimizer,
 * {@code clipNorm} and {@code clipValue} (> 0; not given: no clipping), Keras 2's {@code decay}
 * ({@code lr / (1 + decay * iterations)}, >= 0) and a {@code schedule} ({@link
 * LearningRateSchedule}).
 */
public enum OptimizerType {
  /**
   * Keras {@code SGD}: plain gradient descent, with {@code momentum} (Keras: in [0, 1]) and {@code
   * nesterov}.
   */
  SGD(
      "SGD",
      0.01,
      ParamDef.inClosedRange("momentum", DOUBLE, 0.0, 0, 1),
      ParamDef.of("nesterov", BOOLEAN, false)),
  ADAM("Adam", 0.001, Own.BETA1, Own.BETA2, Own.EPSILON, Own.AMSGRAD),
  /** Adam with weight decay decoupled from the gradient. */
  ADAMW(
      "AdamW",
      0.001,
      ParamDef.atLeast("weightDecay", DOUBLE, 0.004, 0),
      Own.BETA1,
      Own.BETA2,
      Own.EPSILON,
      Own.AMSGRAD),
  RMSPROP(
      "RMSprop",
      0.001,
      ParamDef.inRange("rho", DOUBLE, 0.9, 0, 1),
      ParamDef.inRange("momentum", DOUBLE, 0.0, 0, 1),
      Own.EPSILON),
  ADAGRAD("Adagrad", 0.001, Own.INITIAL_ACCUMULATOR, Own.EPSILON),
  ADADELTA("Adadelta", 0.001, ParamDef.inRange("rho", DOUBLE, 0.95, 0, 1), Own.EPSILON),
  ADAMAX("Adamax", 0.001, Own.BETA1, Own.BETA2, Own.EPSILON),
  NADAM("Nadam", 0.001, Own.BETA1, Own.BETA2, Own.EPSILON),
  /**
   * Keras {@code Ftrl}: {@code learningRatePower} at most 0, the accumulator and strengths >= 0, as
   * Keras checks.
   */
  FTRL(
      "Ftrl",
      0.001,
      ParamDef.atMost("learningRatePower", DOUBLE, -0.5, 0),
      Own.INITIAL_ACCUMULATOR,
      ParamDef.atLeast("l1RegularizationStrength", DOUBLE, 0.0, 0),
      ParamDef.atLeast("l2RegularizationStrength", DOUBLE, 0.0, 0));

  /**
   * Parameters several optimizers take, defined once (enum constructors cannot read the enum's own
   * statics).
   */
  private static final class Own {
    static final ParamDef BETA1 = ParamDef.inRange("beta1", DOUBLE, 0.9, 0, 1);
    static final ParamDef BETA2 = ParamDef.inRange("beta2", DOUBLE, 0.999, 0, 1);

    /** Keras' 1e-7, not TensorFlow's 1e-8. */
    static final ParamDef EPSILON = ParamDef.above("epsilon", DOUBLE, 1e-7, 0);

    static final ParamDef AMSGRAD = ParamDef.of("amsgrad", BOOLEAN, false);
    static final ParamDef INITIAL_ACCUMULATOR =
        ParamDef.atLeast("initialAccumulatorValue", DOUBLE, 0.1, 0);

    /** After the optimizer's own parameters: those of Keras' base optimizer. */
    static final List<ParamDef> COMMON =
        List.of(
            ParamDef.above("clipNorm", DOUBLE, 0.0, 0),
            ParamDef.above("clipValue", DOUBLE, 0.0, 0),
            ParamDef.atLeast("decay", DOUBLE, 0.0, 0),
            ParamDef.of("schedule", ParamType.SCHEDULE, LearningRateSchedule.NONE));
  }

  private final String kerasName;
  private final List<ParamDef> params;

  OptimizerType(String kerasName, double learningRate, ParamDef... own) {
    this.kerasName = kerasName;
    this.params =
        Stream.of(
                Stream.of(ParamDef.above("learningRate", DOUBLE, learningRate, 0)),
                Stream.of(own),
                Own.COMMON.stream())
            .flatMap(s -> s)
            .toList();
  }

  /** Keras' class name, e.g. {@code RMSprop}. */
  public String kerasName() {
    return kerasName;
  }

  /**
   * The parameters it takes: {@code learningRate}, its own, then clipping, {@code decay} and {@code
   * schedule}.
   */
  public List<ParamDef> params() {
    return params;
  }

  /** The parameter named {@code name}, or null when this optimizer does not take it. */
  public ParamDef param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The definitions {@code args} are checked against: {@link #params()}, except that with a
   * schedule {@code learningRate} is the schedule's initial rate, which may be 0 (Keras'
   * CosineDecay warming up from 0).
   */
  List<ParamDef> paramsFor(Map<String, Object> args) {
    boolean scheduled;
    try {
      Object schedule = args.get("schedule");
      scheduled =
          schedule != null
              && !((LearningRateSchedule) ParamType.SCHEDULE.coerce(schedule)).isConstant();
    } catch (IllegalArgumentException e) {
      scheduled = false; // the schedule itself is reported
    }
    if (!scheduled) {
      return params;
    }
    ParamDef lr = param("learningRate");
    ParamDef initial = ParamDef.atLeast(lr.name(), lr.type(), lr.defaultValue(), 0);
    return params.stream().map(p -> p == lr ? initial : p).toList();
  }
}
