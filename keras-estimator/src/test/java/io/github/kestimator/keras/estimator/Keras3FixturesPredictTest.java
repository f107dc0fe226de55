package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training settings of Keras 3 files ({@code fixtures/keras3}) that kestimator cannot use (a loss
 * per output) do not stop prediction, while training refuses them. That every fixture predicts what
 * Keras predicted, in every format, is {@link KerasFixturesTest}.
 */
class Keras3FixturesPredictTest {
  @TempDir Path tmp;

  private RunConfig config(String name) {
    return RunConfig.builder().modelDir(tmp.resolve(name)).randomSeed(7).build();
  }

  private static List<Map<String, Object>> features(ModelFixture f, Model model)
      throws IOException {
    Map<String, Npy.Array> inputs = new LinkedHashMap<>();
    for (Feature x : model.features()) {
      inputs.put(x.name(), Npy.read(f.input(x.name())));
    }
    int rows = inputs.values().iterator().next().rows();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Map.Entry<String, Npy.Array> e : inputs.entrySet()) {
        row.put(
            e.getKey(), e.getValue().isInt() ? e.getValue().intRow(r) : e.getValue().floatRow(r));
      }
      out.add(row);
    }
    return out;
  }

  /** Predicts every input row of the fixture and compares each output with Keras' within 1e-4. */
  private static void assertPredictsWhatKerasPredicted(ModelFixture f, KerasEstimator e)
      throws IOException {
    List<Map<String, Object>> rows = features(f, e.model());
    List<Map<String, float[]>> got;
    try (Stream<Map<String, float[]>> s = e.predict(rows)) {
      got = s.toList();
    }
    for (String output : f.outputs()) {
      Npy.Array keras = Npy.read(f.output(output));
      for (int r = 0; r < rows.size(); r++) {
        float[] want = keras.floatRow(r);
        float[] have = got.get(r).get(output);
        assertEquals(want.length, have.length, output);
        for (int i = 0; i < want.length; i++) {
          assertEquals(
              want[i],
              have[i],
              1e-4 * Math.max(1, Math.abs(want[i])),
              f.name() + " " + output + " row " + r);
        }
      }
    }
  }

  @Test
  void aLossPerOutputPredictsTrainsAndReportsEachOutputsLossAndMetrics() throws IOException {
    ModelFixture f = KerasFixtures.model("functional_outputs");
    KerasEstimator e = KerasEstimator.fromKeras(f.keras(), config("outputs"));
    assertPredictsWhatKerasPredicted(f, e);
    assertEquals(null, e.trainingWarning());
    List<Example<Map<String, Object>, Map<String, Object>>> examples = new ArrayList<>();
    for (Map<String, Object> row : features(f, e.model())) {
      examples.add(
          Example.of(row, Map.of("score", new float[] {1f}, "amount", new float[] {0f, 0f})));
    }
    Input<Map<String, Object>, Map<String, Object>> input = Input.of(examples).batch(4);
    assertEquals(1, e.train(input, 1));
    Map<String, Double> m = e.evaluate(input, 1);
    // Keras' names: compile(loss={"score": ..., "amount": ...}, metrics={"score": ["accuracy"],
    // "amount": ["mae"]}) (kestimator names mae by its full name).
    for (String key :
        List.of(
            "loss", "score_loss", "amount_loss", "score_accuracy", "amount_mean_absolute_error")) {
      assertTrue(m.containsKey(key), key + " in " + m.keySet());
    }
    assertEquals(m.get("score_loss") + m.get("amount_loss"), m.get("loss"), 1e-6);
  }

  @Test
  void twoOutputsWithALossEachPredict() throws IOException {
    ModelFixture f = KerasFixtures.model("functional_outputs");
    KerasEstimator e = KerasEstimator.fromKeras(f.keras(), config("outputs"));
    assertEquals(2, f.outputs().size());
    assertPredictsWhatKerasPredicted(f, e);
  }
}
