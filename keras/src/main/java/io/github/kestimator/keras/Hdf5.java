package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HDF5 side of Keras files, with the pure-Java reader jhdf: the root attributes of a full-model
 * file ({@code model_config}, {@code training_config}, {@code keras_version}) and the weights in
 * the three layouts Keras wrote: {@code model_weights/<layer>/...} with {@code layer_names} /
 * {@code weight_names} attributes (full model, Keras 1 and 2), the same at the root (weights-only
 * {@code save_weights}), and Keras 3's {@code layers/<layer>/vars/<i>}.
 */
final class Hdf5 {
  /** HDF5's format signature, at offset 0 (Keras never writes a user block). */
  private static final byte[] SIGNATURE = FileFormat.HDF5_SIGNATURE;

  /** Most values one weight may hold (4 GB of float32 would not fit a Java array anyway). */
  private static final long MAX_WEIGHT_VALUES = Integer.MAX_VALUE - 8;

  private Hdf5() {}

  /** Opens {@code file}, failing with the file's name when it is no HDF5 file. */
  static HdfFile open(Path file) throws IOException {
    byte[] head = new byte[8];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 8);
      if (n < 8 || !Arrays.equals(head, SIGNATURE)) {
        throw new KerasFormatException(
            Diagnostic.FORMAT,
            file.toString(),
            null,
            null,
            "not an HDF5 file (no HDF5 signature at"
                + " its start"
                + (n < 8 ? "; the file has only " + n + " bytes" : "")
                + ")");
      }
    }
    try {
      return new HdfFile(file);
    } catch (RuntimeException e) {
      throw corrupt(file.toString(), e);
    }
  }

  /** Opens HDF5 bytes held in memory (an archive's {@code model.weights.h5}). */
  static HdfFile open(byte[] bytes, String source) {
    if (bytes.length < 8 || !Arrays.equals(Arrays.copyOf(bytes, 8), SIGNATURE)) {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          null,
          null,
          "not an HDF5 file (no HDF5 signature at its start)");
    }
    try {
      return HdfFile.fromBytes(bytes);
    } catch (RuntimeException e) {
      throw corrupt(source, e);
    }
  }

  /** A jhdf failure as an error naming the file. */
  static KerasFormatException corrupt(String source, RuntimeException e) {
    if (e instanceof KerasFormatException k) {
      return k;
    }
    return new KerasFormatException(
        Diagnostic.FORMAT,
        source,
        null,
        null,
        "cannot read the HDF5 file (truncated or corrupt?): "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  /**
   * A string attribute of {@code node} (fixed-length, variable-length or UTF-8), or null when
   * absent.
   */
  static String string(Node node, String name) {
    Attribute a = node.getAttribute(name);
    if (a == null || a.isEmpty()) {
      return null;
    }
    Object d = a.getData();
    if (d instanceof String s) {
      return s;
    }
    if (d instanceof String[] arr && arr.length == 1) {
      return arr[0];
    }
    if (d instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    throw new KerasFormatException(
        Diagnostic.FORMAT,
        node.getHdfFile().getFile() + "",
        null,
        null,
        "attribute '" + name + "' of " + node.getPath() + " is not a string");
  }

  /**
   * A string-list attribute, joined from {@code name0}, {@code name1}, ... when Keras split it
   * (large models); an empty list for an empty attribute, null when absent.
   */
  static List<String> strings(Node node, String name, String source) {
    if (node.getAttribute(name) != null) {
      return stringList(node.getAttribute(name), node, name, source);
    }
    if (node.getAttribute(name + "0") == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; node.getAttribute(name + i) != null; i++) {
      out.addAll(stringList(node.getAttribute(name + i), node, name + i, source));
    }
    return out;
  }

  private static List<String> stringList(Attribute a, Node node, String name, String source) {
    if (a.isEmpty()) {
      return List.of();
    }
    Object d = a.getData();
    if (d instanceof String s) {
      return List.of(s);
    }
    if (d instanceof String[] arr) {
      return List.of(arr);
    }
    throw new KerasFormatException(
        Diagnostic.FORMAT,
        source,
        null,
        null,
        "attribute '" + name + "' of " + node.getPath() + " is not a list of strings");
  }

  /**
   * The weights of every layer: Keras 1/2 layout (a {@code layer_names} attribute on {@code
   * model_weights} or the root) by weight name, else Keras 3's {@code layers/<name>/vars}.
   *
   * @return per layer name (Keras 3: per object path, {@code layers/dense_1}) its weights in the
   *     file's order; {@link Weights#numbered()} for Keras 3
   */
  static Weights weights(HdfFile file, String source) {
    return weights(file, source, java.util.Set.of());
  }

  /**
   * As {@link #weights(HdfFile, String)}, leaving out the Keras 3 object paths in {@code state}:
   * preprocessing layers' adapted state ({@link PreprocessingState}), not weights.
   */
  static Weights weights(HdfFile file, String source, java.util.Set<String> state) {
    try {
      Group root = file;
      if (file.getChild("model_weights") instanceof Group g) {
        root = g;
      }
      List<String> layerNames = strings(root, "layer_names", source);
      if (layerNames != null) {
        return new Weights(keras2(root, layerNames, source), false);
      }
      if (file.getChild("layers") instanceof Group layers) {
        Map<String, List<KerasWeights.Stored>> byPath = keras3(layers, source, state);
        return new Weights(byPath, true);
      }
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          null,
          null,
          "no Keras weights: neither a 'layer_names'"
              + " attribute (Keras 1/2, in model_weights or at the root) nor a 'layers' group (Keras 3)");
    } catch (RuntimeException e) {
      throw corrupt(source, e);
    }
  }

  /**
   * Weights per layer, in file order; {@code numbered}: Keras 3's vars by object path ({@link
   * ObjectPaths}).
   */
  record Weights(Map<String, List<KerasWeights.Stored>> layers, boolean numbered) {}

  private static Map<String, List<KerasWeights.Stored>> keras2(
      Group root, List<String> layerNames, String source) {
    Map<String, List<KerasWeights.Stored>> out = new LinkedHashMap<>();
    for (String layer : layerNames) {
      if (!(root.getChild(layer) instanceof Group g)) {
        throw new KerasFormatException(
            Diagnostic.FORMAT,
            source,
            layer,
            null,
            "layer_names lists the layer, but " + root.getPath() + " has no group for it");
      }
      List<String> weightNames = strings(g, "weight_names", source);
      List<KerasWeights.Stored> weights = new ArrayList<>();
      for (String w : weightNames == null ? List.<String>of() : weightNames) {
        if (!(g.getByPath(w) instanceof Dataset d)) {
          throw new KerasFormatException(
              Diagnostic.FORMAT,
              source,
              layer,
              null,
              "weight_names lists '"
                  + w
                  + "', but "
                  + g.getPath()
                  + " has no dataset of that name");
        }
        weights.add(new KerasWeights.Stored(w, array(d, source, layer)));
      }
      out.put(layer, weights);
    }
    return out;
  }

  /**
   * Per object path ({@code layers/dense_1}) the datasets under it, each named by its path ({@code
   * layers/dense_1/vars/0}).
   */
  private static Map<String, List<KerasWeights.Stored>> keras3(
      Group layers, String source, java.util.Set<String> state) {
    Map<String, List<KerasWeights.Stored>> out = new LinkedHashMap<>();
    for (Node n : layers.getChildren().values()) {
      if (n instanceof Group g && !state.contains("layers/" + g.getName())) {
        List<KerasWeights.Stored> weights = new ArrayList<>();
        collectVars(g, weights, source, g.getName());
        out.put("layers/" + g.getName(), weights);
      }
    }
    return out;
  }

  /**
   * A layer's own {@code vars/0..n} then its sub-layers' (cell, forward_layer before
   * backward_layer).
   */
  private static void collectVars(
      Group g, List<KerasWeights.Stored> out, String source, String layer) {
    if (g.getChild("vars") instanceof Group vars) {
      List<String> names = new ArrayList<>(vars.getChildren().keySet());
      for (String n : names) {
        if (!n.matches("\\d{1,6}")) {
          throw new KerasFormatException(
              Diagnostic.FORMAT,
              source,
              layer,
              null,
              "unexpected entry '" + n + "' in " + vars.getPath());
        }
      }
      names.sort(Comparator.comparingInt(Integer::parseInt));
      for (String n : names) {
        if (!(vars.getChild(n) instanceof Dataset d)) {
          throw new KerasFormatException(
              Diagnostic.FORMAT,
              source,
              layer,
              null,
              vars.getPath() + "/" + n + " is not a dataset");
        }
        String path = d.getPath().startsWith("/") ? d.getPath().substring(1) : d.getPath();
        out.add(new KerasWeights.Stored(path, array(d, source, layer)));
      }
    }
    List<String> subs = new ArrayList<>();
    for (Node n : g.getChildren().values()) {
      if (n instanceof Group && !n.getName().equals("vars")) {
        subs.add(n.getName());
      }
    }
    subs.sort(Comparator.comparing((String s) -> s.startsWith("backward")).thenComparing(s -> s));
    for (String s : subs) {
      collectVars((Group) g.getChild(s), out, source, layer);
    }
  }

  /** A float32 or float64 dataset as float32 values with its shape. */
  static KerasWeights.Array array(Dataset d, String source, String layer) {
    int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
    long size = 1;
    for (int s : shape) {
      size *= s;
    }
    if (size > MAX_WEIGHT_VALUES) {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          layer,
          null,
          d.getPath() + " has " + size + " values; too large");
    }
    Object data = d.isScalar() ? d.getData() : d.getDataFlat();
    float[] values;
    if (data instanceof float[] f) {
      values = f;
    } else if (data instanceof double[] dd) {
      values = new float[dd.length];
      for (int i = 0; i < dd.length; i++) {
        values[i] = (float) dd[i];
      }
    } else if (data instanceof Float f) {
      values = new float[] {f};
    } else if (data instanceof Double dv) {
      values = new float[] {(float) (double) dv};
    } else {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          layer,
          null,
          d.getPath() + " holds " + d.getJavaType() + ", not float32 or float64 weights");
    }
    return new KerasWeights.Array(shape, values);
  }
}
