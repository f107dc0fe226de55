package io.github.kestimator.keras;

import static io.github.kestimator.keras.ConfigJson.number;
import static io.github.kestimator.keras.ConfigJson.string;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.InitializerType;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.ParamDef;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that maps the names Keras writes to kestimator's: layer classes, activations,
 * initializers, regularizers, dtypes, losses, metrics, optimizers and learning-rate schedules, in
 * every spelling Keras 1, Keras 2, tf.keras and Keras 3 use for the same thing ({@code mse} and
 * {@code MeanSquaredError}, {@code Convolution2D} and {@code Conv2D}, {@code OrthogonalInitializer}
 * and {@code orthogonal}, {@code Custom>Adam}, {@code silu}). Each lookup returns null for a name
 * kestimator does not have; the callers say what that means (a refusal for a layer argument, a
 * training note for a training setting).
 */
final class KerasIdentifiers {
  /** Keras 1 class names of layers that Keras 2 renamed. */
  private static final Map<String, String> KERAS1_CLASSES =
      Map.of("Convolution1D", "Conv1D", "Convolution2D", "Conv2D");

  private static final Set<String> REGULARIZERS = Set.of("L1L2", "L1", "L2", "l1_l2", "l1", "l2");

  private static final Map<String, String> LOSS_ALIASES =
      Map.of(
          "mse",
          "meansquarederror",
          "mae",
          "meanabsoluteerror",
          "kld",
          "kldivergence",
          "kullbackleiblerdivergence",
          "kldivergence");

  private static final Map<String, String> METRIC_ALIASES =
      Map.of(
          "acc",
          "accuracy",
          "mse",
          "meansquarederror",
          "mae",
          "meanabsoluteerror",
          "rmse",
          "rootmeansquarederror");

  /** The initializers {@link #initializer} reads, for messages. */
  static final String SUPPORTED_INITIALIZERS =
      "GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal,"
          + " VarianceScaling, RandomNormal, RandomUniform, TruncatedNormal, Orthogonal, Identity,"
          + " Constant, Zeros, Ones";

  /** The constraints {@link #constraint} reads, for messages. */
  static final String SUPPORTED_CONSTRAINTS = "MaxNorm, NonNeg, UnitNorm, MinMaxNorm";

  /** The regularizers {@link #isRegularizer} accepts, for messages. */
  static final String SUPPORTED_REGULARIZERS = "L1L2, L1, L2";

  private KerasIdentifiers() {}

  /** {@code Mean_Squared_Error} and {@code MeanSquaredError} alike: {@code meansquarederror}. */
  static String normalize(String id) {
    return id == null ? "" : id.replace("_", "").toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------------------- layer classes

  /**
   * The kind of a layer's Keras {@code class_name} (Keras 1's {@code Convolution2D} too); null when
   * unknown.
   */
  static LayerKind layerKind(String className) {
    return className == null
        ? null
        : LayerKind.fromKeras(KERAS1_CLASSES.getOrDefault(className, className));
  }

  // ------------------------------------------------------------------------------ activations

  /**
   * The identifier of an activation value: a string, or Keras 3's serialized function ({@code
   * {"class_name": "function", "config": "relu"}}); null when it is neither.
   */
  static String activationId(Object value) {
    if (value instanceof Map<?, ?> m) {
      return m.get("config") instanceof String s ? s : string(m.get("class_name"));
    }
    return string(value);
  }

  /**
   * The activation of a Keras identifier, {@code silu} being {@code swish}; null when unknown. What
   * {@code hard_sigmoid} means depends on the Keras that wrote the file: {@code clip(0.2x + 0.5, 0,
   * 1)} before Keras 3 ({@code kerasMajor} 1 or 2), {@code relu6(x + 3) / 6} since.
   */
  static Activation activation(String id, int kerasMajor) {
    if ("hard_sigmoid".equals(id)) {
      return kerasMajor >= 3 ? Activation.HARD_SIGMOID : Activation.HARD_SIGMOID_KERAS2;
    }
    String keras = "silu".equals(id) ? "swish" : id;
    return activations().stream().filter(a -> kerasName(a).equals(keras)).findFirst().orElse(null);
  }

  /** The Keras identifiers of every activation, for messages. */
  static List<String> activationNames() {
    return activations().stream().map(KerasIdentifiers::kerasName).toList();
  }

  /**
   * Every activation a Keras identifier names ({@code hard_sigmoid}'s Keras 2 form is chosen by
   * version).
   */
  private static List<Activation> activations() {
    return Arrays.stream(Activation.values())
        .filter(a -> a != Activation.HARD_SIGMOID_KERAS2)
        .toList();
  }

  private static String kerasName(Activation a) {
    return a.name().toLowerCase(Locale.ROOT);
  }

  // ----------------------------------------------------------------------------- initializers

  /**
   * The initializer of a Keras class name or string id ({@code GlorotUniform}, {@code
   * glorot_uniform}, Keras 2.x's {@code OrthogonalInitializer}, Keras 1's {@code uniform} and
   * {@code normal}) with its config, as the raw map the model reads ({@code {"value":
   * "RANDOM_NORMAL", "stddev": 0.3, "seed": 3}}: Keras' arguments in camelCase, {@code Constant}'s
   * {@code value} as {@code constant}); null when kestimator does not have it. The model checks the
   * values. Keras 2.0 - 2.2's {@code VarianceScaling} forms of the Glorot, He and LeCun
   * initializers are those initializers.
   */
  static Map<String, Object> initializer(String className, Map<String, Object> c) {
    InitializerType type = initializerType(initializerId(className));
    if (type == null) {
      return null;
    }
    if (type == InitializerType.VARIANCE_SCALING) {
      type = varianceScalingPreset(c);
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("value", type.name());
    for (ParamDef p : type.params()) {
      String k = kerasArgument(p);
      if (!p.name().equals("seed") && c.get(k) != null) {
        out.put(p.name(), c.get(k));
      }
    }
    if (type == InitializerType.VARIANCE_SCALING && "normal".equals(c.get("distribution"))) {
      out.put("distribution", "truncated_normal"); // Keras' alias
    }
    if (c.get("seed") != null && type.isRandom()) {
      out.put("seed", c.get("seed"));
    }
    return out;
  }

  /** The initializer of a {@linkplain #initializerId normalized} Keras name, or null. */
  private static InitializerType initializerType(String id) {
    return switch (id) {
      case "glorotuniform" -> InitializerType.GLOROT_UNIFORM;
      case "glorotnormal" -> InitializerType.GLOROT_NORMAL;
      case "heuniform" -> InitializerType.HE_UNIFORM;
      case "henormal" -> InitializerType.HE_NORMAL;
      case "lecununiform" -> InitializerType.LECUN_UNIFORM;
      case "lecunnormal" -> InitializerType.LECUN_NORMAL;
      case "orthogonal" -> InitializerType.ORTHOGONAL;
      case "identity" -> InitializerType.IDENTITY;
      case "zeros", "zero" -> InitializerType.ZEROS;
      case "ones", "one" -> InitializerType.ONES;
      case "randomuniform", "uniform" -> InitializerType.RANDOM_UNIFORM;
      case "randomnormal", "normal" -> InitializerType.RANDOM_NORMAL;
      case "truncatednormal" -> InitializerType.TRUNCATED_NORMAL;
      case "constant" -> InitializerType.CONSTANT;
      case "variancescaling" -> InitializerType.VARIANCE_SCALING;
      default -> null;
    };
  }

  /**
   * An initializer argument's name in Keras' config: the model's camelCase name in snake_case, and
   * {@code Constant}'s {@code value} for the model's {@code constant}.
   */
  private static String kerasArgument(ParamDef p) {
    if (p.name().equals("constant")) {
      return "value";
    }
    StringBuilder b = new StringBuilder();
    for (char ch : p.name().toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * The first argument of an initializer's config that {@link #initializer} would not read and that
   * is set, or null: {@code dtype} does not change what is drawn, and {@code input_axes} / {@code
   * output_axes} (Keras 3.12+) count only when set.
   */
  static String unreadInitializerArgument(String className, Map<String, Object> config) {
    InitializerType type = initializerType(initializerId(className));
    Set<String> read =
        type == null
            ? Set.of()
            : type.params().stream()
                .map(KerasIdentifiers::kerasArgument)
                .collect(java.util.stream.Collectors.toSet());
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String k = e.getKey();
      if (!read.contains(k) && !k.equals("seed") && !k.equals("dtype") && e.getValue() != null) {
        return k;
      }
    }
    return null;
  }

  /** {@code OrthogonalInitializer} and {@code orthogonal} alike: {@code orthogonal}. */
  private static String initializerId(String className) {
    String id = normalize(className);
    if (id.endsWith("initializer") && !id.equals("initializer")) {
      id =
          id.substring(
              0,
              id.length()
                  - "initializer".length()); // OrthogonalInitializer, as Keras 2.x spells some
    }
    return id;
  }

  /**
   * Keras 2.0 - 2.2 serialize glorot_uniform and friends as VarianceScaling: those presets when the
   * config is one, else {@code VARIANCE_SCALING}.
   */
  private static InitializerType varianceScalingPreset(Map<String, Object> c) {
    double scale = number(c, "scale", 1.0);
    String mode = Objects.requireNonNullElse(string(c.get("mode")), "fan_in");
    String dist = Objects.requireNonNullElse(string(c.get("distribution")), "truncated_normal");
    boolean uniform = dist.equals("uniform");
    boolean normal = dist.equals("normal") || dist.equals("truncated_normal");
    String family =
        scale == 1.0 && mode.equals("fan_avg")
            ? "GLOROT"
            : scale == 2.0 && mode.equals("fan_in")
                ? "HE"
                : scale == 1.0 && mode.equals("fan_in") ? "LECUN" : null;
    if (family == null || !uniform && !normal) {
      return InitializerType.VARIANCE_SCALING;
    }
    return InitializerType.valueOf(family + (uniform ? "_UNIFORM" : "_NORMAL"));
  }

  // ------------------------------------------------------------------------------ constraints

  /**
   * A Keras 1 constraint's arguments in Keras 2's names: {@code m} is {@code max_value}, {@code
   * low} and {@code high} are {@code min_value} and {@code max_value}.
   */
  static Map<String, Object> keras1Constraint(Map<String, Object> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (!k.equals("name")) {
            out.put(
                switch (k) {
                  case "m", "high" -> "max_value";
                  case "low" -> "min_value";
                  default -> k;
                },
                v);
          }
        });
    return out;
  }

  /**
   * The constraint of a Keras class name ({@code MaxNorm}, Keras 3's {@code max_norm}, Keras 2's
   * {@code maxnorm}) with its config, as the raw map the model reads ({@code {"value": "MAX_NORM",
   * "maxValue": 2.0, "axis": 0}}); null when kestimator does not have it.
   */
  static Map<String, Object> constraint(String className, Map<String, Object> c) {
    String type =
        switch (normalize(className)) {
          case "maxnorm" -> "MAX_NORM";
          case "nonneg" -> "NON_NEG";
          case "unitnorm" -> "UNIT_NORM";
          case "minmaxnorm" -> "MIN_MAX_NORM";
          default -> null;
        };
    if (type == null) {
      return null;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("value", type);
    for (Map.Entry<String, Object> e : c.entrySet()) {
      if (e.getValue() != null && !e.getKey().equals("name")) {
        out.put(io.github.kestimator.model.Names.camel(e.getKey()), e.getValue());
      }
    }
    return out;
  }

  // --------------------------------------------------------------------- regularizers, dtypes

  /**
   * Whether a regularizer's class name is one of L1L2, L1 and L2, in Keras 2's or Keras 3's
   * spelling.
   */
  static boolean isRegularizer(String className) {
    return REGULARIZERS.contains(className);
  }

  /**
   * The name of a dtype: the string itself, or the {@code name} of a Keras 3 {@code DTypePolicy}
   * ({@code {"class_name": "DTypePolicy", "config": {"name": "float32"}}}); a policy without one as
   * it is, to be refused.
   */
  static Object dtypeName(Object value) {
    return value instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
        ? c.get("name")
        : value;
  }

  /**
   * float32 for float32 or none given, int32 for int32 and int64 (ids, and integer categories: an
   * IntegerLookup takes int32 too), string for string; null for any other dtype.
   */
  static DType dtype(Object value) {
    Object name = dtypeName(value);
    if (name == null || "float32".equals(name)) {
      return DType.FLOAT32;
    }
    if ("string".equals(name)) {
      return DType.STRING;
    }
    return "int32".equals(name) || "int64".equals(name) ? DType.INT32 : null;
  }

  // ------------------------------------------------------------------------ training settings

  /**
   * The loss of a Keras id or class name ({@code mse}, {@code mean_squared_error}, {@code
   * MeanSquaredError}), or null.
   */
  static Loss loss(String id) {
    String key = normalize(id);
    return byName(Loss.values(), LOSS_ALIASES.getOrDefault(key, key));
  }

  /** The metric of a Keras id or class name ({@code acc}, {@code rmse}, {@code AUC}), or null. */
  static Metric metric(String id) {
    String key = normalize(id);
    return byName(Metric.values(), METRIC_ALIASES.getOrDefault(key, key));
  }

  /**
   * The optimizer of a Keras class name or string id; {@code Custom>Adam} (tf.keras 2.11+ in HDF5
   * files), {@code Addons>...} and other prefixed names by the part after {@code >}. Null when
   * unknown.
   */
  static OptimizerType optimizer(String id) {
    return byName(
        OptimizerType.values(), normalize(id == null ? "" : id.substring(id.lastIndexOf('>') + 1)));
  }

  /** The learning-rate schedule of a Keras class name ({@code ExponentialDecay}), or null. */
  static LearningRateSchedule.Type schedule(String className) {
    LearningRateSchedule.Type t = byName(LearningRateSchedule.Type.values(), normalize(className));
    return t == LearningRateSchedule.Type.NONE ? null : t;
  }

  /** The constant whose normalized name is {@code key}, or null. */
  private static <E extends Enum<E>> E byName(E[] values, String key) {
    for (E e : values) {
      if (normalize(e.name()).equals(key)) {
        return e;
      }
    }
    return null;
  }
}
