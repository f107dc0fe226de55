package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.format.Json;
import io.github.kestimator.runtime.Predictor;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Warm start from the {@code .keras} archives of {@code fixtures/keras3/preprocessing} (real Keras
 * 3.15.1: a preprocessing layer first, its vocabulary in the archive's assets or its config, then a
 * small trained model): the estimator predicts Keras' {@code output.npy} on the raw inputs ({@code
 * inputs.json}: strings, integers, floats), within 1e-5, and so does its SavedModel export, served
 * by a {@link Predictor} from the export alone. Archives the reader refuses are listed by {@code
 * keras}' own PreprocessingFixturesTest.
 */
class PreprocessingWarmStartTest {
  private static final Path ROOT = Path.of("..", "fixtures", "keras3", "preprocessing");

  @TempDir Path tmp;

  static Stream<String> accepted() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        try {
          io.github.kestimator.keras.KerasFile.read(d.resolve("model.keras"));
          out.add(d.getFileName().toString());
        } catch (KerasFormatException e) {
          // refused by the reader, with a message its own tests check
        }
      }
    }
    assertTrue(out.size() >= 16, "the reader takes the 16 preprocessing fixtures: " + out);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void predictsWhatKerasPredictedOnRawInputs(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    // text_int_no_length: Keras padded the batch's ids to its longest text, 11; the model masks
    // nothing, so only that length gives Keras' output.
    RunConfig config = RunConfig.builder().modelDir(tmp.resolve("model")).randomSeed(1).build();
    KerasEstimator e =
        name.equals("text_int_no_length")
            ? KerasEstimator.fromKeras(dir.resolve("model.keras"), config, 11)
            : KerasEstimator.fromKeras(dir.resolve("model.keras"), config);
    List<Map<String, Object>> rows = rows(dir, e.model());
    Npy.Array keras = Npy.read(dir.resolve("output.npy"));
    String output = e.model().outputs().get(0).layer();
    List<Map<String, float[]>> got;
    try (Stream<Map<String, float[]>> s = e.predict(rows)) {
      got = s.toList();
    }
    check(name + " (estimator)", keras, got, output);

    Path export = e.exportSavedModel(tmp.resolve("export"));
    Path moved = Files.move(export, tmp.resolve("served"));
    try (Predictor<Map<String, Object>, Map<String, float[]>> p =
        new Predictor<>(e.binding(), moved) {}) {
      check(name + " (export)", keras, p.predict(rows), output);
    }
  }

  private static void check(
      String what, Npy.Array keras, List<Map<String, float[]>> got, String output) {
    assertEquals(keras.rows(), got.size(), what);
    for (int r = 0; r < keras.rows(); r++) {
      float[] want = keras.floatRow(r);
      float[] have = got.get(r).get(output);
      assertEquals(want.length, have.length, what + " row " + r);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], have[i], 1e-5, what + " row " + r + " value " + i);
      }
    }
  }

  /** inputs.json's rows as MapBinding features: a string, or an array of the feature's dtype. */
  private static List<Map<String, Object>> rows(Path dir, Model model) throws IOException {
    Map<?, ?> inputs =
        (Map<?, ?>)
            Json.parse(Files.readString(dir.resolve("inputs.json"), StandardCharsets.UTF_8));
    int n = ((List<?>) inputs.values().iterator().next()).size();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Feature f : model.features()) {
        Object v = ((List<?>) inputs.get(f.name())).get(r);
        row.put(f.name(), value(f.dtype(), v instanceof List<?> l ? l : List.of(v)));
      }
      out.add(row);
    }
    return out;
  }

  private static Object value(DType dtype, List<?> v) {
    return switch (dtype) {
      case STRING -> v.size() == 1 ? (Object) v.get(0) : v.toArray(new String[0]);
      case INT64 -> v.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
      case INT32 -> v.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
      case FLOAT32 -> {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
          a[i] = ((Number) v.get(i)).floatValue();
        }
        yield a;
      }
    };
  }
}
