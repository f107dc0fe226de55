package io.github.kestimator.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer with its raw arguments, as written. Each optimizer takes its own parameters ({@link
 * OptimizerType#params()}); a parameter not given takes Keras' default for that optimizer when the
 * model is analyzed ({@link Model#optimizer()}). The learning rate in force at a step is {@code
 * learningRate} changed by the {@code schedule} (a {@link LearningRateSchedule}, or a map of its
 * fields) and by Keras 2's {@code decay}: {@code lr / (1 + decay * iterations)}.
 */
public record OptimizerSpec(OptimizerType type, Map<String, Object> args) {
  public OptimizerSpec {
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  public static OptimizerSpec of(OptimizerType type) {
    return new OptimizerSpec(type, Map.of());
  }
}
