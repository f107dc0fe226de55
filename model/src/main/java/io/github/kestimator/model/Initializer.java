package io.github.kestimator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Keras initializer with its arguments resolved: every argument its {@link InitializerType}
 * takes, given or Keras' default ({@code RandomNormal(stddev=0.3, seed=3)} holds {@code mean = 0.0,
 * stddev = 0.3, seed = [3]}). Raw values (from an annotation, a Keras config, a spec file) are
 * {@linkplain #coerce read} from a map of {@code value} (the type) and the given arguments, or from
 * a type name for its defaults.
 */
public record Initializer(InitializerType type, Params params) {
  public static final Initializer GLOROT_UNIFORM = of(InitializerType.GLOROT_UNIFORM);
  public static final Initializer GLOROT_NORMAL = of(InitializerType.GLOROT_NORMAL);
  public static final Initializer HE_UNIFORM = of(InitializerType.HE_UNIFORM);
  public static final Initializer HE_NORMAL = of(InitializerType.HE_NORMAL);
  public static final Initializer LECUN_UNIFORM = of(InitializerType.LECUN_UNIFORM);
  public static final Initializer LECUN_NORMAL = of(InitializerType.LECUN_NORMAL);
  public static final Initializer ORTHOGONAL = of(InitializerType.ORTHOGONAL);
  public static final Initializer ZEROS = of(InitializerType.ZEROS);
  public static final Initializer ONES = of(InitializerType.ONES);

  /** Keras {@code RandomUniform(-0.05, 0.05)}, the Embedding default ("uniform"). */
  public static final Initializer RANDOM_UNIFORM = of(InitializerType.RANDOM_UNIFORM);

  /** Keras {@code RandomNormal(0, 0.05)}. */
  public static final Initializer RANDOM_NORMAL = of(InitializerType.RANDOM_NORMAL);

  /** Keras {@code TruncatedNormal(0, 0.05)}. */
  public static final Initializer TRUNCATED_NORMAL = of(InitializerType.TRUNCATED_NORMAL);

  /** {@code type} with Keras' default arguments. */
  public static Initializer of(InitializerType type) {
    return of(type, Map.of());
  }

  /**
   * {@code type} with the given arguments (camelCase names), the others Keras' defaults.
   *
   * @throws ParamException for an argument {@code type} does not take ({@link
   *     Diagnostic#UNKNOWN_PARAM}) or a value out of range ({@link Diagnostic#BAD_PARAM})
   */
  public static Initializer of(InitializerType type, Map<String, ?> args) {
    Params p = Arguments.resolve(type.name(), type.params(), args, InitializerType.all());
    if (type == InitializerType.RANDOM_UNIFORM && p.getDouble("minval") > p.getDouble("maxval")) {
      throw new ParamException(
          Diagnostic.BAD_PARAM,
          "RANDOM_UNIFORM minval must be <= maxval, got minval = "
              + p.getDouble("minval")
              + " and maxval = "
              + p.getDouble("maxval"));
    }
    return new Initializer(type, p);
  }

  /**
   * An initializer from a raw value: itself, a type constant or name ({@code "glorot_uniform"},
   * {@code "HE_NORMAL"}) for its defaults, or a map of {@code value} (the type) and arguments.
   *
   * @throws ParamException naming what is wrong
   */
  public static Initializer coerce(Object raw) {
    if (raw instanceof Initializer i) {
      return i;
    }
    InitializerType type = Arguments.type(InitializerType.class, raw, "an initializer");
    return of(type, Arguments.args(raw));
  }

  public double getDouble(String name) {
    return params.getDouble(name);
  }

  /** The given seed, or null (Keras' {@code seed=None}): draw from the run's seed. */
  public Long seed() {
    return params.has("seed") ? (Long) params.optional("seed") : null;
  }

  /** The arguments that differ from Keras' defaults, in Keras' order (for writers). */
  public Map<String, Object> given() {
    return Arguments.given(type.params(), params);
  }

  /** This as a raw map: {@code value} (the type's name) and {@link #given()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", type.name());
    given().forEach((k, v) -> m.put(k, k.equals("seed") ? ((List<?>) v).get(0) : v));
    return m;
  }

  /** Keras' spelling: {@code RandomNormal(stddev=0.3, seed=3)}, {@code GlorotUniform()}. */
  @Override
  public String toString() {
    return type.kerasName()
        + given().entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + (e.getValue() instanceof List<?> l && l.size() == 1
                            ? l.get(0)
                            : e.getValue()))
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
