package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabularies a {@code .keras} archive keeps under {@code assets/}: a TextVectorization,
 * StringLookup or IntegerLookup whose config has no {@code vocabulary} (adapted in Keras) gets the
 * tokens of {@code assets/<object path>/vocabulary.txt} (its {@code get_vocabulary()}, one token
 * per line, UTF-8), whose leading special tokens the model drops again ({@code
 * io.github.kestimator.model.Vocabulary}).
 */
final class Vocabularies {
  private Vocabularies() {}

  static KerasModel fill(KerasModel m, Map<String, byte[]> assets) {
    List<LayerSpec> layers = new ArrayList<>();
    for (LayerSpec l : m.layers()) {
      boolean lookup =
          l.kind() == LayerKind.TEXT_VECTORIZATION
              || l.kind() == LayerKind.STRING_LOOKUP
              || l.kind() == LayerKind.INTEGER_LOOKUP;
      if (!lookup || l.args().get("vocabulary") instanceof List<?> v && !v.isEmpty()) {
        layers.add(l);
        continue;
      }
      String path = "assets/" + m.objectPaths().get(l.name()) + "/vocabulary.txt";
      byte[] bytes = assets.get(path);
      if (bytes == null) {
        throw new KerasFormatException(
            Diagnostic.FORMAT,
            m.source(),
            l.name(),
            l.kind().kerasName(),
            "the layer has no"
                + " vocabulary in its config and the archive has no "
                + path
                + " (was it adapted before saving?)");
      }
      List<Object> tokens = new ArrayList<>();
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      for (String line : lines) {
        if (l.kind() == LayerKind.INTEGER_LOOKUP) {
          try {
            tokens.add(Long.parseLong(line.strip()));
          } catch (NumberFormatException e) {
            throw new KerasFormatException(
                Diagnostic.FORMAT,
                m.source(),
                l.name(),
                l.kind().kerasName(),
                path + " holds \"" + line + "\", not an integer");
          }
        } else {
          tokens.add(line);
        }
      }
      Map<String, Object> args = new LinkedHashMap<>(l.args());
      args.put("vocabulary", tokens);
      layers.add(new LayerSpec(l.name(), l.kind(), l.from(), args, l.wrapped()));
    }
    return m.withLayers(layers);
  }
}
