package io.github.kestimator.keras;

import static io.github.kestimator.keras.ConfigJson.number;
import static io.github.kestimator.keras.ConfigJson.show;
import static io.github.kestimator.keras.ConfigJson.string;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One layer of a Keras config as a {@link LayerSpec}: its class as a {@link LayerKind}, its
 * snake_case arguments as the kind's camelCase parameters ({@link KerasIdentifiers} for the names
 * of activations, initializers, regularizers and dtypes; {@link Keras1Arguments} for Keras 1's
 * spellings). Arguments without a meaning for training or inference here (dtype policies, seeds,
 * build configs) are ignored, and so are arguments kestimator does not implement while they hold
 * their default (Keras 3 writes every argument: {@code renorm_clipping: null}, {@code
 * quantization_config: null}, ...); any other argument, class or value is refused naming the layer,
 * its class and the argument. Arguments only training uses ({@code trainable=False}) are noted in
 * {@link #trainingNotes()}, not refused. The layer's place in the model is {@link Topology}'s.
 */
final class LayerArguments {
  /** Keys that carry no meaning for building, training or serving the model here. */
  private static final Set<String> IGNORED =
      Set.of(
          "name",
          "batch_input_shape",
          "batch_shape",
          "batch_size",
          "build_config",
          "seed",
          "implementation",
          "unroll",
          "fused",
          "module",
          "registered_name",
          "input_tensor",
          "autocast",
          // only used with an argument refused unless neutral: renorm=True, lora_rank=N
          "renorm_momentum",
          "lora_alpha");

  /**
   * Layers whose dtype policy names their output's dtype (int64 ids, strings), which the model
   * infers itself.
   */
  private static final Set<LayerKind> PREPROCESSING =
      Set.of(
          LayerKind.TEXT_VECTORIZATION,
          LayerKind.STRING_LOOKUP,
          LayerKind.INTEGER_LOOKUP,
          LayerKind.HASHING,
          LayerKind.NORMALIZATION,
          LayerKind.DISCRETIZATION,
          LayerKind.CATEGORY_ENCODING);

  /** An InputLayer's arguments that must hold their default. */
  private static final Set<String> INPUT_NEUTRAL = Set.of("sparse", "ragged", "optional");

  /** Stands for Python's None in {@link #NEUTRAL}. */
  private static final Object NONE = new Object();

  /** Keys accepted only with the value that means "not used" (any other value is rejected). */
  private static final Map<String, Object> NEUTRAL = neutral();

  private final ConfigJson json;

  /**
   * The major version of the Keras that wrote the file (1, 2 or 3): decides what {@code
   * hard_sigmoid} means.
   */
  private final int kerasMajor;

  private final List<String> trainingNotes = new ArrayList<>();
  private final List<KerasModel.UnknownLength> unknownLengths = new ArrayList<>();
  private final Keras1Arguments keras1;

  /** True while reading a Bidirectional's wrapped layer. */
  private boolean wrappedLayer;

  LayerArguments(ConfigJson json, int kerasMajor) {
    this.json = json;
    this.kerasMajor = kerasMajor;
    this.keras1 = new Keras1Arguments(json, trainingNotes);
  }

  /**
   * Layer arguments only training uses that kestimator cannot train with ({@link
   * KerasModel#trainingNotes()}).
   */
  List<String> trainingNotes() {
    return trainingNotes;
  }

  /** The inputs of unknown sequence length met so far ({@link KerasModel#unknownLengths()}). */
  List<KerasModel.UnknownLength> unknownLengths() {
    return unknownLengths;
  }

  /**
   * A layer's {@code {"class_name": ..., "config": {...}}} as a spec without inputs ({@code from}
   * is empty).
   */
  LayerSpec layer(Map<String, Object> l) {
    String cls = string(l.get("class_name"));
    Map<String, Object> c = json.map(l.get("config"), "a layer's config");
    String name = string(c.get("name")) != null ? string(c.get("name")) : string(l.get("name"));
    if (name == null) {
      throw json.refuse(Diagnostic.FORMAT, "a " + cls + " layer has no name");
    }
    if (cls == null) {
      throw json.refuse(Diagnostic.FORMAT, name, null, "the layer has no class_name");
    }
    LayerKind kind = KerasIdentifiers.layerKind(cls);
    if (kind != null) {
      c = keras1.asKeras2(kind, name, cls, c);
    }
    if (kind == null || kind == LayerKind.INPUT) {
      String supported =
          Arrays.stream(LayerKind.values())
              .filter(k -> k != LayerKind.INPUT)
              .map(LayerKind::kerasName)
              .collect(Collectors.joining(", "));
      throw json.refuse(
          Diagnostic.UNSUPPORTED_LAYER,
          name,
          cls,
          "layer class '"
              + cls
              + "' is not supported; supported: "
              + supported
              + Names.didYouMean(
                  cls, Arrays.stream(LayerKind.values()).map(LayerKind::kerasName).toList()));
    }
    Map<String, Object> args = new LinkedHashMap<>();
    LayerSpec wrapped = null;
    for (Map.Entry<String, Object> e : c.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (IGNORED.contains(key)) {
        continue;
      }
      if (key.equals("dtype")) {
        Object policy = KerasIdentifiers.dtypeName(value);
        if (policy != null && !"float32".equals(policy) && !PREPROCESSING.contains(kind)) {
          throw json.refuse(
              Diagnostic.UNSUPPORTED_VALUE,
              name,
              cls,
              "argument dtype="
                  + show(policy)
                  + " is not"
                  + " supported (only float32: kestimator computes every layer in float32)");
        }
        continue;
      }
      if (key.equals("trainable")) {
        if (Boolean.FALSE.equals(value)) {
          trainingNotes.add("layer '" + name + "' (" + cls + "): trainable=False (a frozen layer)");
        }
        continue;
      }
      if (key.equals("zero_output_for_mask")) {
        // Keras' Bidirectional sets it to return_sequences on its layers (and saves that); a plain
        // recurrent layer runs with the default, false.
        if (Boolean.TRUE.equals(value) && !wrappedLayer) {
          throw json.refuse(
              Diagnostic.UNSUPPORTED_VALUE,
              name,
              cls,
              "argument zero_output_for_mask=True is not supported (only False, or inside a"
                  + " Bidirectional, which sets it itself)");
        }
        continue;
      }
      if (kind == LayerKind.BIDIRECTIONAL && key.equals("layer")) {
        wrappedLayer = true;
        try {
          wrapped = layer(json.map(value, "the wrapped layer", name, cls));
        } finally {
          wrappedLayer = false;
        }
        if (!wrapped.kind().isRecurrent()) {
          throw json.refuse(
              Diagnostic.FORMAT,
              name,
              cls,
              "wraps a "
                  + wrapped.kind().kerasName()
                  + "; only LSTM, GRU"
                  + " and SimpleRNN can be wrapped");
        }
        continue;
      }
      if (kind == LayerKind.BIDIRECTIONAL && key.equals("backward_layer")) {
        continue; // Keras writes the mirrored copy of "layer"; it carries nothing new
      }
      if (kind == LayerKind.EMBEDDING
          && (key.equals("input_length") && value == null
              || key.equals("mask_zero") && Boolean.FALSE.equals(value))) {
        continue;
      }
      if (kind == LayerKind.DISCRETIZATION && key.equals("epsilon")
          || key.equals("vocabulary_size")) {
        continue; // adapt's precision; the size Keras derives from the vocabulary
      }
      if (kind == LayerKind.TEXT_VECTORIZATION
          && key.equals("ngrams")
          && value instanceof List<?> grams) {
        value = ngrams(name, cls, grams);
      }
      String param = Names.camel(key);
      ParamDef def = kind.param(param);
      if (def != null && !LayerKind.COMMON.contains(def)) {
        Object v = value(name, cls, key, def, value);
        if (v != null) {
          args.put(param, v);
        }
        continue;
      }
      if (NEUTRAL.containsKey(key)) {
        if (!isNeutral(key, value)) {
          Object neutral = NEUTRAL.get(key);
          throw json.refuse(
              Diagnostic.UNSUPPORTED_VALUE,
              name,
              cls,
              "argument "
                  + key
                  + "="
                  + show(value)
                  + " is not supported (only "
                  + show(neutral == NONE ? null : neutral)
                  + ")");
        }
        continue;
      }
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          name,
          cls,
          "argument '"
              + key
              + "' is not supported"
              + Names.didYouMean(param, kind.params().stream().map(ParamDef::name).toList()));
    }
    preprocessingChecks(kind, name, cls, c);
    if (kind == LayerKind.BIDIRECTIONAL && wrapped == null) {
      throw json.refuse(
          Diagnostic.FORMAT, name, cls, "the Bidirectional layer has no wrapped 'layer'");
    }
    if (args.containsKey("strides") && args.get("strides").equals(args.get("poolSize"))) {
      args.remove("strides"); // Keras' strides=None means strides = pool_size
    }
    return new LayerSpec(name, kind, List.of(), args, wrapped);
  }

  /** Keras' {@code ngrams=(1, ..., n)} is {@code ngrams = n}; other tuples are refused. */
  private Object ngrams(String layer, String cls, List<?> l) {
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof Number n) || n.intValue() != i + 1) {
        throw json.refuse(
            Diagnostic.UNSUPPORTED_VALUE,
            layer,
            cls,
            "argument ngrams="
                + show(l)
                + " is not supported"
                + " (only an int n or (1, ..., n): every n-gram length up to n)");
      }
    }
    return l.size();
  }

  /**
   * Notes a TextVectorization in int mode without {@code output_sequence_length} (Keras pads each
   * batch to its longest text) as an unknown length ({@link #unknownLengths()}): a maximum sequence
   * length becomes its {@code output_sequence_length}.
   */
  private void preprocessingChecks(
      LayerKind kind, String layer, String cls, Map<String, Object> c) {
    if (kind == LayerKind.TEXT_VECTORIZATION
        && "int".equals(c.getOrDefault("output_mode", "int"))
        && c.get("output_sequence_length") == null) {
      unknownLengths.add(
          new KerasModel.UnknownLength(
              layer,
              cls,
              "output_sequence_length=None in output_mode 'int' (Keras pads each batch to its"
                  + " longest text)"));
    }
    // An adapted Normalization (mean=None) or TF-IDF layer (idf_weights=None) keeps its state in
    // the
    // weights file: PreprocessingState reads it from there.
  }

  /**
   * The shape of one example an InputLayer's config {@code c} gives, refusing {@code sparse},
   * {@code ragged} and {@code optional} inputs.
   */
  List<Integer> inputShape(Map<String, Object> c, String layer, String cls) {
    for (String k : INPUT_NEUTRAL) {
      if (c.containsKey(k) && !isNeutral(k, c.get(k))) {
        throw json.refuse(
            Diagnostic.UNSUPPORTED_VALUE,
            layer,
            cls,
            "argument " + k + "=" + show(c.get(k)) + " is not supported");
      }
    }
    return batchShape(c, layer, cls);
  }

  /** The dtype of an InputLayer's config {@code c}: float32, or int32 for int32 and int64 ids. */
  DType inputDtype(Map<String, Object> c, String layer, String cls) {
    return dtype(c.get("dtype"), layer, cls);
  }

  /**
   * A layer's {@code batch_shape} (Keras 3) or {@code batch_input_shape} (Keras 2) without the
   * batch axis. An unknown (None) sequence length, the first axis after the batch, is {@link
   * KerasModel#UNKNOWN} and noted in {@link #unknownLengths()}; None anywhere else is refused.
   */
  List<Integer> batchShape(Map<String, Object> c, String layer, String cls) {
    String key = c.containsKey("batch_shape") ? "batch_shape" : "batch_input_shape";
    Object s = c.get(key);
    if (s == null) {
      throw json.refuse(Diagnostic.FORMAT, layer, cls, "has no batch_shape / batch_input_shape");
    }
    List<Object> dims = json.list(s, key, layer, cls);
    List<Integer> out = new ArrayList<>();
    for (Object d : dims.subList(Math.min(1, dims.size()), dims.size())) {
      if (d == null && out.isEmpty() && dims.size() >= 2) {
        unknownLengths.add(
            new KerasModel.UnknownLength(
                layer,
                cls,
                (cls.equals(LayerKind.INPUT.kerasName())
                        ? "input '" + layer + "' has shape ("
                        : "its input shape (" + key + ") is (")
                    + String.join(
                        ", ", dims.stream().map(x -> x == null ? "None" : show(x)).toList())
                    + ")"));
        out.add(KerasModel.UNKNOWN);
        continue;
      }
      if (!(d instanceof Number n)) {
        throw json.refuse(
            Diagnostic.FORMAT,
            layer,
            cls,
            "argument "
                + key
                + "="
                + show(s)
                + ": the input shape has"
                + " an unknown (None) dimension; every dimension of one example must be known");
      }
      if (n.doubleValue() != Math.rint(n.doubleValue())
          || n.doubleValue() < 1
          || n.doubleValue() > Integer.MAX_VALUE) {
        throw json.refuse(
            Diagnostic.FORMAT,
            layer,
            cls,
            "argument "
                + key
                + "="
                + show(s)
                + ": dimension "
                + show(d)
                + " is not a size from 1 to "
                + Integer.MAX_VALUE);
      }
      out.add(n.intValue());
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------------------- values

  /** Converts one Keras argument to the spec's raw value; null means "leave the default". */
  private Object value(String layer, String cls, String key, ParamDef def, Object value) {
    ParamType type = def.type();
    if (value == null) {
      if (type == ParamType.STANDARDIZE || type == ParamType.SPLIT) {
        return "NONE";
      }
      if (def.noneIsDefault()
          || type == ParamType.INT && Integer.valueOf(0).equals(def.defaultValue())) {
        return null; // 0 stands for None: maxTokens, ngrams, outputSequenceLength
      }
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE, layer, cls, "argument " + key + "=None is not supported");
    }
    Object raw =
        switch (type) {
          case ACTIVATION -> activation(layer, cls, key, value);
          case INITIALIZER -> initializer(layer, cls, key, value);
          case REGULARIZER -> regularizer(layer, cls, key, value);
          case CONSTRAINT -> constraint(layer, cls, key, value);
          case INT ->
              value instanceof List<?> l && l.size() == 1
                  ? l.get(0)
                  : value; // BatchNormalization axis [3]
          case DTYPE -> dtype(value, layer, cls);
          default -> value;
        };
    if (raw instanceof List<?> l && l.stream().anyMatch(Objects::isNull)) {
      throw json.refuse(
          Diagnostic.FORMAT,
          layer,
          cls,
          "argument "
              + key
              + "="
              + show(value)
              + " has an unknown (None)"
              + " dimension; every dimension must be known");
    }
    try {
      type.coerce(raw);
    } catch (IllegalArgumentException e) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          "argument " + key + "=" + show(value) + " is not" + " supported: " + e.getMessage());
    }
    return raw;
  }

  private Activation activation(String layer, String cls, String key, Object value) {
    String id = KerasIdentifiers.activationId(value);
    Activation a = KerasIdentifiers.activation(id, kerasMajor);
    if (a != null) {
      return a;
    }
    String given = id == null ? show(value) : id;
    List<String> supported = KerasIdentifiers.activationNames();
    throw json.refuse(
        Diagnostic.UNSUPPORTED_VALUE,
        layer,
        cls,
        key
            + " '"
            + given
            + "' is not supported; supported: "
            + String.join(", ", supported)
            + Names.didYouMean(given, supported));
  }

  private Object initializer(String layer, String cls, String key, Object value) {
    Map<String, Object> m =
        value instanceof String s
            ? Map.of("class_name", s, "config", Map.of())
            : json.map(value, key, layer, cls);
    String name = string(m.get("class_name"));
    Map<String, Object> c =
        m.get("config") == null ? Map.of() : json.map(m.get("config"), key + ".config", layer, cls);
    String unread = KerasIdentifiers.unreadInitializerArgument(name, c);
    if (unread != null) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          key
              + " "
              + name
              + ": argument "
              + unread
              + "="
              + show(c.get(unread))
              + " is not supported");
    }
    Map<String, Object> init = KerasIdentifiers.initializer(name, c);
    if (init == null) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          key
              + " "
              + show(value)
              + " is not supported; supported: "
              + KerasIdentifiers.SUPPORTED_INITIALIZERS);
    }
    return typed(layer, cls, key, value, ParamType.INITIALIZER, init);
  }

  /**
   * The model's value of a raw initializer or constraint; refused, saying why, when out of range.
   */
  private Object typed(
      String layer, String cls, String key, Object value, ParamType type, Object raw) {
    try {
      return type.coerce(raw);
    } catch (IllegalArgumentException e) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          "argument " + key + "=" + show(value) + " is not supported: " + e.getMessage());
    }
  }

  private Object constraint(String layer, String cls, String key, Object value) {
    Map<String, Object> m =
        value instanceof String s
            ? Map.of("class_name", s, "config", Map.of())
            : json.map(value, key, layer, cls);
    String name = Objects.requireNonNullElse(string(m.get("class_name")), "");
    Map<String, Object> c =
        m.get("config") == null ? Map.of() : json.map(m.get("config"), key + ".config", layer, cls);
    if (!m.containsKey("class_name") && m.get("name") instanceof String keras1) {
      name = keras1; // Keras 1: {"name": "MaxNorm", "m": 2, "axis": 0}
      c = KerasIdentifiers.keras1Constraint(m);
    }
    Map<String, Object> constraint = KerasIdentifiers.constraint(name, c);
    if (constraint == null) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          key
              + " '"
              + name
              + "' is not supported; supported: "
              + KerasIdentifiers.SUPPORTED_CONSTRAINTS);
    }
    return typed(layer, cls, key, value, ParamType.CONSTRAINT, constraint);
  }

  private Map<String, Object> regularizer(String layer, String cls, String key, Object value) {
    Map<String, Object> m = json.map(value, key, layer, cls);
    String name = Objects.requireNonNullElse(string(m.get("class_name")), "");
    Map<String, Object> c =
        m.get("config") == null ? Map.of() : json.map(m.get("config"), key + ".config", layer, cls);
    if (!KerasIdentifiers.isRegularizer(name)) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          key
              + " '"
              + name
              + "' is not supported; supported: "
              + KerasIdentifiers.SUPPORTED_REGULARIZERS);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("l1", number(c, "l1", 0));
    out.put("l2", number(c, "l2", 0));
    return out;
  }

  private DType dtype(Object value, String layer, String cls) {
    DType d = KerasIdentifiers.dtype(value);
    if (d == null) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          "dtype "
              + show(KerasIdentifiers.dtypeName(value))
              + " is not supported; supported: float32, int32, int64 (read as int32), string");
    }
    return d;
  }

  // ----------------------------------------------------------------------------- neutral

  private static Map<String, Object> neutral() {
    Map<String, Object> m = new HashMap<>();
    for (String k :
        List.of(
            "activity_regularizer",
            "kernel_constraint",
            "bias_constraint",
            "recurrent_constraint",
            "embeddings_constraint",
            "alpha_constraint",
            "beta_constraint",
            "gamma_constraint",
            "depthwise_constraint",
            "noise_shape",
            "virtual_batch_size",
            "adjustment",
            "beta_regularizer",
            "gamma_regularizer",
            "lora_rank",
            "quantization_config",
            "input_length_placeholder",
            "renorm_clipping")) {
      m.put(k, NONE);
    }
    for (String k :
        List.of(
            "return_state",
            "go_backwards",
            "stateful",
            "time_major",
            "sparse",
            "ragged",
            "keepdims",
            "renorm",
            "synchronized",
            "rms_scaling",
            "optional",
            "use_cudnn_placeholder")) {
      m.put(k, Boolean.FALSE);
    }
    m.put("use_cudnn", "auto");
    m.put("encoding", "utf-8");
    m.put("oov_method", "floormod");
    m.put("vocabulary_dtype", "int64");
    m.put("output_mode", "int"); // Hashing's; the other preprocessing layers take it as a parameter
    m.put("pad_to_max_tokens", Boolean.FALSE);
    m.put(
        "invert",
        Boolean
            .FALSE); // StringLookup's and IntegerLookup's ids back to tokens; Normalization's is a
    // parameter
    for (String k :
        List.of("salt", "num_bins")) { // a lookup's OOV hashing salt; Discretization's adapt bins
      m.put(k, NONE);
    }
    m.put("renorm_momentum", 0.99); // Keras 3 writes it with renorm=False, where it means nothing
    m.put("data_format", "channels_last");
    m.put("groups", 1L);
    m.put("beta_initializer", "zeros");
    m.put("gamma_initializer", "ones");
    m.put("moving_mean_initializer", "zeros");
    m.put("moving_variance_initializer", "ones");
    return Map.copyOf(m);
  }

  private static boolean isNeutral(String key, Object value) {
    if (value == null) {
      return true;
    }
    Object n = NEUTRAL.get(key);
    if (n == null || n == NONE) {
      return false;
    }
    if (n instanceof String s && (s.equals("zeros") || s.equals("ones"))) {
      String cls =
          value instanceof String v
              ? v
              : value instanceof Map<?, ?> m ? string(m.get("class_name")) : null;
      return cls != null && KerasIdentifiers.normalize(cls).equals(s);
    }
    if (n instanceof Number num) {
      return value instanceof Number v && v.doubleValue() == num.doubleValue();
    }
    if (key.equals("use_cudnn")) {
      return true; // an execution hint, not a model property
    }
    return n.equals(value);
  }
}
