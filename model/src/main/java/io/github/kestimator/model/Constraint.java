package io.github.kestimator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A Keras weight constraint with its arguments resolved ({@link ConstraintType} says what each
 * does); {@link #NONE} constrains nothing. Raw values are {@linkplain #coerce read} as {@link
 * Initializer}'s are: a map of {@code value} (the type) and the given arguments, or a type name.
 */
public record Constraint(ConstraintType type, Params params) {
  public static final Constraint NONE = of(ConstraintType.NONE);

  public static Constraint of(ConstraintType type) {
    return of(type, Map.of());
  }

  /**
   * {@code type} with the given arguments (camelCase names), the others Keras' defaults.
   *
   * @throws ParamException for an argument {@code type} does not take or a value out of range
   */
  public static Constraint of(ConstraintType type, Map<String, ?> args) {
    Params p = Arguments.resolve(type.name(), type.params(), args, ConstraintType.all());
    if (type == ConstraintType.MIN_MAX_NORM && p.getDouble("minValue") > p.getDouble("maxValue")) {
      throw new ParamException(
          Diagnostic.BAD_PARAM,
          "MIN_MAX_NORM minValue must be <= maxValue, got minValue = "
              + p.getDouble("minValue")
              + " and maxValue = "
              + p.getDouble("maxValue"));
    }
    return new Constraint(type, p);
  }

  /**
   * A constraint from a raw value: itself, null (none), a type constant or name, or a map of {@code
   * value} and arguments.
   *
   * @throws ParamException naming what is wrong
   */
  public static Constraint coerce(Object raw) {
    if (raw == null) {
      return NONE;
    }
    if (raw instanceof Constraint c) {
      return c;
    }
    ConstraintType type = Arguments.type(ConstraintType.class, raw, "a constraint");
    return of(type, Arguments.args(raw));
  }

  public boolean isNone() {
    return type == ConstraintType.NONE;
  }

  public double getDouble(String name) {
    return params.getDouble(name);
  }

  /** The axes the norms are taken over; empty for a constraint without {@code axis}. */
  public List<Integer> axis() {
    return params.has("axis") ? params.getInts("axis") : List.of();
  }

  /**
   * The first of {@link #axis()} outside a weight of rank {@code rank} (Keras takes {@code 0} to
   * {@code rank - 1}, or negative from the end), if any.
   */
  public OptionalInt axisOutside(int rank) {
    return axis().stream()
        .mapToInt(Integer::intValue)
        .filter(a -> a < -rank || a >= rank)
        .findFirst();
  }

  /**
   * {@link #axis()} as non-negative axes of a weight of rank {@code rank}.
   *
   * @throws IllegalArgumentException for an {@linkplain #axisOutside axis outside} it
   *     (ModelAnalyzer reports that on the layer)
   */
  public int[] axes(int rank) {
    axisOutside(rank)
        .ifPresent(
            a -> {
              throw new IllegalArgumentException(
                  this + " has axis " + a + ", outside a weight of rank " + rank);
            });
    return axis().stream().mapToInt(a -> a < 0 ? a + rank : a).toArray();
  }

  /** The arguments that differ from Keras' defaults, in Keras' order (for writers). */
  public Map<String, Object> given() {
    return Arguments.given(type.params(), params);
  }

  /** This as a raw map: {@code value} (the type's name) and {@link #given()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", type.name());
    m.putAll(given());
    return m;
  }

  /** Keras' spelling: {@code MaxNorm(maxValue=3.0)}. */
  @Override
  public String toString() {
    return type.kerasName()
        + given().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
