package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.DOUBLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keras weight constraints ({@code keras.constraints}), each with the arguments it takes
 * (Keras' names in camelCase, Keras 3.15's defaults), as {@link InitializerType} defines an
 * initializer's. Keras applies a weight's constraint after every optimizer update, {@code
 * w.assign(constraint(w))}; so does the runtime, in the train step. The norms are taken over {@code
 * axis} (default 0: each output unit's incoming weights of a Dense kernel) with Keras' epsilon
 * {@value #EPSILON}:
 *
 * <ul>
 *   <li>{@code MAX_NORM(maxValue = 2, axis = 0)}: {@code w * clip(n, 0, maxValue) / (eps + n)}
 *   <li>{@code NON_NEG}: {@code max(w, 0)}
 *   <li>{@code UNIT_NORM(axis = 0)}: {@code w / (eps + n)}
 *   <li>{@code MIN_MAX_NORM(minValue = 0, maxValue = 1, rate = 1, axis = 0)}: {@code w * (rate *
 *       clip(n, minValue, maxValue) + (1 - rate) * n) / (eps + n)}
 * </ul>
 */
public enum ConstraintType {
  /** No constraint (Keras' {@code None}). */
  NONE("None"),
  MAX_NORM("MaxNorm", ParamDef.atLeast("maxValue", DOUBLE, 2.0, 0), Own.AXIS),
  NON_NEG("NonNeg"),
  UNIT_NORM("UnitNorm", Own.AXIS),
  MIN_MAX_NORM(
      "MinMaxNorm",
      ParamDef.atLeast("minValue", DOUBLE, 0.0, 0),
      ParamDef.atLeast("maxValue", DOUBLE, 1.0, 0),
      ParamDef.inClosedRange("rate", DOUBLE, 1.0, 0, 1),
      Own.AXIS);

  /** Keras' {@code backend.epsilon()}, added to every norm it divides by. */
  public static final double EPSILON = 1e-7;

  private static final class Own {
    /** Keras: an int or a list of ints; negative counts from the end. */
    static final ParamDef AXIS = ParamDef.list("axis", ParamType.INTS, List.of(0));
  }

  private final String kerasName;
  private final List<ParamDef> params;

  ConstraintType(String kerasName, ParamDef... params) {
    this.kerasName = kerasName;
    this.params = List.of(params);
  }

  /** Keras' class name, e.g. {@code MaxNorm}. */
  public String kerasName() {
    return kerasName;
  }

  /** The arguments it takes, in Keras' order. */
  public List<ParamDef> params() {
    return params;
  }

  static Map<String, List<ParamDef>> all() {
    Map<String, List<ParamDef>> m = new LinkedHashMap<>();
    for (ConstraintType t : values()) {
      m.put(t.name(), t.params);
    }
    return m;
  }
}
