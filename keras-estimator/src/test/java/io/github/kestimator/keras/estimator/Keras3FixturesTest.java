package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 3 fixtures (saved by Keras 3.15.1, {@code fixtures/keras3}) through {@link KerasEstimator}:
 * the legacy {@code model.h5} and the {@code model.keras} archive predict what Keras predicted, within {@link KerasEstimatorTest#TOLERANCE},
 * then trains (toward Keras' predictions) and exports a SavedModel.
 */
class Keras3FixturesTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"regularizers/model.h5", "activation_layers/model.h5", "regularizers/model.keras",
      "activation_layers/model.keras"})
  void predictsWhatKerasPredicted(String fixture) throws IOException {
    String name = fixture.substring(0, fixture.indexOf('/'));
    String file = fixture.substring(name.length() + 1);
    KerasFixtures.ModelFixture f = KerasFixtures.model(name);
    KerasEstimator e = KerasEstimator.fromKeras(f.dir().resolve(file),
        RunConfig.builder().modelDir(tmp.resolve(fixture.replace('/', '_'))).randomSeed(7).build());
    Map<String, Npy.Array> inputs = new HashMap<>();
    for (String in : f.inputs()) {
      inputs.put(in, Npy.read(f.input(in)));
    }
    int rows = inputs.values().iterator().next().rows();
    List<Map<String, Object>> features = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = new HashMap<>();
      for (var in : inputs.entrySet()) {
        row.put(in.getKey(), in.getValue().isInt() ? in.getValue().intRow(r) : in.getValue().floatRow(r));
      }
      features.add(row);
    }
    Map<String, Object> labels = new HashMap<>();
    for (String out : f.outputs()) {
      Npy.Array want = Npy.read(f.output(out));
      float[][] expected = new float[want.rows()][];
      for (int r = 0; r < want.rows(); r++) {
        expected[r] = want.floatRow(r);
      }
      float[][] got = KerasEstimatorTest.predict(e, features, out);
      assertEquals(rows, got.length);
      double diff = KerasEstimatorTest.maxRelativeDifference(expected, got);
      System.out.printf("keras3 %s %s: largest relative difference to Keras %.3g%n", fixture, out, diff);
      assertTrue(diff <= KerasEstimatorTest.TOLERANCE, fixture + " " + out + ": largest relative difference " + diff);
      labels.put(out, expected[0]);
    }
    assertEquals(2, e.train(Input.of(List.of(Example.of(features.get(0), labels))).batch(1).repeat(), 2));
    assertTrue(java.nio.file.Files.isRegularFile(e.exportSavedModel(tmp.resolve("export_" + fixture.replace('/', '_')))
        .resolve("saved_model.pb")));
  }
}
