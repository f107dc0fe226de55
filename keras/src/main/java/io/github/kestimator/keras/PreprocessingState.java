package io.github.kestimator.keras;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.OutputMode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state Keras 3 keeps in {@code model.weights.h5} for adapted preprocessing layers (not weights
 * of the model): a {@code Normalization} without {@code mean} in its config has its mean and
 * variance as {@code <object path>/vars/0} and {@code vars/1} (and the count of examples as {@code
 * vars/2}), a TF-IDF layer without {@code idf_weights} its weights as {@code <object
 * path>/vars/idf_weights}. They go into the layer's parameters ({@code mean}, {@code variance},
 * {@code idfWeights}), as if the layer had been given them, so the model needs no adapt.
 */
final class PreprocessingState {
  private PreprocessingState() {}

  /**
   * The object paths ({@code layers/normalization}) whose vars are state, to leave out of the
   * weights.
   */
  static Set<String> statePaths(KerasModel m) {
    Set<String> out = new LinkedHashSet<>();
    for (LayerSpec l : m.layers()) {
      if (isStateful(l.kind()) && m.objectPaths().get(l.name()) != null) {
        out.add(m.objectPaths().get(l.name()));
      }
    }
    return out;
  }

  private static boolean isStateful(LayerKind kind) {
    return kind == LayerKind.NORMALIZATION
        || kind == LayerKind.TEXT_VECTORIZATION
        || kind == LayerKind.STRING_LOOKUP
        || kind == LayerKind.INTEGER_LOOKUP;
  }

  /** {@code m} with each adapted layer's state read from {@code h5} into its parameters. */
  static KerasModel fill(KerasModel m, HdfFile h5, String source) {
    List<LayerSpec> layers = new ArrayList<>();
    boolean changed = false;
    for (LayerSpec l : m.layers()) {
      String path = m.objectPaths().get(l.name());
      Map<String, Object> args = new LinkedHashMap<>(l.args());
      if (path != null && l.kind() == LayerKind.NORMALIZATION && empty(args.get("mean"))) {
        List<Double> mean = doubles(h5, path + "/vars/0", source, l);
        List<Double> variance = doubles(h5, path + "/vars/1", source, l);
        if (mean != null && variance != null) {
          args.put("mean", mean);
          args.put("variance", variance);
        }
      }
      if (path != null
          && isStateful(l.kind())
          && l.kind() != LayerKind.NORMALIZATION
          && tfIdf(args.get("outputMode"))
          && empty(args.get("idfWeights"))) {
        List<Double> idf = doubles(h5, path + "/vars/idf_weights", source, l);
        if (idf != null) {
          args.put("idfWeights", idf);
        }
      }
      changed |= !args.equals(l.args());
      layers.add(
          args.equals(l.args())
              ? l
              : new LayerSpec(l.name(), l.kind(), l.from(), args, l.wrapped()));
    }
    return changed ? m.withLayers(layers) : m;
  }

  private static boolean empty(Object v) {
    return v == null || v instanceof List<?> l && l.isEmpty();
  }

  private static boolean tfIdf(Object mode) {
    return mode == OutputMode.TF_IDF
        || "TF_IDF".equals(String.valueOf(mode))
        || "tf_idf".equals(mode);
  }

  /** The float values of dataset {@code path}, or null when the file has none there. */
  private static List<Double> doubles(HdfFile h5, String path, String source, LayerSpec l) {
    Node node;
    try {
      node = h5.getByPath(path);
    } catch (RuntimeException e) { // jHDF: no such path
      return null;
    }
    if (!(node instanceof Dataset d)) {
      return null;
    }
    float[] values = Hdf5.array(d, source, l.name()).values();
    List<Double> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add((double) v);
    }
    return out;
  }
}
