package io.github.kestimator.model;

import java.util.List;

/**
 * One parameter of a layer kind or optimizer: its camelCase name (Keras' argument name in
 * camelCase), type, Keras default, and the range of values Keras accepts.
 *
 * @param min smallest allowed value for numbers (inclusive), or per element for int lists
 * @param max largest allowed value for numbers; {@code maxExclusive} says whether it is exclusive
 * @param lengths allowed lengths for int lists, empty for any length
 */
public record ParamDef(
    String name, ParamType type, Object defaultValue, Double min, Double max, boolean maxExclusive, List<Integer> lengths) {

  public static ParamDef of(String name, ParamType type, Object defaultValue) {
    return new ParamDef(name, type, defaultValue, null, null, false, List.of());
  }

  /** A number that must be at least {@code min}. */
  public static ParamDef atLeast(String name, ParamType type, Object defaultValue, double min) {
    return new ParamDef(name, type, defaultValue, min, null, false, List.of());
  }

  /** A number in {@code [min, max)}. */
  public static ParamDef inRange(String name, ParamType type, Object defaultValue, double min, double max) {
    return new ParamDef(name, type, defaultValue, min, max, true, List.of());
  }

  /** A list of positive integers of one of the given lengths. */
  public static ParamDef positiveInts(String name, Object defaultValue, Integer... lengths) {
    return new ParamDef(name, ParamType.INTS, defaultValue, 1.0, null, false, List.of(lengths));
  }

  /**
   * True when Keras' {@code None} for this parameter means its default here: no regularizer, an
   * empty list (pooling strides = pool size, no shared axes), an infinite number (no cap).
   */
  public boolean noneIsDefault() {
    return type == ParamType.REGULARIZER || List.of().equals(defaultValue)
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
        return "must have " + lengths.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("")
            + " values, got " + l.size();
      }
      for (Object o : l) {
        String p = checkNumber(((Number) o).doubleValue(), "every value ");
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private String checkNumber(double v, String prefix) {
    boolean integer = type == ParamType.INT || type == ParamType.INTS;
    if (min != null && v < min) {
      return prefix + "must be " + (integer && min == 1 ? "> 0" : ">= " + fmt(min, integer)) + ", got " + fmt(v, integer);
    }
    if (max != null && (maxExclusive ? v >= max : v > max)) {
      return prefix + "must be in [" + fmt(min == null ? 0 : min, integer) + ", " + fmt(max, integer) + (maxExclusive ? ")" : "]")
          + ", got " + fmt(v, integer);
    }
    return null;
  }

  private static String fmt(double v, boolean integer) {
    return integer ? String.valueOf((long) v) : String.valueOf(v);
  }
}
