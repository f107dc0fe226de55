package io.github.kestimator.keras;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Weight;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Keras 3 stores a layer's weights ({@code model.weights.h5}, alone or inside a {@code
 * .keras} archive): under the layer's <em>object path</em>, not its name. Keras 3's {@code
 * saving_lib._save_container_state} names each entry of {@code model.layers} by {@code
 * naming.to_snake_case(type(layer).__name__)}, adding {@code _1}, {@code _2}, ... per class name in
 * {@code model.layers} order (layers without weights count too): {@code layers/dense}, {@code
 * layers/dense_1}, {@code layers/p_re_lu}. A layer's own weights are {@code <path>/vars/0, 1, ...};
 * a recurrent layer's are its cell's ({@code layers/lstm/cell/vars/N}); Bidirectional's are {@code
 * layers/bidirectional/forward_layer/cell/vars/N}, then {@code backward_layer/...}.
 *
 * <p>{@code model.layers} is the config's layer list without a Sequential's InputLayer (a
 * Functional model keeps its InputLayers: {@code layers/input_layer}, {@code layers/input_layer_1})
 * and without operations that are no layers ({@code keras.src.ops}, e.g. {@code NotEqual}).
 */
final class ObjectPaths {
  private static final Pattern NON_WORD = Pattern.compile("\\W+");
  private static final Pattern CAPITALIZED = Pattern.compile("(.)([A-Z][a-z]+)");
  private static final Pattern LOWER_UPPER = Pattern.compile("([a-z])([A-Z])");

  private final Map<String, Integer> used = new HashMap<>();
  private final Map<String, String> paths = new java.util.LinkedHashMap<>();

  /**
   * Keras' {@code naming.to_snake_case}: {@code PReLU} to {@code p_re_lu}, {@code Conv1D} to {@code
   * conv1d}.
   */
  static String snakeCase(String className) {
    String n = NON_WORD.matcher(className).replaceAll("");
    n = CAPITALIZED.matcher(n).replaceAll("$1_$2");
    return LOWER_UPPER.matcher(n).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Counts the next entry of {@code model.layers}, of Python class {@code className}, named {@code
   * layer} in the config.
   */
  void add(String layer, String className) {
    String base = snakeCase(className == null ? "" : className);
    Integer n = used.get(base);
    String name = n == null ? base : base + "_" + (n + 1);
    used.put(base, n == null ? 0 : n + 1);
    paths.put(layer, "layers/" + name);
  }

  /** Layer name to object path, in {@code model.layers} order. */
  Map<String, String> paths() {
    return Map.copyOf(paths);
  }

  /**
   * The dataset path of each of {@code layer}'s weights (in the order of {@link Layer#weights()})
   * when the layer's object path is {@code path}.
   */
  static List<String> weightPaths(Layer layer, String path) {
    List<String> out = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Weight w : layer.weights()) {
      String group = path;
      if (layer.kind() == LayerKind.BIDIRECTIONAL) {
        group += w.name().startsWith("backward_") ? "/backward_layer/cell" : "/forward_layer/cell";
      } else if (layer.kind().isRecurrent()) {
        group += "/cell";
      }
      int i = counts.merge(group, 1, Integer::sum) - 1;
      out.add(group + "/vars/" + i);
    }
    return out;
  }
}
