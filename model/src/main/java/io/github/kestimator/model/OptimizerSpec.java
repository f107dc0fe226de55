package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.BOOLEAN;
import static io.github.kestimator.model.ParamType.DOUBLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer with its raw arguments. All optimizers share one parameter list; each reads the
 * parameters Keras gives it. A negative {@code learningRate} or {@code rho} means Keras' default for
 * that optimizer. The learning rate in force at a step is {@code learningRate} changed by the
 * {@code schedule} (a {@link LearningRateSchedule}, or a map of its fields) and by Keras 2's
 * {@code decay}: {@code lr / (1 + decay * iterations)}.
 */
public record OptimizerSpec(OptimizerType type, Map<String, Object> args) {
  public static final List<ParamDef> PARAMS = List.of(
      ParamDef.of("learningRate", DOUBLE, -1.0),
      ParamDef.inRange("momentum", DOUBLE, 0.0, 0, 1),
      ParamDef.of("nesterov", BOOLEAN, false),
      ParamDef.inRange("beta1", DOUBLE, 0.9, 0, 1),
      ParamDef.inRange("beta2", DOUBLE, 0.999, 0, 1),
      ParamDef.atLeast("epsilon", DOUBLE, 1e-7, 0),
      ParamDef.of("amsgrad", BOOLEAN, false),
      ParamDef.atLeast("weightDecay", DOUBLE, 0.004, 0),
      ParamDef.of("rho", DOUBLE, -1.0),
      ParamDef.atLeast("initialAccumulatorValue", DOUBLE, 0.1, 0),
      new ParamDef("learningRatePower", DOUBLE, -0.5, null, 0.0, false, List.of()),
      ParamDef.atLeast("l1RegularizationStrength", DOUBLE, 0.0, 0),
      ParamDef.atLeast("l2RegularizationStrength", DOUBLE, 0.0, 0),
      ParamDef.atLeast("clipNorm", DOUBLE, 0.0, 0),
      ParamDef.atLeast("clipValue", DOUBLE, 0.0, 0),
      ParamDef.atLeast("decay", DOUBLE, 0.0, 0),
      ParamDef.of("schedule", ParamType.SCHEDULE, LearningRateSchedule.NONE));

  public OptimizerSpec {
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  public static OptimizerSpec of(OptimizerType type) {
    return new OptimizerSpec(type, Map.of());
  }
}
