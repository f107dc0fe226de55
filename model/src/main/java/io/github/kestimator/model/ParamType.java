package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value types a layer or optimizer parameter can have, and how a raw value (from an annotation,
 * or from a Keras JSON config) becomes the normalized Java value stored in {@link Params}: Integer,
 * Long, Double, Boolean, String, a List of Integer, Long, Double or String, a spec enum, or a
 * {@link Regularizer}, an {@link Initializer}, a {@link Constraint}, or a {@link
 * LearningRateSchedule}. A single value given for a list type is a list of one ({@code maskToken =
 * ""} is {@code [""]}).
 */
public enum ParamType {
  INT,
  DOUBLE,
  BOOLEAN,
  STRING,
  INTS,
  ACTIVATION(Activation.class),
  /** An {@link Initializer}: a type name, or a map of {@code value} and arguments. */
  INITIALIZER,
  /** A {@link Constraint}: null (none), a type name, or a map of {@code value} and arguments. */
  CONSTRAINT,
  FAN_MODE(FanMode.class),
  DISTRIBUTION(Distribution.class),
  PADDING(Padding.class),
  DTYPE(DType.class),
  MERGE_MODE(MergeMode.class),
  REGULARIZER,
  SCHEDULE,
  /** A 64-bit integer (IntegerLookup's tokens). */
  LONG,
  /** A list of strings (a vocabulary). */
  STRINGS,
  /** A list of numbers (idf weights, means, bin boundaries). */
  DOUBLES,
  /** A list of 64-bit integers (an integer vocabulary, a hashing salt). */
  LONGS,
  STANDARDIZE(Standardize.class),
  SPLIT(Split.class),
  OUTPUT_MODE(OutputMode.class);

  private final Class<? extends Enum<?>> enumType;

  ParamType() {
    this(null);
  }

  ParamType(Class<? extends Enum<?>> enumType) {
    this.enumType = enumType;
  }

  /**
   * Normalizes a raw value. Enum values may be given as the enum, or as its name in any case
   * ({@code "relu"}, {@code "RELU"}). Regularizers may be given as a map with {@code l1}, {@code
   * l2}.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public Object coerce(Object raw) {
    switch (this) {
      case INT:
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
          return toInt(n, raw);
        }
        throw expected("an integer", raw);
      case DOUBLE:
        if (raw instanceof Number n && !Double.isNaN(n.doubleValue())) {
          return n.doubleValue();
        }
        throw expected("a number", raw);
      case BOOLEAN:
        if (raw instanceof Boolean b) {
          return b;
        }
        throw expected("true or false", raw);
      case STRING:
        if (raw instanceof String s) {
          return s;
        }
        throw expected("a string", raw);
      case INTS:
        return ints(raw);
      case LONG:
        if (raw instanceof Number n && isLong(n)) {
          return n.longValue();
        }
        throw expected("a 64-bit integer", raw);
      case STRINGS:
        return list(raw, "a list of strings", o -> o instanceof String s ? s : null);
      case DOUBLES:
        return list(
            raw,
            "a list of numbers",
            o ->
                o instanceof Number n && !Double.isNaN(n.doubleValue())
                    ? (Object) n.doubleValue()
                    : null);
      case LONGS:
        return list(
            raw,
            "a list of 64-bit integers",
            o -> o instanceof Number n && isLong(n) ? (Object) n.longValue() : null);
      case SCHEDULE:
        if (raw == null) {
          return LearningRateSchedule.NONE;
        }
        if (raw instanceof LearningRateSchedule l) {
          return l;
        }
        if (raw instanceof Map<?, ?> m) {
          return LearningRateSchedule.fromMap(m);
        }
        if (raw instanceof List<?> l
            && l.size() <= 1) { // @Optimizer(schedule = ...) is an array of at most one
          return l.isEmpty() ? LearningRateSchedule.NONE : coerce(l.get(0));
        }
        throw expected("one learning-rate schedule", raw);
      case INITIALIZER:
        return Initializer.coerce(raw);
      case CONSTRAINT:
        return Constraint.coerce(raw);
      case REGULARIZER:
        if (raw == null) {
          return Regularizer.NONE;
        }
        if (raw instanceof Regularizer r) {
          return r;
        }
        if (raw instanceof Map<?, ?> m) {
          return new Regularizer(number(m.get("l1")), number(m.get("l2")));
        }
        throw expected("a regularizer", raw);
      default:
        return enumValue(raw);
    }
  }

  private Object enumValue(Object raw) {
    String name = raw instanceof Enum<?> e ? e.name() : raw instanceof String s ? s : null;
    if (name != null) {
      for (Enum<?> c : enumType.getEnumConstants()) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (Enum<?> c : enumType.getEnumConstants()) {
      names.add(c.name());
    }
    throw expected("one of " + names, raw);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  /** {@code n} as an int; a value past int32 is an error, never wrapped around (2^40 is not 0). */
  private static int toInt(Number n, Object raw) {
    double d = n.doubleValue();
    if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
      throw expected("an integer of at most " + Integer.MAX_VALUE, raw);
    }
    return n.intValue();
  }

  /** Whether {@code n} is a whole number within int64 (a double past 2^63 is not). */
  private static boolean isLong(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return true;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
  }

  /**
   * A list (or one value: a list of one) whose elements {@code element} turns into normalized
   * values (null: wrong).
   */
  private static List<Object> list(
      Object raw, String what, java.util.function.Function<Object, Object> element) {
    List<?> given;
    if (raw instanceof List<?> l) {
      given = l;
    } else if (raw instanceof Object[] a) {
      given = java.util.Arrays.asList(a);
    } else if (raw instanceof double[] a) {
      given = java.util.Arrays.stream(a).boxed().toList();
    } else if (raw instanceof long[] a) {
      given = java.util.Arrays.stream(a).boxed().toList();
    } else if (raw instanceof int[] a) {
      given = java.util.Arrays.stream(a).boxed().toList();
    } else {
      given = java.util.Collections.singletonList(raw);
    }
    List<Object> out = new ArrayList<>();
    for (Object o : given) {
      Object v = o == null ? null : element.apply(o);
      if (v == null) {
        throw expected(what, raw);
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  private static List<Integer> ints(Object raw) {
    if (raw instanceof Number n) {
      return List.of(toInt(n, raw));
    }
    if (raw instanceof int[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    }
    if (raw instanceof List<?> l) {
      List<Integer> out = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof Number n)) {
          throw expected("a list of integers", raw);
        }
        out.add(toInt(n, raw));
      }
      return List.copyOf(out);
    }
    throw expected("a list of integers", raw);
  }

  private static IllegalArgumentException expected(String what, Object raw) {
    return new IllegalArgumentException(
        "expected " + what + ", got " + (raw instanceof String ? "\"" + raw + "\"" : raw));
  }

  /** The enum a parameter of this type takes, or null. */
  public Class<? extends Enum<?>> enumType() {
    return enumType;
  }

  String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}
