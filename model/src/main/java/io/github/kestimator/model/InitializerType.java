package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.DOUBLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keras initializers ({@code keras.initializers}), each with the arguments it takes (Keras'
 * argument names in camelCase, Keras 3.15's defaults and ranges), as {@link OptimizerType} defines
 * an optimizer's. An argument an initializer does not take is {@link Diagnostic#UNKNOWN_PARAM}; a
 * value out of range {@link Diagnostic#BAD_PARAM}.
 *
 * <p>The Glorot, He and LeCun initializers are {@link #VARIANCE_SCALING} presets: Glorot {@code
 * scale = 1, fan_avg}, He {@code scale = 2, fan_in}, LeCun {@code scale = 1, fan_in}; their
 * "normal" forms draw a truncated normal. Every random initializer takes a {@code seed}: a seeded
 * one draws the values Keras 3 on TensorFlow draws for that seed, in every run (the runtime uses
 * Keras' ops: TensorFlow's stateless random ops seeded with {@code [seed mod (2^31 - 2), 0]}, and
 * TensorFlow's QR for {@link #ORTHOGONAL}); an unseeded one draws from the run's {@code RunConfig}
 * seed, the layer and the weight.
 */
public enum InitializerType {
  GLOROT_UNIFORM("GlorotUniform", 1, FanMode.FAN_AVG, Distribution.UNIFORM),
  GLOROT_NORMAL("GlorotNormal", 1, FanMode.FAN_AVG, Distribution.TRUNCATED_NORMAL),
  HE_UNIFORM("HeUniform", 2, FanMode.FAN_IN, Distribution.UNIFORM),
  HE_NORMAL("HeNormal", 2, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL),
  LECUN_UNIFORM("LecunUniform", 1, FanMode.FAN_IN, Distribution.UNIFORM),
  LECUN_NORMAL("LecunNormal", 1, FanMode.FAN_IN, Distribution.TRUNCATED_NORMAL),
  /**
   * Keras {@code VarianceScaling(scale, mode, distribution)}: {@code scale / fan} (the fan of
   * {@code mode}, at least 1) is the variance of a truncated normal (stddev {@code sqrt(scale /
   * fan) / 0.8796}, cut at 2 stddev), an untruncated normal, or a uniform in {@code [-sqrt(3 *
   * scale / fan), sqrt(3 * scale / fan)]}.
   */
  VARIANCE_SCALING(
      "VarianceScaling",
      ParamDef.above("scale", DOUBLE, 1.0, 0),
      ParamDef.of("mode", ParamType.FAN_MODE, FanMode.FAN_IN),
      ParamDef.of("distribution", ParamType.DISTRIBUTION, Distribution.TRUNCATED_NORMAL),
      Own.SEED),
  /** Keras {@code RandomNormal(mean, stddev)}; Keras 1's {@code normal}. */
  RANDOM_NORMAL("RandomNormal", Own.MEAN, Own.STDDEV, Own.SEED),
  /**
   * Keras {@code RandomUniform(minval, maxval)}, by default [-0.05, 0.05], Embedding's {@code
   * "uniform"}; {@code minval} must not exceed {@code maxval}.
   */
  RANDOM_UNIFORM(
      "RandomUniform",
      ParamDef.of("minval", DOUBLE, -0.05),
      ParamDef.of("maxval", DOUBLE, 0.05),
      Own.SEED),
  /** Keras {@code TruncatedNormal(mean, stddev)}: a normal redrawn beyond 2 stddev of the mean. */
  TRUNCATED_NORMAL("TruncatedNormal", Own.MEAN, Own.STDDEV, Own.SEED),
  /**
   * Keras {@code Orthogonal(gain)}: {@code gain} times the Q of a QR decomposition of a normal
   * matrix (rows: the product of all but the last dimension); a recurrent kernel's default.
   */
  ORTHOGONAL("Orthogonal", Own.GAIN, Own.SEED),
  /** Keras {@code Identity(gain)} (Keras 2's {@code IdentityInitializer}): 2-D weights only. */
  IDENTITY("Identity", Own.GAIN),
  /**
   * Keras {@code Constant(value)}; the argument is {@code constant} here, since {@code value} names
   * the initializer in {@code @Initializer(value = CONSTANT, constant = 0.1)}.
   */
  CONSTANT("Constant", ParamDef.of("constant", DOUBLE, 0.0)),
  ZEROS("Zeros"),
  ONES("Ones");

  /** Arguments several initializers take, defined once. */
  private static final class Own {
    /** Keras' {@code seed=None}: none given, the run's seed. */
    static final ParamDef SEED = ParamDef.optional("seed", ParamType.LONGS);

    static final ParamDef MEAN = ParamDef.of("mean", DOUBLE, 0.0);
    static final ParamDef STDDEV = ParamDef.above("stddev", DOUBLE, 0.05, 0);
    static final ParamDef GAIN = ParamDef.above("gain", DOUBLE, 1.0, 0);
  }

  private final String kerasName;
  private final List<ParamDef> params;
  private final double presetScale;
  private final FanMode presetMode;
  private final Distribution presetDistribution;

  InitializerType(String kerasName, ParamDef... params) {
    this.kerasName = kerasName;
    this.params = List.of(params);
    this.presetScale = 0;
    this.presetMode = null;
    this.presetDistribution = null;
  }

  InitializerType(String kerasName, double scale, FanMode mode, Distribution distribution) {
    this.kerasName = kerasName;
    this.params = List.of(Own.SEED);
    this.presetScale = scale;
    this.presetMode = mode;
    this.presetDistribution = distribution;
  }

  /** Keras' class name, e.g. {@code RandomNormal}. */
  public String kerasName() {
    return kerasName;
  }

  /** The arguments it takes, in Keras' order. */
  public List<ParamDef> params() {
    return params;
  }

  /** The argument named {@code name}, or null when this initializer does not take it. */
  public ParamDef param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /** Whether it draws random values (and so takes a {@code seed}). */
  public boolean isRandom() {
    return param("seed") != null;
  }

  /** What a variance-scaling initializer draws: variance {@code scale / fan} of {@code mode}. */
  public record Scaling(double scale, FanMode mode, Distribution distribution) {}

  /**
   * For the Glorot, He and LeCun presets and {@link #VARIANCE_SCALING} (with its arguments {@code
   * p}): what they draw; null for the others.
   */
  public Scaling scaling(Params p) {
    if (this == VARIANCE_SCALING) {
      return new Scaling(
          p.getDouble("scale"),
          p.getEnum("mode", FanMode.class),
          p.getEnum("distribution", Distribution.class));
    }
    return presetMode == null ? null : new Scaling(presetScale, presetMode, presetDistribution);
  }

  /** Every initializer with its arguments, for "(X, Y take it)" in messages. */
  static Map<String, List<ParamDef>> all() {
    Map<String, List<ParamDef>> m = new LinkedHashMap<>();
    for (InitializerType t : values()) {
      m.put(t.name(), t.params);
    }
    return m;
  }
}
