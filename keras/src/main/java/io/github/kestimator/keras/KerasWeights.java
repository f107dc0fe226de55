package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Keras file's weights in Keras 2's layout, keyed by layer name and the spec's weight name
 * ({@link Weight#name()}: {@code kernel}, {@code recurrent_kernel}, {@code bias}, {@code
 * embeddings}, {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}, with
 * {@code forward_} / {@code backward_} for Bidirectional), each checked against the analyzed
 * model's shape.
 *
 * <p>Built by {@link #match}, which translates what the file stores: Keras 2 names ({@code
 * dense_1/kernel:0}), Keras 1 names with one weight per gate ({@code lstm_1_W_i:0} ..., fused into
 * Keras 2's {@code [in, 4 * units]} kernel in gate order i, f, c, o; GRU z, r, h), and Keras 3's
 * numbered {@code vars/0, 1, ...} under each layer's object path ({@link ObjectPaths}: computed
 * from the config's classes and order, never from layer names), in the order of the layer's
 * weights.
 */
public final class KerasWeights {
  /** One weight's values, row-major, and its shape. */
  public record Array(int[] shape, float[] values) {
    public Array {
      long size = 1;
      for (int d : shape) {
        size *= d;
      }
      if (size != values.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " holds " + size + " values, got " + values.length);
      }
    }

    @Override
    public String toString() {
      return Arrays.toString(shape);
    }
  }

  /**
   * A weight as the file stores it: its name in the file (or its index for Keras 3) and its values.
   */
  record Stored(String name, Array array) {}

  private static final Pattern SUFFIX = Pattern.compile(":\\d+$");

  private final Map<String, Map<String, Array>> layers;

  private KerasWeights(Map<String, Map<String, Array>> layers) {
    this.layers = layers;
  }

  /** Every layer with weights, in model order, each with its weights in Keras' order. */
  public Map<String, Map<String, Array>> layers() {
    return Collections.unmodifiableMap(layers);
  }

  /** The weight {@code weight} of layer {@code layer}, or null. */
  public Array get(String layer, String weight) {
    Map<String, Array> l = layers.get(layer);
    return l == null ? null : l.get(weight);
  }

  /**
   * Matches the stored weights of each layer with {@code model}'s weights and checks every shape.
   *
   * @param stored the file's weights per layer name (Keras 3: per object path), in the file's order
   * @param objectPaths for Keras 3's numbered {@code vars}: each layer's object path (see {@link
   *     ObjectPaths}), by layer name; null for Keras 1/2 files, matched by layer and weight name
   * @throws KerasFormatException naming the file, the layer, the weight, the expected and the found
   *     shape, when a weight is missing, surplus or shaped differently
   */
  static KerasWeights match(
      String source,
      Model model,
      Map<String, List<Stored>> stored,
      Map<String, String> objectPaths) {
    Map<String, Map<String, Array>> out = new LinkedHashMap<>();
    Set<String> unused = new LinkedHashSet<>(stored.keySet());
    for (Layer layer : model.layers()) {
      String key = layer.name();
      if (objectPaths != null) {
        key = objectPaths.get(layer.name());
        if (key == null) {
          if (layer.weights().isEmpty()) {
            continue; // the implicit input of a Sequential model: no entry of model.layers
          }
          throw error(source, layer, "the model's config gives the layer no Keras 3 object path");
        }
      }
      List<Stored> file = stored.get(key);
      unused.remove(key);
      if (layer.weights().isEmpty()) {
        if (file != null && !file.isEmpty()) {
          throw error(
              source,
              layer,
              "the file has "
                  + file.size()
                  + " weight(s) for it"
                  + at(objectPaths, key)
                  + ", the layer has none");
        }
        continue;
      }
      if (file == null || file.isEmpty()) {
        throw error(
            source,
            layer,
            "the file has no weights for it"
                + at(objectPaths, key)
                + "; expected "
                + expected(layer));
      }
      Map<String, Array> named =
          objectPaths != null ? byPath(source, layer, key, file) : byName(source, layer, file);
      Map<String, Array> checked = new LinkedHashMap<>();
      for (Weight w : layer.weights()) {
        Array a = named.remove(w.name());
        if (a == null) {
          throw error(
              source,
              layer,
              "weight '"
                  + w.name()
                  + "' "
                  + w.shape().dims()
                  + " is missing from the file (it has "
                  + names(file)
                  + ")");
        }
        int[] want = w.shape().dims().stream().mapToInt(Integer::intValue).toArray();
        if (!Arrays.equals(want, a.shape())) {
          throw error(
              source,
              layer,
              "weight '"
                  + w.name()
                  + "' has shape "
                  + Arrays.toString(a.shape())
                  + " in the file"
                  + at(objectPaths, key)
                  + ", the model expects "
                  + Arrays.toString(want));
        }
        checked.put(w.name(), a);
      }
      if (!named.isEmpty()) {
        throw error(
            source,
            layer,
            "the file has weights "
                + named.keySet()
                + " the layer does not have; expected "
                + expected(layer));
      }
      out.put(layer.name(), checked);
    }
    unused.removeIf(n -> stored.get(n).isEmpty());
    if (!unused.isEmpty()) {
      throw new KerasFormatException(
          Diagnostic.WEIGHTS,
          source,
          null,
          null,
          "the file has weights for "
              + (objectPaths != null ? "object paths " : "layers ")
              + unused
              + " that the model does not have");
    }
    return new KerasWeights(out);
  }

  private static String at(Map<String, String> objectPaths, String key) {
    return objectPaths == null ? "" : " at " + key;
  }

  /**
   * Keras 3: each weight at the dataset path {@link ObjectPaths#weightPaths} gives it; nothing else
   * may be there.
   */
  private static Map<String, Array> byPath(
      String source, Layer layer, String path, List<Stored> file) {
    Map<String, Array> byPath = new LinkedHashMap<>();
    for (Stored s : file) {
      byPath.put(s.name(), s.array());
    }
    List<String> paths = ObjectPaths.weightPaths(layer, path);
    Map<String, Array> out = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      Weight w = layer.weights().get(i);
      Array a = byPath.remove(paths.get(i));
      if (a == null) {
        throw error(
            source,
            layer,
            "weight '"
                + w.name()
                + "' "
                + w.shape().dims()
                + " is missing from the file: no "
                + paths.get(i)
                + " (it has "
                + names(file)
                + ")");
      }
      out.put(w.name(), a);
    }
    if (!byPath.isEmpty()) {
      throw error(
          source,
          layer,
          "the file has weights "
              + byPath.keySet()
              + " the layer does not have; expected "
              + expected(layer)
              + " at "
              + paths);
    }
    return out;
  }

  private static Map<String, Array> byName(String source, Layer layer, List<Stored> file) {
    Map<String, Array> plain = new LinkedHashMap<>();
    for (Stored s : file) {
      String full = SUFFIX.matcher(s.name()).replaceFirst("");
      String shortName = full.substring(full.lastIndexOf('/') + 1);
      if (shortName.startsWith(layer.name() + "_") && !shortName.equals(layer.name())) {
        shortName = shortName.substring(layer.name().length() + 1); // Keras 1: lstm_1_W_i
      }
      String prefix = "";
      if (layer.kind() == LayerKind.BIDIRECTIONAL) {
        prefix =
            full.contains("forward_") ? "forward_" : full.contains("backward_") ? "backward_" : "";
      }
      if (plain.put(prefix + shortName, s.array()) != null) {
        throw error(source, layer, "the file has the weight '" + prefix + shortName + "' twice");
      }
    }
    return keras1(source, layer, plain);
  }

  /** Keras 1's names and per-gate weights as Keras 2's; Keras 2 names pass through. */
  private static Map<String, Array> keras1(String source, Layer layer, Map<String, Array> w) {
    Layer cell = layer.wrapped() != null ? layer.wrapped() : layer;
    List<String> prefixes =
        layer.kind() == LayerKind.BIDIRECTIONAL ? List.of("forward_", "backward_") : List.of("");
    Map<String, Array> out = new LinkedHashMap<>(w);
    for (String p : prefixes) {
      String gates =
          switch (cell.kind()) {
            case LSTM -> "ifco";
            case GRU -> "zrh";
            default -> null;
          };
      if (gates != null && out.containsKey(p + "W_" + gates.charAt(0))) {
        for (String[] k :
            List.of(
                new String[] {"W", "kernel"},
                new String[] {"U", "recurrent_kernel"},
                new String[] {"b", "bias"})) {
          List<Array> parts = new ArrayList<>();
          for (char g : gates.toCharArray()) {
            Array a = out.remove(p + k[0] + "_" + g);
            if (a == null) {
              throw error(
                  source,
                  layer,
                  "Keras 1 weight '"
                      + p
                      + k[0]
                      + "_"
                      + g
                      + "' is missing (it has "
                      + w.keySet()
                      + ")");
            }
            parts.add(a);
          }
          out.put(p + k[1], concatLast(parts));
        }
      }
      rename(out, p + "W", p + (cell.kind() == LayerKind.EMBEDDING ? "embeddings" : "kernel"));
      rename(out, p + "U", p + "recurrent_kernel");
      rename(out, p + "b", p + "bias");
    }
    Array k = out.get("kernel");
    if (cell.kind() == LayerKind.CONV1D
        && k != null
        && k.shape().length == 4
        && k.shape()[1] == 1) {
      // Keras 1's Convolution1D ran as a 2-D convolution: W is [filter_length, 1, input_dim,
      // nb_filter]
      out.put(
          "kernel", new Array(new int[] {k.shape()[0], k.shape()[2], k.shape()[3]}, k.values()));
    }
    rename(out, "running_mean", "moving_mean");
    rename(out, "running_std", "moving_variance"); // Keras 1 keeps the variance under this name
    return out;
  }

  private static void rename(Map<String, Array> m, String from, String to) {
    if (m.containsKey(from) && !m.containsKey(to)) {
      m.put(to, m.remove(from));
    }
  }

  /** Concatenates arrays of equal leading shape along their last axis. */
  static Array concatLast(List<Array> parts) {
    int[] first = parts.get(0).shape();
    int rank = first.length;
    int rows = 1;
    for (int i = 0; i < rank - 1; i++) {
      rows *= first[i];
    }
    int width = 0;
    for (Array a : parts) {
      if (a.shape().length != rank
          || !Arrays.equals(Arrays.copyOf(a.shape(), rank - 1), Arrays.copyOf(first, rank - 1))) {
        throw new IllegalArgumentException(
            "cannot concatenate shapes "
                + Arrays.toString(first)
                + " and "
                + Arrays.toString(a.shape()));
      }
      width += a.shape()[rank - 1];
    }
    float[] v = new float[rows * width];
    int offset = 0;
    for (Array a : parts) {
      int w = a.shape()[rank - 1];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(a.values(), r * w, v, r * width + offset, w);
      }
      offset += w;
    }
    int[] shape = first.clone();
    shape[rank - 1] = width;
    return new Array(shape, v);
  }

  private static String expected(Layer layer) {
    List<String> l = new ArrayList<>();
    for (Weight w : layer.weights()) {
      l.add(w.name() + " " + w.shape().dims());
    }
    return String.join(", ", l);
  }

  private static String names(List<Stored> file) {
    return file.stream().map(s -> s.name() + " " + s.array()).toList().toString();
  }

  private static KerasFormatException error(String source, Layer layer, String message) {
    String cls =
        layer.wrapped() == null
            ? layer.kind().kerasName()
            : layer.kind().kerasName() + "(" + layer.wrapped().kind().kerasName() + ")";
    return new KerasFormatException(Diagnostic.WEIGHTS, source, layer.name(), cls, message);
  }
}
