package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the model configuration Keras writes into {@link KerasModel}: the JSON of {@code
 * model.to_json()} and the {@code config.json} inside a Keras 3 {@code .keras} archive, in the
 * Keras 2 layout ({@code batch_input_shape}, nested-list {@code inbound_nodes}, optionally a {@code
 * training_config}) and the Keras 3 layout ({@code module} / {@code registered_name}, {@code
 * InputLayer} with {@code batch_shape}, {@code __keras_tensor__} inbound nodes, optionally a {@code
 * compile_config}).
 *
 * <p>This class finds the config (a JSON file, an archive entry, an HDF5 attribute), tells which
 * Keras wrote it and whether it is a Sequential or a Functional model. How the layers connect is
 * {@link Topology}'s; each layer's arguments {@link LayerArguments}'s, which accepts arguments
 * kestimator does not implement while they hold their default (Keras 3 writes every argument:
 * {@code renorm_clipping: null}, {@code quantization_config: null}, initializers' {@code
 * input_axes: null}, ...) and rejects any other argument, layer class, activation or value this
 * project does not support with a {@link KerasFormatException} naming the file, the layer, its
 * class name and the argument, never silently dropping it; the names Keras writes are {@link
 * KerasIdentifiers}'s. Layer arguments that only training uses ({@code trainable=False}, Keras 1's
 * Embedding {@code dropout}) and training settings kestimator cannot use ({@link
 * TrainingConfigReader}) are noted, not refused: they never block a prediction. Each layer's Keras
 * 3 object path is computed from the classes and order ({@link ObjectPaths}). Only configs are
 * read, never weights.
 */
public final class KerasConfigReader {
  /** Largest config (a JSON file or an archive's {@code config.json}) read. */
  public static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

  /** Most archive entries looked at before giving up on a {@code .keras} file. */
  public static final int MAX_ARCHIVE_ENTRIES = 1000;

  private KerasConfigReader() {}

  // ------------------------------------------------------------------------------ entry points

  /**
   * Reads the config of a {@code .json} file, a {@code .keras} archive or a full-model {@code .h5}
   * file, told apart by their first bytes (see {@link FileFormat}; {@link KerasFile} for the
   * weights too).
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
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          null,
          null,
          "file is larger than "
              + MAX_CONFIG_BYTES
              + " bytes; a Keras model config is far smaller");
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

  /**
   * The {@code keras_version} of an archive's {@code metadata.json}; "3" when there is none (only
   * Keras 3 writes archives).
   */
  static String metadataVersion(String metadata) {
    if (metadata != null) {
      try {
        if (Json.parse(metadata) instanceof Map<?, ?> m
            && m.get("keras_version") instanceof String v) {
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
   * version decides what {@code hard_sigmoid} means: Keras 1 and 2 used {@code clip(0.2x + 0.5, 0,
   * 1)}, Keras 3 {@code relu6(x + 3) / 6}. Without one, the config's own {@code keras_version} is
   * used, else a Keras 3 layout ({@code batch_shape}, {@code __keras_tensor__}) means Keras 3 and
   * any other Keras 2.
   */
  public static KerasModel readJson(String json, String source, String kerasVersion) {
    Object doc;
    try {
      doc = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new KerasFormatException(Diagnostic.FORMAT, source, null, null, e.getMessage());
    }
    if (kerasVersion == null
        && doc instanceof Map<?, ?> m
        && m.get("keras_version") instanceof String v) {
      kerasVersion = v;
    }
    int major =
        kerasVersion != null
            ? majorVersion(kerasVersion)
            : hasKey(doc, Set.of("batch_shape", "__keras_tensor__")) ? 3 : 2;
    return model(doc, source, major);
  }

  /** {@code "2.1.3"} to 2, {@code "2.2.4-tf"} to 2; 2 when the version cannot be read. */
  static int majorVersion(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 || end > 3 ? 2 : Integer.parseInt(version.substring(0, end));
  }

  /** Whether a key or a string value anywhere in {@code o} is one of {@code keys}. */
  private static boolean hasKey(Object o, Set<String> keys) {
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (keys.contains(e.getKey())
            || e.getValue() instanceof String v && keys.contains(v)
            || hasKey(e.getValue(), keys)) {
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

  /**
   * A functional model's output layer names, in output order, from its {@code output_layers}: Keras
   * 2's {@code [["a", 0, 0], ["b", 0, 0]]}, Keras 3's {@code ["a", 0, 0]} for one output.
   */
  static List<String> outputNames(Object outputLayers) {
    List<String> names = new ArrayList<>();
    if (outputLayers instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
      names.add(s);
    } else if (outputLayers instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof List<?> entry && !entry.isEmpty() && entry.get(0) instanceof String s) {
          names.add(s);
        }
      }
    } else if (outputLayers instanceof Map<?, ?> m) { // Keras 3: outputs given as a dict
      m.values().forEach(v -> names.addAll(outputNames(v)));
    }
    return names;
  }

  /**
   * The model of a parsed config: its training settings, and its layers as a Sequential or
   * Functional model.
   */
  private static KerasModel model(Object doc, String source, int kerasMajor) {
    ConfigJson json = new ConfigJson(source);
    Map<String, Object> root = json.map(doc, "the document");
    Object training = root.get("training_config");
    if (training == null) {
      training = root.get("compile_config");
    }
    if (root.containsKey("model_config")) {
      root = json.map(root.get("model_config"), "model_config");
    }
    String cls = ConfigJson.string(root.get("class_name"));
    if (cls == null) {
      throw json.refuse(
          Diagnostic.FORMAT,
          "no class_name: expected the JSON of model.to_json() or a .keras archive's"
              + " config.json");
    }
    Object config = root.get("config");
    Map<String, Object> trainingConfig =
        training == null ? null : json.map(training, "training_config");
    LayerArguments layers = new LayerArguments(json, kerasMajor);
    Topology topology = new Topology(json, layers);
    ObjectPaths paths = new ObjectPaths();
    switch (cls) {
      case "Sequential" -> {
        List<Object> list;
        String name = "sequential";
        if (config instanceof List<?> l) { // Keras 2.0 - 2.2.2: config is the list of layers
          list = new ArrayList<>(l);
        } else {
          Map<String, Object> c = json.map(config, "config");
          name = Objects.requireNonNullElse(ConfigJson.string(c.get("name")), name);
          list = json.list(c.get("layers"), "config.layers");
        }
        List<LayerSpec> specs = topology.sequential(list, paths);
        KerasModel.Training t =
            trainingConfig == null
                ? null
                : TrainingConfigReader.read(
                    trainingConfig,
                    specs.isEmpty() ? List.of() : List.of(specs.get(specs.size() - 1).name()));
        return new KerasModel(
            source,
            name,
            false,
            specs,
            t,
            paths.paths(),
            layers.trainingNotes(),
            layers.unknownLengths());
      }
      case "Model", "Functional" -> {
        Map<String, Object> c = json.map(config, "config");
        String name = Objects.requireNonNullElse(ConfigJson.string(c.get("name")), "model");
        List<LayerSpec> specs = topology.functional(c, paths);
        KerasModel.Training t =
            trainingConfig == null
                ? null
                : TrainingConfigReader.read(trainingConfig, outputNames(c.get("output_layers")));
        KerasModel model =
            new KerasModel(
                source,
                name,
                true,
                specs,
                t,
                paths.paths(),
                layers.trainingNotes(),
                layers.unknownLengths());
        topology.checkMaskArguments(model);
        return model;
      }
      default ->
          throw json.refuse(
              Diagnostic.UNSUPPORTED,
              "model class '"
                  + cls
                  + "' is not supported; expected"
                  + " Sequential, Model or Functional");
    }
  }
}
