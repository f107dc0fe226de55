package io.github.kestimator.keras;

import io.github.kestimator.spec.Activation;
import io.github.kestimator.spec.DType;
import io.github.kestimator.spec.Initializer;
import io.github.kestimator.spec.Json;
import io.github.kestimator.spec.LayerKind;
import io.github.kestimator.spec.LayerSpec;
import io.github.kestimator.spec.LearningRateSchedule;
import io.github.kestimator.spec.Loss;
import io.github.kestimator.spec.Metric;
import io.github.kestimator.spec.Names;
import io.github.kestimator.spec.OptimizerSpec;
import io.github.kestimator.spec.OptimizerType;
import io.github.kestimator.spec.ParamDef;
import io.github.kestimator.spec.ParamType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the model configuration Keras writes into {@link KerasModel}: the JSON of
 * {@code model.to_json()} and the {@code config.json} inside a Keras 3 {@code .keras} archive, in
 * the Keras 2 layout ({@code batch_input_shape}, nested-list {@code inbound_nodes}, optionally a
 * {@code training_config}) and the Keras 3 layout ({@code module} / {@code registered_name},
 * {@code InputLayer} with {@code batch_shape}, {@code __keras_tensor__} inbound nodes, optionally a
 * {@code compile_config}).
 *
 * <p>Keras' snake_case arguments become the spec's camelCase parameters. Arguments without a
 * meaning for training or inference here (trainable, dtype policies, seeds, unset constraints) are
 * ignored; any other argument, layer class, activation or value this project does not support is
 * rejected with a {@link KerasFormatException} naming the file, the layer and its class name,
 * never silently dropped. Only configs are read, never weights.
 */
public final class KerasConfigReader {
  /** Largest config (a JSON file or an archive's {@code config.json}) read. */
  public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

  /** Most archive entries looked at before giving up on a {@code .keras} file. */
  public static final int MAX_ARCHIVE_ENTRIES = 1000;

  /** Keys that carry no meaning for building, training or serving the model here. */
  private static final Set<String> IGNORED = Set.of("name", "trainable", "dtype", "batch_input_shape", "batch_shape",
      "batch_size", "build_config", "seed", "implementation", "unroll", "fused", "zero_output_for_mask", "module",
      "registered_name", "input_tensor", "autocast");

  /** Stands for Python's None in {@link #NEUTRAL}. */
  private static final Object NONE = new Object();

  /** Keys accepted only with the value that means "not used" (any other value is rejected). */
  private static final Map<String, Object> NEUTRAL = neutral();

  private final String source;
  /** The major version of the Keras that wrote the file (1, 2 or 3): decides what {@code hard_sigmoid} means. */
  private final int kerasMajor;

  private KerasConfigReader(String source, int kerasMajor) {
    this.source = source;
    this.kerasMajor = kerasMajor;
  }

  // ------------------------------------------------------------------------------ entry points

  /**
   * Reads the config of a {@code .json} file, a {@code .keras} archive or a full-model {@code .h5} file
   * (see {@link KerasFile} for the weights too).
   *
   * @throws KerasFormatException for an unreadable or unsupported model
   * @throws IOException when the file cannot be read
   */
  public static KerasModel read(Path file) throws IOException {
    String source = file.toString();
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".keras") || lower.endsWith(".zip")) {
      try (InputStream in = Files.newInputStream(file)) {
        return readArchive(in, source);
      }
    }
    if (lower.endsWith(".h5") || lower.endsWith(".hdf5")) {
      return KerasFile.read(file).model();
    }
    if (Files.size(file) > MAX_CONFIG_BYTES) {
      throw new KerasFormatException("KerasFormat", source, null, null,
          "file is larger than " + MAX_CONFIG_BYTES + " bytes; a Keras model config is far smaller");
    }
    return readJson(Files.readString(file, StandardCharsets.UTF_8), source);
  }

  /**
   * Reads the {@code config.json} entry of a Keras 3 {@code .keras} zip archive, in memory. Entries
   * with {@code ..} or absolute paths are refused; sizes are capped.
   */
  public static KerasModel readArchive(InputStream archive, String source) throws IOException {
    KerasArchive a = KerasArchive.read(archive, source, false);
    return readJson(a.config(), source + "!/config.json", metadataVersion(a.metadata()));
  }

  /** The {@code keras_version} of an archive's {@code metadata.json}; "3" when there is none (only Keras 3 writes archives). */
  static String metadataVersion(String metadata) {
    if (metadata != null) {
      try {
        if (Json.parse(metadata) instanceof Map<?, ?> m && m.get("keras_version") instanceof String v) {
          return v;
        }
      } catch (IllegalArgumentException e) {
        // an unreadable metadata.json says nothing about the version; the config is what matters
      }
    }
    return "3";
  }

  /** Reads the JSON Keras' {@code model.to_json()} writes (or an archive's {@code config.json}). */
  public static KerasModel readJson(String json, String source) {
    return readJson(json, source, null);
  }

  /**
   * Reads a model config whose writer's Keras version is known from elsewhere (an HDF5 file's
   * {@code keras_version} attribute, an archive's {@code metadata.json}); null when unknown. The
   * version decides what {@code hard_sigmoid} means: Keras 1 and 2 used {@code clip(0.2x + 0.5, 0, 1)},
   * Keras 3 {@code relu6(x + 3) / 6}. Without one, the config's own {@code keras_version} is used, else a
   * Keras 3 layout ({@code batch_shape}, {@code __keras_tensor__}) means Keras 3 and any other Keras 2.
   */
  public static KerasModel readJson(String json, String source, String kerasVersion) {
    Object doc;
    try {
      doc = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new KerasFormatException("KerasFormat", source, null, null, e.getMessage());
    }
    if (kerasVersion == null && doc instanceof Map<?, ?> m && m.get("keras_version") instanceof String v) {
      kerasVersion = v;
    }
    int major = kerasVersion != null ? majorVersion(kerasVersion) : hasKey(doc, Set.of("batch_shape", "__keras_tensor__")) ? 3 : 2;
    return new KerasConfigReader(source, major).model(doc);
  }

  /** {@code "2.1.3"} to 2, {@code "2.2.4-tf"} to 2; 2 when the version cannot be read. */
  static int majorVersion(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 || end > 3 ? 2 : Integer.parseInt(version.substring(0, end));
  }

  private static boolean hasKey(Object o, Set<String> keys) {
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (keys.contains(e.getKey()) || e.getValue() instanceof String v && keys.contains(v) || hasKey(e.getValue(), keys)) {
          return true;
        }
      }
    } else if (o instanceof List<?> l) {
      for (Object e : l) {
        if (hasKey(e, keys)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------- model

  private KerasModel model(Object doc) {
    Map<String, Object> root = map(doc, "the document");
    Object training = root.get("training_config");
    if (training == null) {
      training = root.get("compile_config");
    }
    if (root.containsKey("model_config")) {
      root = map(root.get("model_config"), "model_config");
    }
    String cls = string(root.get("class_name"));
    if (cls == null) {
      throw format("no class_name: expected the JSON of model.to_json() or a .keras archive's config.json");
    }
    Object config = root.get("config");
    KerasModel.Training t = training == null ? null : training(map(training, "training_config"));
    switch (cls) {
      case "Sequential" -> {
        List<Object> layers;
        String name = "sequential";
        if (config instanceof List<?> l) { // Keras 2.0 - 2.2.2: config is the list of layers
          layers = new ArrayList<>(l);
        } else {
          Map<String, Object> c = map(config, "config");
          name = Objects.requireNonNullElse(string(c.get("name")), name);
          layers = list(c.get("layers"), "config.layers");
        }
        return new KerasModel(source, name, false, sequential(layers), t);
      }
      case "Model", "Functional" -> {
        Map<String, Object> c = map(config, "config");
        String name = Objects.requireNonNullElse(string(c.get("name")), "model");
        return new KerasModel(source, name, true, functional(c), t);
      }
      default -> throw format("model class '" + cls + "' is not supported; expected Sequential, Model or Functional");
    }
  }

  private List<LayerSpec> sequential(List<Object> rawLayers) {
    List<Map<String, Object>> layers = new ArrayList<>();
    rawLayers.forEach(o -> layers.add(map(o, "a layer")));
    if (layers.isEmpty()) {
      throw format("the Sequential model has no layers");
    }
    List<LayerSpec> out = new ArrayList<>();
    List<Integer> inputShape = null;
    String inputName = null;
    int start = 0;
    Map<String, Object> first = layers.get(0);
    if ("InputLayer".equals(string(first.get("class_name")))) {
      // tf.keras 2.4+ and Keras 3 write the Sequential's input as a layer of its own; it is the
      // implicit input in front of the first real layer.
      Map<String, Object> c = map(first.get("config"), "the InputLayer's config");
      String n = string(c.get("name"));
      inputShape = batchShape(c, n, "InputLayer");
      checkNeutral(c, n, "InputLayer", Set.of("sparse", "ragged", "optional"));
      inputName = n;
      start = 1;
      if (layers.size() == 1) {
        throw format("the Sequential model has only an InputLayer");
      }
    }
    for (int i = start; i < layers.size(); i++) {
      LayerSpec l = layer(layers.get(i));
      if (i == start) {
        Map<String, Object> args = new LinkedHashMap<>(l.args());
        List<Integer> shape = inputShape;
        Map<String, Object> c = map(layers.get(i).get("config"), "config");
        if (shape == null && (c.containsKey("batch_input_shape") || c.containsKey("batch_shape"))) {
          shape = batchShape(c, l.name(), string(layers.get(i).get("class_name")));
        }
        if (shape == null) {
          throw format(l.name(), string(layers.get(i).get("class_name")), "the first layer of the Sequential model has no"
              + " input shape (batch_input_shape); build the model with an input shape before saving it");
        }
        if (!(l.kind() == LayerKind.EMBEDDING && args.get("inputLength") instanceof Number n && shape.equals(List.of(n.intValue())))) {
          args.put("inputShape", shape);
        }
        if (inputName != null && !inputName.equals(Names.inputOf(l.name()))) {
          args.put("inputName", inputName);
        }
        l = new LayerSpec(l.name(), l.kind(), List.of(), args, l.wrapped());
      }
      out.add(l);
    }
    return out;
  }

  private List<LayerSpec> functional(Map<String, Object> config) {
    List<Map<String, Object>> layers = new ArrayList<>();
    list(config.get("layers"), "config.layers").forEach(o -> layers.add(map(o, "a layer")));
    Map<String, List<String>> inbound = new LinkedHashMap<>();
    Map<String, String> classes = new HashMap<>();
    for (Map<String, Object> l : layers) {
      String cls = string(l.get("class_name"));
      Map<String, Object> c = map(l.get("config"), "a layer's config");
      String name = Objects.requireNonNullElse(string(l.get("name")), string(c.get("name")));
      classes.put(name, cls);
      inbound.put(name, inbound(name, cls, l.get("inbound_nodes")));
    }
    List<LayerSpec> out = new ArrayList<>();
    for (Map<String, Object> l : layers) {
      String cls = string(l.get("class_name"));
      Map<String, Object> c = map(l.get("config"), "a layer's config");
      String name = Objects.requireNonNullElse(string(l.get("name")), string(c.get("name")));
      if ("InputLayer".equals(cls)) {
        checkNeutral(c, name, cls, Set.of("sparse", "ragged", "optional"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("shape", batchShape(c, name, cls));
        DType dtype = dtype(c.get("dtype"), name, cls);
        // Keras casts a float input to ids inside Embedding; the spec wants int32 ids up front.
        boolean onlyEmbeddings = inbound.entrySet().stream().filter(e -> e.getValue().contains(name)).count() > 0
            && inbound.entrySet().stream().filter(e -> e.getValue().contains(name))
                .allMatch(e -> "Embedding".equals(classes.get(e.getKey())));
        if (dtype == DType.INT32 || onlyEmbeddings) {
          args.put("dtype", DType.INT32);
        }
        args.put("inputName", name); // a functional input is fed by its own Keras name
        out.add(new LayerSpec(name, LayerKind.INPUT, List.of(), args, null));
      } else {
        LayerSpec s = layer(l);
        List<String> from = inbound.get(name);
        if (from.isEmpty()) {
          throw format(name, cls, "the layer has no inbound nodes: it is not connected to the model's inputs");
        }
        out.add(new LayerSpec(s.name(), s.kind(), from, s.args(), s.wrapped()));
      }
    }
    return out;
  }

  /** The names of the layers feeding {@code layer}, from Keras 2 or Keras 3 {@code inbound_nodes}. */
  private List<String> inbound(String layer, String cls, Object nodes) {
    if (nodes == null) {
      return List.of();
    }
    List<Object> l = list(nodes, "inbound_nodes of '" + layer + "'");
    if (l.isEmpty()) {
      return List.of();
    }
    if (l.size() > 1) {
      throw format(layer, cls, "the layer is called " + l.size() + " times (a shared layer); shared layers are not supported");
    }
    List<String> names = new ArrayList<>();
    Object node = l.get(0);
    if (node instanceof List<?> tensors) { // Keras 2: [[name, node_index, tensor_index, kwargs], ...]
      for (Object t : tensors) {
        List<Object> ref = list(t, "an inbound tensor of '" + layer + "'");
        if (ref.size() >= 4 && ref.get(3) instanceof Map<?, ?> kw) {
          checkCallKwargs(layer, cls, kw);
        }
        names.add(history(layer, cls, ref));
      }
    } else {
      Map<String, Object> n = map(node, "an inbound node of '" + layer + "'");
      if (n.get("kwargs") instanceof Map<?, ?> kw) {
        checkCallKwargs(layer, cls, kw);
      }
      collectTensors(layer, cls, n.get("args"), names);
    }
    return names;
  }

  private void collectTensors(String layer, String cls, Object o, List<String> names) {
    if (o instanceof List<?> l) {
      for (Object e : l) {
        collectTensors(layer, cls, e, names);
      }
    } else if (o instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name"))) {
      Map<String, Object> c = map(m.get("config"), "a __keras_tensor__");
      names.add(history(layer, cls, list(c.get("keras_history"), "keras_history")));
    }
  }

  private String history(String layer, String cls, List<Object> ref) {
    if (ref.size() < 3 || !(ref.get(0) instanceof String from)) {
      throw format(layer, cls, "cannot read the inbound reference " + ref);
    }
    if (((Number) ref.get(1)).intValue() != 0 || ((Number) ref.get(2)).intValue() != 0) {
      throw format(layer, cls, "the layer reads node " + ref.get(1) + ", tensor " + ref.get(2) + " of '" + from
          + "': shared layers and layers with several outputs are not supported");
    }
    return from;
  }

  private void checkCallKwargs(String layer, String cls, Map<?, ?> kwargs) {
    for (Map.Entry<?, ?> e : kwargs.entrySet()) {
      Object v = e.getValue();
      if (v == null || "training".equals(e.getKey()) || "mask".equals(e.getKey()) && v == null) {
        continue;
      }
      throw format(layer, cls, "the layer is called with " + e.getKey() + "=" + v + ", which is not supported");
    }
  }

  // --------------------------------------------------------------------------------- layers

  private LayerSpec layer(Map<String, Object> l) {
    String cls = string(l.get("class_name"));
    Map<String, Object> c = map(l.get("config"), "a layer's config");
    String name = Objects.requireNonNullElse(string(c.get("name")), string(l.get("name")));
    if (name == null) {
      throw format("a " + cls + " layer has no name");
    }
    LayerKind kind = LayerKind.fromKeras(cls);
    if (kind != null) {
      c = keras1(kind, name, cls, c);
    }
    if (kind == null || kind == LayerKind.INPUT) {
      throw format(name, cls, "layer class '" + cls + "' is not supported; supported: "
          + Arrays.stream(LayerKind.values()).filter(k -> k != LayerKind.INPUT).map(LayerKind::kerasName)
              .collect(Collectors.joining(", ")) + Names.didYouMean(cls == null ? "" : cls,
              Arrays.stream(LayerKind.values()).map(LayerKind::kerasName).toList()));
    }
    Map<String, Object> args = new LinkedHashMap<>();
    LayerSpec wrapped = null;
    for (Map.Entry<String, Object> e : c.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (IGNORED.contains(key)) {
        continue;
      }
      if (kind == LayerKind.BIDIRECTIONAL && key.equals("layer")) {
        wrapped = layer(map(value, "the wrapped layer"));
        if (!wrapped.kind().isRecurrent()) {
          throw format(name, cls, "wraps a " + wrapped.kind().kerasName() + "; only LSTM, GRU and SimpleRNN can be wrapped");
        }
        continue;
      }
      if (kind == LayerKind.BIDIRECTIONAL && key.equals("backward_layer")) {
        continue; // Keras writes the mirrored copy of "layer"; it carries nothing new
      }
      if (kind == LayerKind.EMBEDDING && key.equals("input_length") && value == null) {
        continue;
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
          throw format(name, cls, "argument " + key + "=" + show(value) + " is not supported (only "
              + show(NEUTRAL.get(key)) + ")");
        }
        continue;
      }
      throw format(name, cls, "argument '" + key + "' is not supported" + Names.didYouMean(param,
          kind.params().stream().map(ParamDef::name).toList()));
    }
    if (kind == LayerKind.BIDIRECTIONAL && wrapped == null) {
      throw format(name, cls, "the Bidirectional layer has no wrapped 'layer'");
    }
    if (args.containsKey("strides") && args.get("strides").equals(args.get("poolSize"))) {
      args.remove("strides"); // Keras' strides=None means strides = pool_size
    }
    return new LayerSpec(name, kind, List.of(), args, wrapped);
  }

  /**
   * Keras 1's argument names as Keras 2 spells them ({@code output_dim} to {@code units}, {@code init}
   * to {@code kernel_initializer}, {@code inner_activation} to {@code recurrent_activation}, ...), and
   * defaults that changed since: a GRU config without {@code reset_after} predates it (Keras 1, Keras
   * 2 before 2.1.3), so it is {@code reset_after=False}. Keys Keras 2 never writes for a class are the
   * only ones renamed, so Keras 2 and 3 configs pass through unchanged.
   */
  private Map<String, Object> keras1(LayerKind kind, String name, String cls, Map<String, Object> c) {
    Map<String, Object> out = new LinkedHashMap<>(c);
    Map<String, String> renames = new LinkedHashMap<>();
    switch (kind) {
      case DENSE, LSTM, GRU, SIMPLE_RNN -> {
        renames.putAll(Map.of("output_dim", "units", "init", "kernel_initializer", "W_regularizer", "kernel_regularizer",
            "b_regularizer", "bias_regularizer", "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint",
            "bias", "use_bias"));
        renames.putAll(Map.of("inner_init", "recurrent_initializer", "inner_activation", "recurrent_activation",
            "U_regularizer", "recurrent_regularizer", "U_constraint", "recurrent_constraint", "dropout_W", "dropout",
            "dropout_U", "recurrent_dropout"));
        for (String k : List.of("input_dim", "input_length", "input_dtype", "consume_less")) {
          out.remove(k); // the shape is in batch_input_shape; consume_less is an execution hint
        }
      }
      case EMBEDDING -> {
        renames.putAll(Map.of("init", "embeddings_initializer", "W_regularizer", "embeddings_regularizer",
            "W_constraint", "embeddings_constraint"));
        out.remove("input_dtype");
        if (out.get("dropout") instanceof Number n && n.doubleValue() == 0) {
          out.remove("dropout");
        }
      }
      case DROPOUT -> renames.put("p", "rate");
      default -> { }
    }
    for (Map.Entry<String, String> r : renames.entrySet()) {
      if (out.containsKey(r.getKey()) && !out.containsKey(r.getValue())) {
        out.put(r.getValue(), out.remove(r.getKey()));
      }
    }
    if (kind == LayerKind.LSTM && out.containsKey("forget_bias_init")) {
      Object f = out.remove("forget_bias_init");
      if (!"one".equals(f) && !"zero".equals(f)) {
        throw format(name, cls, "argument forget_bias_init=" + show(f) + " is not supported (only 'one' or 'zero')");
      }
      out.put("unit_forget_bias", "one".equals(f));
    }
    if (kind == LayerKind.GRU && !out.containsKey("reset_after")) {
      out.put("reset_after", false);
    }
    return out;
  }

  /** Converts one Keras argument to the spec's raw value; null means "leave the default". */
  private Object value(String layer, String cls, String key, ParamDef def, Object value) {
    ParamType type = def.type();
    if (value == null) {
      if (type == ParamType.REGULARIZER || type == ParamType.INTS && def.name().equals("strides")) {
        return null;
      }
      throw format(layer, cls, "argument " + key + "=None is not supported");
    }
    Object raw = switch (type) {
      case ACTIVATION -> activation(layer, cls, key, value);
      case INITIALIZER -> initializer(layer, cls, key, value);
      case REGULARIZER -> regularizer(layer, cls, key, value);
      case INT -> value instanceof List<?> l && l.size() == 1 ? l.get(0) : value; // BatchNormalization axis [3]
      case DTYPE -> dtype(value, layer, cls);
      default -> value;
    };
    if (raw instanceof List<?> l && l.contains(null)) {
      throw format(layer, cls, "argument " + key + "=" + show(value) + " has an unknown (None) dimension; every"
          + " dimension must be known");
    }
    try {
      type.coerce(raw);
    } catch (IllegalArgumentException e) {
      throw format(layer, cls, "argument " + key + "=" + show(value) + " is not supported: " + e.getMessage());
    }
    return raw;
  }

  private Activation activation(String layer, String cls, String key, Object value) {
    String id = value instanceof String s ? s : null;
    if (value instanceof Map<?, ?> m) { // Keras 3 may serialize functions as {"class_name": "function", "config": "relu"}
      id = m.get("config") instanceof String s ? s : string(m.get("class_name"));
    }
    if ("silu".equals(id)) {
      id = "swish";
    }
    if ("hard_sigmoid".equals(id)) {
      return kerasMajor >= 3 ? Activation.HARD_SIGMOID : Activation.HARD_SIGMOID_KERAS2;
    }
    for (Activation a : Activation.values()) {
      if (a != Activation.HARD_SIGMOID_KERAS2 && a.name().toLowerCase(Locale.ROOT).equals(id)) {
        return a;
      }
    }
    String given = id == null ? show(value) : id;
    List<String> supported = Arrays.stream(Activation.values()).filter(a -> a != Activation.HARD_SIGMOID_KERAS2)
        .map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
    throw format(layer, cls, key + " '" + given + "' is not supported; supported: " + String.join(", ", supported)
        + Names.didYouMean(given, supported));
  }

  private Initializer initializer(String layer, String cls, String key, Object value) {
    if (value instanceof String s) {
      value = Map.of("class_name", s, "config", Map.of());
    }
    Map<String, Object> m = map(value, key);
    String name = string(m.get("class_name"));
    Map<String, Object> c = m.get("config") == null ? Map.of() : map(m.get("config"), key + ".config");
    String id = name == null ? "" : name.replace("_", "").toLowerCase(Locale.ROOT);
    Initializer init = switch (id) {
      case "glorotuniform" -> Initializer.GLOROT_UNIFORM;
      case "glorotnormal" -> Initializer.GLOROT_NORMAL;
      case "heuniform" -> Initializer.HE_UNIFORM;
      case "henormal" -> Initializer.HE_NORMAL;
      case "lecununiform" -> Initializer.LECUN_UNIFORM;
      case "lecunnormal" -> Initializer.LECUN_NORMAL;
      case "orthogonal" -> number(c, "gain", 1.0) == 1.0 ? Initializer.ORTHOGONAL : null;
      case "zeros", "zero" -> Initializer.ZEROS;
      case "ones", "one" -> Initializer.ONES;
      case "randomuniform", "uniform" ->
          number(c, "minval", -0.05) == -0.05 && number(c, "maxval", 0.05) == 0.05 ? Initializer.RANDOM_UNIFORM : null;
      case "randomnormal", "normal" ->
          number(c, "mean", 0) == 0 && number(c, "stddev", 0.05) == 0.05 ? Initializer.RANDOM_NORMAL : null;
      case "truncatednormal" ->
          number(c, "mean", 0) == 0 && number(c, "stddev", 0.05) == 0.05 ? Initializer.TRUNCATED_NORMAL : null;
      case "constant" -> number(c, "value", 0) == 0 ? Initializer.ZEROS : number(c, "value", 0) == 1 ? Initializer.ONES : null;
      case "variancescaling" -> varianceScaling(c);
      default -> null;
    };
    if (init == null) {
      throw format(layer, cls, key + " " + show(value) + " is not supported; supported: GlorotUniform, GlorotNormal,"
          + " HeUniform, HeNormal, LecunUniform, LecunNormal, Orthogonal(gain=1), Zeros, Ones, RandomUniform(-0.05, 0.05),"
          + " RandomNormal(0, 0.05), TruncatedNormal(0, 0.05) and the VarianceScaling forms of the first six");
    }
    return init;
  }

  /** Keras 2.0 - 2.2 serialize glorot_uniform and friends as VarianceScaling. */
  private static Initializer varianceScaling(Map<String, Object> c) {
    double scale = number(c, "scale", 1.0);
    String mode = Objects.requireNonNullElse(string(c.get("mode")), "fan_in");
    String dist = Objects.requireNonNullElse(string(c.get("distribution")), "truncated_normal");
    boolean uniform = dist.equals("uniform");
    boolean normal = dist.equals("normal") || dist.equals("truncated_normal");
    if (scale == 1.0 && mode.equals("fan_avg")) {
      return uniform ? Initializer.GLOROT_UNIFORM : normal ? Initializer.GLOROT_NORMAL : null;
    }
    if (scale == 2.0 && mode.equals("fan_in")) {
      return uniform ? Initializer.HE_UNIFORM : normal ? Initializer.HE_NORMAL : null;
    }
    if (scale == 1.0 && mode.equals("fan_in")) {
      return uniform ? Initializer.LECUN_UNIFORM : normal ? Initializer.LECUN_NORMAL : null;
    }
    return null;
  }

  private Map<String, Object> regularizer(String layer, String cls, String key, Object value) {
    Map<String, Object> m = map(value, key);
    String name = Objects.requireNonNullElse(string(m.get("class_name")), "");
    Map<String, Object> c = m.get("config") == null ? Map.of() : map(m.get("config"), key + ".config");
    if (!Set.of("L1L2", "L1", "L2", "l1_l2", "l1", "l2").contains(name)) {
      throw format(layer, cls, key + " '" + name + "' is not supported; supported: L1L2, L1, L2");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("l1", number(c, "l1", 0));
    out.put("l2", number(c, "l2", 0));
    return out;
  }

  private DType dtype(Object value, String layer, String cls) {
    if (value instanceof Map<?, ?> m) { // Keras 3 DTypePolicy
      Object c = m.get("config");
      value = c instanceof Map<?, ?> cm ? cm.get("name") : null;
    }
    if (value == null || "float32".equals(value)) {
      return DType.FLOAT32;
    }
    if ("int32".equals(value) || "int64".equals(value)) {
      return DType.INT32;
    }
    throw format(layer, cls, "dtype " + show(value) + " is not supported; supported: float32, int32, int64 (read as int32)");
  }

  private List<Integer> batchShape(Map<String, Object> c, String layer, String cls) {
    Object s = c.containsKey("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
    if (s == null) {
      throw format(layer, cls, "has no batch_shape / batch_input_shape");
    }
    List<Object> dims = list(s, "batch shape");
    List<Integer> out = new ArrayList<>();
    for (Object d : dims.subList(Math.min(1, dims.size()), dims.size())) {
      if (!(d instanceof Number n)) {
        throw format(layer, cls, "input shape " + show(s) + " has an unknown (None) dimension; every dimension of one"
            + " example must be known");
      }
      out.add(n.intValue());
    }
    return List.copyOf(out);
  }

  private void checkNeutral(Map<String, Object> c, String layer, String cls, Set<String> keys) {
    for (String k : keys) {
      if (c.containsKey(k) && !isNeutral(k, c.get(k))) {
        throw format(layer, cls, "argument " + k + "=" + show(c.get(k)) + " is not supported");
      }
    }
  }

  // ------------------------------------------------------------------------------- training

  private KerasModel.Training training(Map<String, Object> t) {
    Loss loss = null;
    Boolean fromLogits = null;
    Object l = t.get("loss");
    if (l instanceof Map<?, ?> m && !m.containsKey("class_name") && m.size() == 1) {
      l = m.values().iterator().next(); // {"output_name": loss}
    }
    if (l instanceof List<?> list && list.size() == 1) {
      l = list.get(0);
    }
    if (l instanceof String s) {
      loss = loss(s);
    } else if (l instanceof Map<?, ?> m) {
      loss = loss(string(m.get("class_name")));
      if (m.get("config") instanceof Map<?, ?> c && c.get("from_logits") instanceof Boolean b) {
        fromLogits = b;
      }
    } else if (l != null) {
      throw format("training loss " + show(l) + " is not supported: one loss for every output");
    }
    List<Metric> metrics = null;
    if (t.containsKey("metrics")) {
      metrics = new ArrayList<>();
      collectMetrics(t.get("metrics"), metrics);
      metrics = List.copyOf(new LinkedHashSet<>(metrics));
    }
    Object opt = t.containsKey("optimizer_config") ? t.get("optimizer_config") : t.get("optimizer");
    OptimizerSpec optimizer = opt == null ? null : optimizer(opt);
    return new KerasModel.Training(loss, fromLogits, optimizer, metrics);
  }

  private Loss loss(String id) {
    Map<String, String> aliases = Map.of("mse", "meansquarederror", "mae", "meanabsoluteerror", "kld", "kldivergence",
        "kullbackleiblerdivergence", "kldivergence", "logcosh", "logcosh");
    String key = normalize(id);
    key = aliases.getOrDefault(key, key);
    for (Loss loss : Loss.values()) {
      if (normalize(loss.name()).equals(key)) {
        return loss;
      }
    }
    throw format("training loss '" + id + "' is not supported; supported: "
        + Arrays.stream(Loss.values()).map(Loss::keras).collect(Collectors.joining(", ")));
  }

  private void collectMetrics(Object o, List<Metric> out) {
    if (o == null) {
      return;
    }
    if (o instanceof List<?> l) {
      l.forEach(e -> collectMetrics(e, out));
      return;
    }
    if (o instanceof Map<?, ?> m && !m.containsKey("class_name")) {
      m.values().forEach(e -> collectMetrics(e, out)); // per-output metrics
      return;
    }
    String id = o instanceof String s ? s : string(((Map<?, ?>) o).get("class_name"));
    if (o instanceof Map<?, ?> m && "MeanMetricWrapper".equals(id) && m.get("config") instanceof Map<?, ?> c) {
      id = string(c.get("name"));
    }
    Map<String, String> aliases = Map.of("acc", "accuracy", "mse", "meansquarederror", "mae", "meanabsoluteerror",
        "rmse", "rootmeansquarederror");
    String key = normalize(id);
    key = aliases.getOrDefault(key, key);
    for (Metric m : Metric.values()) {
      if (normalize(m.name()).equals(key)) {
        out.add(m);
        return;
      }
    }
    throw format("training metric '" + id + "' is not supported; supported: "
        + Arrays.stream(Metric.values()).map(Metric::keras).collect(Collectors.joining(", ")));
  }

  private OptimizerSpec optimizer(Object o) {
    if (o instanceof String s) {
      return OptimizerSpec.of(optimizerType(s));
    }
    Map<String, Object> m = map(o, "optimizer");
    OptimizerType type = optimizerType(string(m.get("class_name")));
    Map<String, Object> c = m.get("config") == null ? Map.of() : map(m.get("config"), "optimizer.config");
    Map<String, Object> args = new LinkedHashMap<>();
    Map<String, String> renames = Map.of("lr", "learningRate", "beta_1", "beta1", "beta_2", "beta2", "clipnorm", "clipNorm",
        "clipvalue", "clipValue");
    Set<String> ignored = Set.of("name", "is_legacy_optimizer", "jit_compile", "use_ema", "ema_momentum",
        "ema_overwrite_frequency", "global_clipnorm", "loss_scale_factor", "gradient_accumulation_steps", "decay");
    Set<String> known = OptimizerSpec.PARAMS.stream().map(ParamDef::name).collect(Collectors.toSet());
    for (Map.Entry<String, Object> e : c.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      String param = renames.getOrDefault(key, Names.camel(key));
      if (key.equals("decay") && v instanceof Number n && n.doubleValue() != 0) {
        args.put("decay", float32(n.doubleValue())); // Keras 2: lr / (1 + decay * iterations)
        continue;
      }
      if ((key.equals("learning_rate") || key.equals("lr")) && v instanceof Map<?, ?> schedule) {
        args.put("learningRate", float32(learningRateSchedule(schedule, args)));
        continue;
      }
      if (ignored.contains(key) || v == null || v instanceof Boolean b && !b && !known.contains(param)) {
        continue;
      }
      if (key.equals("weight_decay") && type != OptimizerType.ADAMW) {
        continue;
      }
      if (!known.contains(param) || !(v instanceof Number || v instanceof Boolean)) {
        throw format("optimizer " + m.get("class_name") + ": argument " + key + "=" + show(v) + " is not supported");
      }
      args.put(param, v instanceof Number n ? (Object) float32(n.doubleValue()) : v);
    }
    return new OptimizerSpec(type, args);
  }

  /**
   * A Keras 3 schedule given as the optimizer's {@code learning_rate} ({@code {"class_name":
   * "ExponentialDecay", "config": {...}}}): puts the spec's schedule into {@code args} and returns its
   * initial learning rate (PiecewiseConstantDecay: its first value).
   */
  private LearningRateSchedule.Type scheduleTypeFor(String cls) {
    for (LearningRateSchedule.Type t : LearningRateSchedule.Type.values()) {
      if (t != LearningRateSchedule.Type.NONE && normalize(t.name()).equals(normalize(cls))) {
        return t;
      }
    }
    throw format("learning-rate schedule '" + cls + "' is not supported; supported: ExponentialDecay, InverseTimeDecay, "
        + "PiecewiseConstantDecay, PolynomialDecay, CosineDecay");
  }

  private double learningRateSchedule(Map<?, ?> schedule, Map<String, Object> args) {
    LearningRateSchedule.Type type = scheduleTypeFor(string(schedule.get("class_name")));
    Map<String, Object> c = schedule.get("config") == null ? Map.of() : map(schedule.get("config"), "learning_rate.config");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("value", type.name());
    c.forEach((k, v) -> fields.put(Names.camel(k), v instanceof Number n ? (Object) float32(n.doubleValue()) : v));
    if (type == LearningRateSchedule.Type.COSINE_DECAY && c.get("warmup_target") == null) {
      fields.put("warmupTarget", -1.0);
    }
    try {
      args.put("schedule", ParamType.SCHEDULE.coerce(fields));
    } catch (IllegalArgumentException e) {
      throw format("learning-rate schedule " + schedule.get("class_name") + ": " + e.getMessage());
    }
    Object initial = type == LearningRateSchedule.Type.PIECEWISE_CONSTANT_DECAY && c.get("values") instanceof List<?> l
        && !l.isEmpty() ? l.get(0) : c.get("initial_learning_rate");
    return initial instanceof Number n ? n.doubleValue() : -1;
  }

  private OptimizerType optimizerType(String id) {
    for (OptimizerType t : OptimizerType.values()) {
      if (normalize(t.name()).equals(normalize(id))) {
        return t;
      }
    }
    throw format("optimizer '" + id + "' is not supported; supported: " + Arrays.toString(OptimizerType.values()));
  }

  // -------------------------------------------------------------------------------- helpers

  private static Map<String, Object> neutral() {
    Map<String, Object> m = new HashMap<>();
    for (String k : List.of("activity_regularizer", "kernel_constraint", "bias_constraint", "recurrent_constraint",
        "embeddings_constraint", "beta_constraint", "gamma_constraint", "depthwise_constraint", "noise_shape",
        "virtual_batch_size", "adjustment", "beta_regularizer", "gamma_regularizer", "lora_rank", "quantization_config",
        "input_length_placeholder", "renorm_clipping")) {
      m.put(k, NONE);
    }
    for (String k : List.of("mask_zero", "return_state", "go_backwards", "stateful", "time_major", "sparse", "ragged",
        "keepdims", "renorm", "synchronized", "rms_scaling", "optional", "use_cudnn_placeholder")) {
      m.put(k, Boolean.FALSE);
    }
    m.put("use_cudnn", "auto");
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
    if (n instanceof String s && s.endsWith("s") && (s.equals("zeros") || s.equals("ones"))) {
      String cls = value instanceof String v ? v : value instanceof Map<?, ?> m ? string(m.get("class_name")) : null;
      return cls != null && normalize(cls).equals(s);
    }
    if (n instanceof Number num) {
      return value instanceof Number v && v.doubleValue() == num.doubleValue();
    }
    if (key.equals("use_cudnn")) {
      return true; // an execution hint, not a model property
    }
    return n.equals(value);
  }

  /**
   * Keras 2 stores optimizer hyper-parameters as float32 ({@code 0.0010000000474974513}); the
   * shortest decimal of that float ({@code 0.001}) is what the user wrote.
   */
  static double float32(double v) {
    float f = (float) v;
    return (double) f == v ? Double.parseDouble(Float.toString(f)) : v;
  }

  private static String normalize(String id) {
    return id == null ? "" : id.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static double number(Map<String, Object> c, String key, double dflt) {
    return c.get(key) instanceof Number n ? n.doubleValue() : dflt;
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  private static String show(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Map<?, ?> m && m.get("class_name") != null) {
      return m.get("class_name") + (m.get("config") == null ? "" : String.valueOf(m.get("config")));
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object o, String what) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw format("expected an object for " + what + ", got " + show(o));
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object o, String what) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw format("expected a list for " + what + ", got " + show(o));
  }

  private KerasFormatException format(String message) {
    return new KerasFormatException(message.contains("not supported") ? "KerasUnsupported" : "KerasFormat", source, null,
        null, message);
  }

  private KerasFormatException format(String layer, String cls, String message) {
    String code = message.startsWith("layer class") ? "KerasUnsupportedLayer"
        : message.contains("not supported") ? "KerasUnsupportedValue" : "KerasFormat";
    return new KerasFormatException(code, source, layer, cls, message);
  }
}
