package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Vocabulary;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every archive of {@code fixtures/keras3/preprocessing} (real Keras 3.15.1): the preprocessing
 * layer reads with Keras' config, its vocabulary (from the config or the archive's assets) gives
 * Keras' {@code get_vocabulary()} (layer.json), and its weights are found; or it is refused naming
 * the layer and the argument kestimator cannot take.
 */
class PreprocessingFixturesTest {
  private static final Path ROOT = Path.of("..", "fixtures", "keras3", "preprocessing");

  /**
   * Fixtures with a TextVectorization without output_sequence_length, and the maximum sequence
   * length they are read with (the longest text of their batch, to which Keras padded it).
   */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH = Map.of("text_int_no_length", 11);

  static Stream<String> fixtures() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .forEach(out::add);
    }
    assertEquals(16, out.size(), out.toString());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void readsAsKerasHasIt(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Map<?, ?> layer =
        (Map<?, ?>) Json.parse(Files.readString(dir.resolve("layer.json"), StandardCharsets.UTF_8));
    KerasFile file = KerasFile.read(dir.resolve("model.keras"));
    Integer length = MAX_SEQUENCE_LENGTH.get(name);
    if (length != null) {
      KerasFormatException e = assertThrows(KerasFormatException.class, file::analyze);
      assertEquals("KerasUnknownLength", e.code().id(), e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "layer 'text' (TextVectorization): output_sequence_length=None in output_mode"
                      + " 'int' (Keras pads each batch to its longest text)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("becomes its output_sequence_length"), e.getMessage());
      file = file.withMaxSequenceLength(length);
    }
    Model model = file.analyze();
    file.weights(model); // every weight found, shapes checked
    String layerName = (String) ((Map<?, ?>) layer.get("config")).get("name");
    Layer l = model.layer(layerName).orElseThrow();
    assertEquals(layer.get("class_name"), l.kind().kerasName());
    if (layer.get("vocabulary") instanceof List<?> expected) {
      List<Object> got = Vocabulary.of(l.kind(), l.params()).full();
      assertEquals(
          expected.stream().map(o -> o instanceof Long n ? (Object) n : o).toList(), got, name);
      assertTrue(!l.needsAdapt(), name);
    }
    // Adapted state Keras keeps in the weights file (PreprocessingState): equal to Keras' own.
    for (String key : List.of("mean", "variance", "idf_weights")) {
      if (layer.get(key) instanceof List<?> expected) {
        String param = key.equals("idf_weights") ? "idfWeights" : key;
        List<Double> got = l.params().getDoubles(param);
        List<Double> keras = expected.stream().map(o -> ((Number) o).doubleValue()).toList();
        if (param.equals("idfWeights")) {
          got = Vocabulary.of(l.kind(), l.params()).fullIdfWeights(got);
        }
        assertEquals(keras.size(), got.size(), name + " " + key);
        for (int i = 0; i < keras.size(); i++) {
          assertEquals(
              keras.get(i),
              got.get(i),
              1e-6 * Math.max(1, Math.abs(keras.get(i))),
              name + " " + key + "[" + i + "]");
        }
      }
    }
    assertTrue(!l.needsAdapt(), name);
    if (length != null) {
      assertEquals(length, l.params().getInt("outputSequenceLength"));
    }
  }
}
