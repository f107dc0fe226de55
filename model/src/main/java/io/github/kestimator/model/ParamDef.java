package io.github.kestimator.model;

import java.util.List;

/**
 * One parameter of a layer kind or optimizer: its camelCase name (Keras' argument name in
 * camelCase), type, Keras default, and the range of values Keras accepts.
 *
 * <p>The range applies to values that are given. The default is Keras' own value or, for a
 * parameter whose Keras default is {@code None}, the value that stands for it here (an optimizer's
 * {@code clipNorm} of 0: no clipping), which may lie outside the range a given value must be in.
 *
 * @param defaultValue the value when none is given; null when the parameter must be given
 * @param min smallest allowed value for numbers, or per element for int lists; {@code minExclusive}
 *     says whether it is exclusive ({@code > 0}) or not ({@code >= 0})
 * @param max largest allowed value for numbers; {@code maxExclusive} says whether it is exclusive
 * @param lengths allowed lengths for lists, empty for any length
 */
public record ParamDef(
    String name,
    ParamType type,
    Object defaultValue,
    Double min,
    boolean minExclusive,
    Double max,
    boolean maxExclusive,
    List<Integer> lengths) {

  public ParamDef {
    lengths = List.copyOf(lengths);
  }

  public static ParamDef of(String name, ParamType type, Object defaultValue) {
    return new ParamDef(name, type, defaultValue, null, false, null, false, List.of());
  }

  /** A number that must be at least {@code min}. */
  public static ParamDef atLeast(String name, ParamType type, Object defaultValue, double min) {
    return new ParamDef(name, type, defaultValue, min, false, null, false, List.of());
  }

  /** A number that must be greater than {@code min}. */
  public static ParamDef above(String name, ParamType type, Object defaultValue, double min) {
    return new ParamDef(name, type, defaultValue, min, true, null, false, List.of());
  }

  /** A number that must be at most {@code max}. */
  public static ParamDef atMost(String name, ParamType type, Object defaultValue, double max) {
    return new ParamDef(name, type, defaultValue, null, false, max, false, List.of());
  }

  /** A number in {@code [min, max)}. */
  public static ParamDef inRange(
      String name, ParamType type, Object defaultValue, double min, double max) {
    return new ParamDef(name, type, defaultValue, min, false, max, true, List.of());
  }

  /** A number in {@code [min, max]}. */
  public static ParamDef inClosedRange(
      String name, ParamType type, Object defaultValue, double min, double max) {
    return new ParamDef(name, type, defaultValue, min, false, max, false, List.of());
  }

  /** A list of positive integers of one of the given lengths (any length when none are given). */
  public static ParamDef positiveInts(String name, Object defaultValue, Integer... lengths) {
    return new ParamDef(
        name, ParamType.INTS, defaultValue, 1.0, false, null, false, List.of(lengths));
  }

  /**
   * A list of integers of at least {@code min} each, of one of the given lengths (any length when
   * none are given).
   */
  public static ParamDef ints(String name, Object defaultValue, double min, Integer... lengths) {
    return new ParamDef(
        name, ParamType.INTS, defaultValue, min, false, null, false, List.of(lengths));
  }

  /**
   * A list of the given element type ({@link ParamType#STRINGS}, {@link ParamType#DOUBLES}, ...),
   * of one of the given lengths.
   */
  public static ParamDef list(
      String name, ParamType type, Object defaultValue, Integer... lengths) {
    return new ParamDef(name, type, defaultValue, null, false, null, false, List.of(lengths));
  }

  /**
   * An optional value given as a list of at most one ({@code maskToken}: none, or one token), for a
   * parameter whose Keras default {@code None} no value of its type can stand for; empty when not
   * given.
   */
  public static ParamDef optional(String name, ParamType listType) {
    return new ParamDef(name, listType, List.of(), null, false, null, false, List.of(0, 1));
  }

  /**
   * True when Keras' {@code None} for this parameter means its default here: no regularizer, no
   * constraint, an empty list (pooling strides = pool size, no shared axes), an infinite number (no
   * cap).
   */
  public boolean noneIsDefault() {
    return type == ParamType.REGULARIZER
        || type == ParamType.CONSTRAINT
        || List.of().equals(defaultValue)
        || defaultValue instanceof Double d && d.isInfinite();
  }

  /**
   * Checks a normalized value against the range.
   *
   * @return null when it is fine, else what was expected, e.g. {@code "must be > 0, got 0"}
   */
  public String check(Object value) {
    if (value instanceof Number n) {
      return checkNumber(n.doubleValue(), "");
    }
    if (value instanceof List<?> l) {
      if (!lengths.isEmpty() && !lengths.contains(l.size())) {
        return "must have "
            + lengths.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("")
            + " values, got "
            + l.size();
      }
      for (Object o : l) {
        String p = o instanceof Number n ? checkNumber(n.doubleValue(), "every value ") : null;
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  /**
   * The range in words: {@code > 0.0}, {@code in [0.0, 1.0)}, {@code <= 0.0}; empty when any value
   * goes.
   */
  public String range() {
    boolean integer = integer();
    if (min != null && max != null) {
      return "in "
          + (minExclusive ? "(" : "[")
          + fmt(min, integer)
          + ", "
          + fmt(max, integer)
          + (maxExclusive ? ")" : "]");
    }
    if (min != null) {
      return integer && min == 1 && !minExclusive
          ? "> 0"
          : (minExclusive ? "> " : ">= ") + fmt(min, integer);
    }
    if (max != null) {
      return (maxExclusive ? "< " : "<= ") + fmt(max, integer);
    }
    return "";
  }

  private String checkNumber(double v, String prefix) {
    boolean integer = integer();
    boolean low =
        min != null && (minExclusive ? !(v > min) : !(v >= min)); // NaN is outside every range
    boolean high = max != null && (maxExclusive ? !(v < max) : !(v <= max));
    if (low || high) {
      return prefix + "must be " + range() + ", got " + fmt(v, integer);
    }
    return null;
  }

  private boolean integer() {
    return type == ParamType.INT
        || type == ParamType.INTS
        || type == ParamType.LONG
        || type == ParamType.LONGS;
  }

  private static String fmt(double v, boolean integer) {
    return integer ? String.valueOf((long) v) : String.valueOf(v);
  }
}
