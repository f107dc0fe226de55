package io.github.kestimator.annotations;

/**
 * Keras {@code VarianceScaling(mode=...)}: {@code "fan_in"}, {@code "fan_out"}, {@code "fan_avg"}.
 */
public enum FanMode {
  FAN_IN,
  FAN_OUT,
  FAN_AVG
}
