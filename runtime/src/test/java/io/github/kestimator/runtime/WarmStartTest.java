package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Model;
import io.github.kestimator.model.format.WeightsFile;
import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.runtime.binding.MapBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binding that names a weights resource ({@code @KerasModel(weights = ...)}), or an estimator
 * given initial weights, warm-starts a model directory without a checkpoint: evaluate, predict and
 * export read the weights without writing anything, and the first training saves them as step 0.
 * The resource {@code tiny.weights} beside this class holds Dense(1, sigmoid) on 4 inputs with
 * kernel [0.5, -1, 2, 0.25] and bias -0.5.
 */
class WarmStartTest {
  private static final float[] KERNEL = {0.5f, -1f, 2f, 0.25f};
  private static final float BIAS = -0.5f;
  private static final String RESOURCE = "/io/github/kestimator/runtime/tiny.weights";

  @TempDir Path tmp;

  private static TinyEstimator estimator(Path dir, MapBinding binding) {
    return new TinyEstimator(binding, Tiny.config(dir).build());
  }

  private static MapBinding binding(int inputs, String resource) {
    return new MapBinding(Tiny.tinyModel("Tiny", inputs, 0.5), resource);
  }

  private static float[] predict(TinyEstimator est, List<Map<String, Object>> features) {
    List<Float> p;
    try (Stream<Map<String, float[]>> s = est.predict(features)) {
      p = s.map(Tiny::score).toList();
    }
    float[] out = new float[p.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.get(i);
    }
    return out;
  }

  /** sigmoid(x . kernel + bias), computed by hand. */
  private static float expected(float[] x) {
    double z = BIAS;
    for (int i = 0; i < 4; i++) {
      z += x[i] * KERNEL[i];
    }
    return (float) (1 / (1 + Math.exp(-z)));
  }

  @Test
  void theResourceHoldsTheDocumentedWeights() throws IOException {
    try (InputStream in = WarmStartTest.class.getResourceAsStream("tiny.weights")) {
      WeightsFile f = WeightsFile.read(in, "tiny.weights");
      f.check(Tiny.tinyModel("Tiny", 4, 0.5));
      assertEquals(List.of(0.5f, -1f, 2f, 0.25f), boxed(f.get("score", "kernel").values()));
      assertEquals(List.of(BIAS), boxed(f.get("score", "bias").values()));
    }
  }

  @Test
  void aFreshModelDirPredictsEvaluatesAndExportsTheGivenWeightsWritingNoCheckpoint()
      throws IOException {
    Path dir = tmp.resolve("m");
    List<Map<String, Object>> features = Tiny.features(Tiny.data(20, 3));
    Path export;
    try (TinyEstimator est = estimator(dir, binding(4, RESOURCE))) {
      float[] got = predict(est, features);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected(Tiny.x(features.get(i))), got[i], 1e-6, "row " + i);
      }
      assertEquals(0, Tiny.step(est.evaluate(Tiny.evalInput())));
      export = est.exportSavedModel(tmp.resolve("exports"));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("eval"),
          files.map(p -> p.getFileName().toString()).toList(),
          "only the evaluation's events");
    }
    try (Predictor<Map<String, Object>, Map<String, float[]>> p = Tiny.predictor(export)) {
      assertEquals(expected(Tiny.x(features.get(0))), Tiny.score(p.predict(features.get(0))), 1e-6);
    }
  }

  @Test
  void warmStartsOnceThenResumesFromTheCheckpoint() {
    Path dir = tmp.resolve("m");
    List<Map<String, Object>> features = Tiny.features(Tiny.data(20, 3));
    float[] trained;
    try (TinyEstimator est = estimator(dir, binding(4, RESOURCE))) {
      assertEquals(30, est.train(Tiny.trainInput(), 30));
      assertTrue(
          Files.isRegularFile(dir.resolve("model.ckpt-0.index")),
          "the first training saved step 0 with the weights");
      trained = predict(est, features);
      assertNotEquals(
          expected(Tiny.x(features.get(0))), trained[0], 1e-4, "training moved the weights");
    }
    try (TinyEstimator again = estimator(dir, binding(4, RESOURCE))) {
      assertEquals(
          List.of(boxed(trained)),
          List.of(boxed(predict(again, features))),
          "resumed, not warm-started again");
      assertEquals(30, Tiny.step(again.evaluate(Tiny.evalInput())));
    }
  }

  @Test
  void trainingFromTheWeightsIsTheSameWhateverCameBeforeItAndWhereverTheWeightsComeFrom() {
    List<Map<String, Object>> features = Tiny.features(Tiny.data(20, 3));
    float[] direct;
    try (TinyEstimator est = estimator(tmp.resolve("direct"), binding(4, RESOURCE))) {
      est.train(Tiny.trainInput(), 30);
      direct = predict(est, features);
    }
    float[] afterPredicting;
    try (TinyEstimator est = estimator(tmp.resolve("predicted"), binding(4, RESOURCE))) {
      predict(est, features);
      est.exportSavedModel(tmp.resolve("exports"));
      est.train(Tiny.trainInput(), 30);
      afterPredicting = predict(est, features);
    }
    float[] given;
    Model model = Tiny.tinyModel("Tiny", 4, 0.5);
    try (TinyEstimator est =
        new TinyEstimator(
            new MapBinding(model),
            Tiny.config(tmp.resolve("given")).build(),
            () -> InitialWeights.fromResource(WarmStartTest.class, "tiny.weights", model))) {
      est.train(Tiny.trainInput(), 30);
      given = predict(est, features);
    }
    assertArrayEquals(direct, afterPredicting, "bit for bit");
    assertArrayEquals(direct, given, "bit for bit");
  }

  @Test
  void aMissingResourceFailsNamingItAtFirstUse() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est =
        estimator(dir, binding(4, "/io/github/kestimator/runtime/Tiny.weights"))) {
      String message =
          "the initial weights of model 'Tiny' (weights = \"/io/github/kestimator/runtime/Tiny.weights\") are"
              + " missing: no class path resource io/github/kestimator/runtime/Tiny.weights (for a model generated from a Keras"
              + " file, the kestimator plugin's generate goal writes it and registers its directory as a resource root)";
      assertEquals(
          message,
          assertThrows(IllegalArgumentException.class, () -> est.train(Tiny.trainInput(), 1))
              .getMessage());
      assertEquals(
          message,
          assertThrows(
                  IllegalArgumentException.class, () -> est.predict(Tiny.features(Tiny.data(1, 1))))
              .getMessage());
    }
    assertFalse(Files.exists(dir.resolve("checkpoint")));
    Model model = Tiny.tinyModel("Tiny", 4, 0.5);
    try (TinyEstimator est =
        new TinyEstimator(
            new MapBinding(model),
            Tiny.config(dir).build(),
            () -> InitialWeights.fromResource(WarmStartTest.class, "Tiny.weights", model))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> est.evaluate(Tiny.evalInput()));
      assertEquals(
          "the initial weights of model 'Tiny' (weights = \"Tiny.weights\") are missing: no class path resource"
              + " io/github/kestimator/runtime/Tiny.weights (for a model generated from a Keras file, the kestimator plugin's"
              + " generate goal writes it and registers its directory as a resource root)",
          e.getMessage());
    }
  }

  @Test
  void weightsOfAnotherShapeFailNamingTheResourceLayerAndWeight() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir, binding(3, RESOURCE))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> est.train(Tiny.trainInput(), 1));
      assertEquals(
          "the weights in class path resource io/github/kestimator/runtime/tiny.weights do not fit model 'Tiny':\n"
              + "  layer 'score': weight 'kernel' has shape [4, 1], the model expects [3, 1]",
          e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("checkpoint")));
  }

  @Test
  void aMapBindingsResourceIsAnAbsoluteName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> binding(4, "tiny.weights"));
    assertEquals(
        "the initial weights resource of a MapBinding must be an absolute resource name (starting with '/', e.g."
            + " /com/example/models/Churn.weights), got 'tiny.weights'",
        e.getMessage());
  }

  private static List<Float> boxed(float[] v) {
    List<Float> out = new java.util.ArrayList<>();
    for (float f : v) {
      out.add(f);
    }
    return out;
  }
}
