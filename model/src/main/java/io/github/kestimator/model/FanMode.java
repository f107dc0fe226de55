package io.github.kestimator.model;

/**
 * Keras {@code VarianceScaling(mode=...)}: which fan divides the scale ({@code "fan_in"}, {@code
 * "fan_out"}, {@code "fan_avg"}).
 */
public enum FanMode {
  FAN_IN,
  FAN_OUT,
  FAN_AVG
}
