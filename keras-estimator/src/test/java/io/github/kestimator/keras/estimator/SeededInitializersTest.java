package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasWeights;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.InitialModel;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.session.ModelSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * A seeded initializer draws Keras' own values: for every model of {@code fixtures/keras3/initial}
 * (saved by Keras right after it was built), the weights kestimator initializes from the model's
 * config alone, not from its weights, equal the ones Keras drew, within {@value #TOLERANCE}
 * relative ({@code |got - want| <= tol * (1 + |want|)}; Orthogonal's QR is TensorFlow's own, the
 * random draws are bit for bit the same stateless Philox ops). The run's seed does not matter.
 */
class SeededInitializersTest {
  static final double TOLERANCE = 1e-6;

  @TempDir Path tmp;

  static Stream<InitialModel> models() {
    return KerasFixtures.initial().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void initialWeightsAreTheOnesKerasDrew(InitialModel fixture) throws IOException {
    KerasFile file = KerasFile.read(fixture.file());
    Model model = file.analyze();
    KerasWeights keras = file.weights(model);
    int checked = 0;
    for (long runSeed : new long[] {7, 12345}) {
      RunConfig config =
          RunConfig.builder().modelDir(tmp.resolve("s" + runSeed)).randomSeed(runSeed).build();
      double worst = 0;
      String where = "";
      try (ModelSession s = ModelSession.open(model, Mode.PREDICT, config)) {
        s.initialize();
        for (Layer layer : model.layers()) {
          for (Weight w : layer.weights()) {
            String name = layer.name() + "/" + w.name();
            KerasWeights.Array want = keras.get(layer.name(), w.name());
            assertNotNull(want, name);
            float[] got = fetch(s, name);
            assertEquals(want.values().length, got.length, name);
            for (int i = 0; i < got.length; i++) {
              double d = Math.abs(got[i] - want.values()[i]) / (1 + Math.abs(want.values()[i]));
              if (d > worst) {
                worst = d;
                where = name + "[" + i + "] " + got[i] + " vs Keras " + want.values()[i];
              }
            }
            checked++;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "INITIAL %-14s run seed %5d: max diff %.3g %s%n",
          fixture.name(),
          runSeed,
          worst,
          where);
      assertTrue(worst <= TOLERANCE, fixture.name() + ": " + where);
    }
    assertTrue(checked > 0, "no weights checked");
  }

  private static float[] fetch(ModelSession s, String name) {
    try (Result r = s.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[(int) t.size()];
      t.asRawTensor().data().asFloats().read(v);
      return v;
    }
  }
}
