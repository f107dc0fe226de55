package io.github.kestimator.keras;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes weights in the layouts Keras writes, with jhdf's HDF5 writer, to test the readers of the
 * formats the shared fixtures do not cover: Keras 2's weights-only {@code save_weights} file and a
 * Keras 3 {@code .keras} archive.
 */
final class Keras2Writer {
  private Keras2Writer() {}

  /**
   * Keras 2 {@code save_weights}: root {@code layer_names}, per layer {@code weight_names}, {@code
   * <layer>/<layer>/<w>:0}.
   */
  static void writeWeightsOnly(Path file, KerasWeights weights) {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("layer_names", weights.layers().keySet().toArray(new String[0]));
      h5.putAttribute("keras_version", "2.1.3");
      for (var layer : weights.layers().entrySet()) {
        WritableGroup g = h5.putGroup(layer.getKey());
        WritableGroup inner = g.putGroup(layer.getKey());
        String[] names =
            layer.getValue().keySet().stream()
                .map(w -> layer.getKey() + "/" + w + ":0")
                .toArray(String[]::new);
        g.putAttribute("weight_names", names);
        for (Map.Entry<String, KerasWeights.Array> w : layer.getValue().entrySet()) {
          inner.putDataset(w.getKey() + ":0", nested(w.getValue()));
        }
      }
    }
  }

  /**
   * A Keras 3 archive: {@code config.json}, {@code metadata.json}, {@code model.weights.h5} with
   * each weight where Keras 3 puts it, under the layer's object path ({@code
   * layers/<path>/vars/<i>}, {@code layers/lstm/cell/vars/<i>}, ...; {@link ObjectPaths}).
   */
  static void writeKeras3Archive(Path archive, String config, Model model, KerasWeights weights)
      throws IOException {
    Map<String, String> paths =
        KerasConfigReader.readJson(config, archive.toString()).objectPaths();
    Path h5file = Files.createTempFile(archive.getParent(), "weights", ".h5");
    try (WritableHdfFile h5 = HdfFile.write(h5file)) {
      Map<String, WritableGroup> groups = new HashMap<>();
      for (Layer layer : model.layers()) {
        Map<String, KerasWeights.Array> w = weights.layers().get(layer.name());
        if (w == null) {
          continue;
        }
        List<String> datasets = ObjectPaths.weightPaths(layer, paths.get(layer.name()));
        for (int i = 0; i < datasets.size(); i++) {
          String d = datasets.get(i);
          group(h5, groups, d.substring(0, d.lastIndexOf('/')))
              .putDataset(
                  d.substring(d.lastIndexOf('/') + 1),
                  nested(w.get(layer.weights().get(i).name())));
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(archive);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("metadata.json"));
      zip.write("{\"keras_version\": \"3.3.3\"}".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("config.json"));
      zip.write(config.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      zip.write(Files.readAllBytes(h5file));
      zip.closeEntry();
    }
    Files.delete(h5file);
  }

  private static WritableGroup group(
      WritableHdfFile h5, Map<String, WritableGroup> groups, String path) {
    WritableGroup g = groups.get(path);
    if (g == null) {
      int slash = path.lastIndexOf('/');
      String name = path.substring(slash + 1);
      g =
          slash < 0
              ? h5.putGroup(name)
              : group(h5, groups, path.substring(0, slash)).putGroup(name);
      groups.put(path, g);
    }
    return g;
  }

  /** A flat array as the nested Java array jhdf writes with that shape. */
  static Object nested(KerasWeights.Array a) {
    int[] s = a.shape();
    float[] v = a.values();
    return switch (s.length) {
      case 1 -> v.clone();
      case 2 -> {
        float[][] m = new float[s[0]][s[1]];
        for (int i = 0; i < s[0]; i++) {
          System.arraycopy(v, i * s[1], m[i], 0, s[1]);
        }
        yield m;
      }
      case 4 -> {
        float[][][][] m = new float[s[0]][s[1]][s[2]][s[3]];
        int k = 0;
        for (int a0 = 0; a0 < s[0]; a0++) {
          for (int a1 = 0; a1 < s[1]; a1++) {
            for (int a2 = 0; a2 < s[2]; a2++) {
              for (int a3 = 0; a3 < s[3]; a3++) {
                m[a0][a1][a2][a3] = v[k++];
              }
            }
          }
        }
        yield m;
      }
      default ->
          throw new IllegalArgumentException(
              "rank " + s.length + " not written by this test helper");
    };
  }
}
