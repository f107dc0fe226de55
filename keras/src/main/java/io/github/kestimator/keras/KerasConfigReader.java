package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Activation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.format.Json;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * meaning for training or inference here (dtype policies, seeds, build configs) are ignored, and so
 * are arguments kestimator does not implement while they hold their default (Keras 3 writes every
 * argument: {@code renorm_clipping: null}, {@code quantization_config: null}, initializers'
 * {@code input_axes: null}, ...); any other argument, layer class, activation or value this project
 * does not support is rejected with a {@link KerasFormatException} naming the file, the layer, its
 * class name and the argument, never silently dropped. Layer arguments that only training uses
 * ({@code trainable=False}, Keras 1's Embedding {@code dropout}) and training settings kestimator
 * cannot use ({@link TrainingConfigReader}) are noted, not refused: they never block a prediction.
 * Each layer's Keras 3 object path is computed from the classes and order ({@link ObjectPaths}).
 * Only configs are read, never weights.
 */
public final class KerasConfigReader {
  /** Largest config (a JSON file or an archive's {@code config.json}) read. */
  public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

  /** Most archive entries looked at before giving up on a {@code .keras} file. */
  public static final int MAX_ARCHIVE_ENTRIES = 1000;

  /** Keys that carry no meaning for building, training or serving the model here. */
  private static final Set<String> IGNORED = Set.of("name", "batch_input_shape", "batch_shape",
      "batch_size", "build_config", "seed", "implementation", "unroll", "fused", "zero_output_for_mask", "module",
      "registered_name", "input_tensor", "autocast",
      // only used with an argument refused unless neutral: renorm=True, lora_rank=N
      "renorm_momentum", "lora_alpha");

  /** Keras 1 class names of layers that Keras 2 renamed. */
  private static final Map<String, String> KERAS1_CLASSES = Map.of("Convolution1D", "Conv1D", "Convolution2D", "Conv2D");

  /** Stands for Python's None in {@link #NEUTRAL}. */
  private static final Object NONE = new Object();

  /** Keys accepted only with the value that means "not used" (any other value is rejected). */
  private static final Map<String, Object> NEUTRAL = neutral();

  private final String source;
  /** Layer arguments only training uses that kestimator cannot train with ({@link KerasModel#trainingNotes()}). */
  private final List<String> trainingNotes = new ArrayList<>();
  /** The major version of the Keras that wrote the file (1, 2 or 3): decides what {@code hard_sigmoid} means. */
  private final int kerasMajor;

  private KerasConfigReader(String source, int kerasMajor) {
    this.source = source;
    this.kerasMajor = kerasMajor;
  }

  // ------------------------------------------------------------------------------ entry points

  /**
   * Reads the config of a {@code .json} file, a {@code .keras} archive or a full-model {@code .h5} file,
   * told apart by their first bytes (see {@link FileFormat}; {@link KerasFile} for the weights too).
   *
   * @throws KerasFormatException for an unreadable or unsupported model
   * @throws IOException when the file cannot be read
   */
  public static KerasModel read(Path file) throws IOException {
    String source = file.toString();
    FileFormat format = FileFormat.of(file);
    if (format == FileFormat.ZIP) {
      try (InputStream in = Files.newInputStream(file)) {
        return readArchive(in, source);
      }
    }
    if (format == FileFormat.HDF5) {
      return KerasFile.read(file).model();
    }
    if (Files.size(file) > MAX_CONFIG_BYTES) {
      throw new KerasFormatException(Diagnostic.FORMAT, source, null, null,
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
      throw new KerasFormatException(Diagnostic.FORMAT, source, null, null, e.getMessage());
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
    KerasModel.Training t = training == null ? null : TrainingConfigReader.read(map(training, "training_config"));
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
        ObjectPaths paths = new ObjectPaths();
        List<LayerSpec> specs = sequential(layers, paths);
        return new KerasModel(source, name, false, specs, t, paths.paths(), trainingNotes);
      }
      case "Model", "Functional" -> {
        Map<String, Object> c = map(config, "config");
        String name = Objects.requireNonNullElse(string(c.get("name")), "model");
        ObjectPaths paths = new ObjectPaths();
        List<LayerSpec> specs = functional(c, paths);
        return new KerasModel(source, name, true, specs, t, paths.paths(), trainingNotes);
      }
      default -> throw format("model class '" + cls + "' is not supported; expected Sequential, Model or Functional");
    }
  }

  private List<LayerSpec> sequential(List<Object> rawLayers, ObjectPaths paths) {
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
      paths.add(l.name(), string(layers.get(i).get("class_name")));
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

  private List<LayerSpec> functional(Map<String, Object> config, ObjectPaths paths) {
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
      String module = Objects.requireNonNullElse(string(l.get("module")), "");
      if (!module.startsWith("keras.src.ops") && !module.startsWith("keras.ops")) { // operations are no model.layers
        paths.add(name, cls);
      }
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
    LayerKind kind = LayerKind.fromKeras(KERAS1_CLASSES.getOrDefault(cls, cls));
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
      if (key.equals("dtype")) {
        Object policy = value instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> pc ? pc.get("name") : value;
        if (policy != null && !"float32".equals(policy)) {
          throw format(name, cls, "argument dtype=" + show(policy) + " is not supported (only float32: kestimator"
              + " computes every layer in float32)");
        }
        continue;
      }
      if (key.equals("trainable")) {
        if (Boolean.FALSE.equals(value)) {
          trainingNotes.add("layer '" + name + "' (" + cls + "): trainable=False (a frozen layer)");
        }
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
        Object dropout = out.remove("dropout"); // Keras 1: drops whole embedding rows while training
        if (dropout instanceof Number n && n.doubleValue() != 0) {
          trainingNotes.add("layer '" + name + "' (" + cls + "): Keras 1 dropout=" + dropout + " (drops whole embedding"
              + " rows while training)");
        } else if (dropout != null && !(dropout instanceof Number)) {
          throw format(name, cls, "argument dropout=" + show(dropout) + " is not supported");
        }
      }
      case DROPOUT -> renames.put("p", "rate");
      case CONV1D, CONV2D -> {
        renames.putAll(Map.of("nb_filter", "filters", "init", "kernel_initializer", "border_mode", "padding",
            "W_regularizer", "kernel_regularizer", "b_regularizer", "bias_regularizer", "W_constraint", "kernel_constraint",
            "b_constraint", "bias_constraint", "bias", "use_bias", "subsample", "strides"));
        if (out.containsKey("filter_length") && !out.containsKey("kernel_size")) {
          out.put("kernel_size", List.of(out.remove("filter_length")));
        }
        if (out.containsKey("nb_row") && !out.containsKey("kernel_size")) {
          out.put("kernel_size", List.of(out.remove("nb_row"), out.remove("nb_col")));
        }
        if (out.containsKey("subsample_length") && !out.containsKey("strides")) {
          out.put("strides", List.of(out.remove("subsample_length")));
        }
        out.remove("input_dim");
        out.remove("input_length");
        dimOrdering(out, name, cls);
      }
      case MAX_POOLING1D, MAX_POOLING2D, AVERAGE_POOLING1D, AVERAGE_POOLING2D -> {
        renames.put("border_mode", "padding");
        if (out.containsKey("pool_length") && !out.containsKey("pool_size")) {
          out.put("pool_size", List.of(out.remove("pool_length")));
        }
        if (out.containsKey("stride") && !out.containsKey("strides")) {
          Object stride = out.remove("stride");
          out.put("strides", stride == null ? null : List.of(stride));
        }
        dimOrdering(out, name, cls);
      }
      case LEAKY_RELU -> renames.put("alpha", "negative_slope"); // Keras 2's name
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

  /** Keras 1's {@code dim_ordering}: {@code 'tf'} is Keras 2's channels_last; Theano's {@code 'th'} is refused. */
  private void dimOrdering(Map<String, Object> c, String name, String cls) {
    if (c.containsKey("dim_ordering")) {
      Object d = c.remove("dim_ordering");
      if (!"tf".equals(d)) {
        throw format(name, cls, "argument dim_ordering=" + show(d) + " is not supported (only 'tf', channels last)");
      }
    }
  }

  /** Converts one Keras argument to the spec's raw value; null means "leave the default". */
  private Object value(String layer, String cls, String key, ParamDef def, Object value) {
    ParamType type = def.type();
    if (value == null) {
      if (def.noneIsDefault()) {
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
    if (raw instanceof List<?> l && l.stream().anyMatch(Objects::isNull)) {
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
    if (id.endsWith("initializer") && !id.equals("initializer")) {
      id = id.substring(0, id.length() - "initializer".length()); // OrthogonalInitializer, as Keras 2.x spells some
    }
    checkInitializerArguments(layer, cls, key, name, id, c);
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

  /**
   * Refuses an initializer argument this reader would otherwise not look at: {@code seed} and
   * {@code dtype} do not change what is drawn, {@code input_axes} / {@code output_axes} (Keras 3.12+)
   * only when unset; the arguments that choose the distribution are read per class.
   */
  private void checkInitializerArguments(String layer, String cls, String key, String name, String id, Map<String, Object> c) {
    Set<String> read = switch (id) {
      case "orthogonal" -> Set.of("gain");
      case "randomuniform", "uniform" -> Set.of("minval", "maxval");
      case "randomnormal", "normal", "truncatednormal" -> Set.of("mean", "stddev");
      case "constant" -> Set.of("value");
      case "variancescaling" -> Set.of("scale", "mode", "distribution");
      default -> Set.of();
    };
    for (Map.Entry<String, Object> e : c.entrySet()) {
      String k = e.getKey();
      if (read.contains(k) || k.equals("seed") || k.equals("dtype") || e.getValue() == null) {
        continue;
      }
      throw format(layer, cls, key + " " + name + ": argument " + k + "=" + show(e.getValue()) + " is not supported");
    }
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
        throw format(layer, cls, "argument " + (c.containsKey("batch_shape") ? "batch_shape" : "batch_input_shape") + "="
            + show(s) + ": the input shape has an unknown (None) dimension; every dimension of one example must be known");
      }
      if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1 || n.doubleValue() > Integer.MAX_VALUE) {
        throw format(layer, cls, "argument " + (c.containsKey("batch_shape") ? "batch_shape" : "batch_input_shape") + "="
            + show(s) + ": dimension " + show(d) + " is not a size from 1 to " + Integer.MAX_VALUE);
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

  // -------------------------------------------------------------------------------- helpers

  private static Map<String, Object> neutral() {
    Map<String, Object> m = new HashMap<>();
    for (String k : List.of("activity_regularizer", "kernel_constraint", "bias_constraint", "recurrent_constraint",
        "embeddings_constraint", "alpha_constraint", "beta_constraint", "gamma_constraint", "depthwise_constraint", "noise_shape",
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

  static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  static String show(Object v) {
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
    return new KerasFormatException(message.contains("not supported") ? Diagnostic.UNSUPPORTED : Diagnostic.FORMAT, source, null,
        null, message);
  }

  private KerasFormatException format(String layer, String cls, String message) {
    Diagnostic code = message.startsWith("layer class") ? Diagnostic.UNSUPPORTED_LAYER
        : message.contains("not supported") ? Diagnostic.UNSUPPORTED_VALUE : Diagnostic.FORMAT;
    return new KerasFormatException(code, source, layer, cls, message);
  }
}
