package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Tiny.Features;
import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.model.format.WeightsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binding that names a weights resource ({@code @KerasModel(weights = ...)}) warm-starts a fresh
 * model directory from it, once. The resource {@code tiny.weights} beside this class holds Dense(1,
 * sigmoid) on 4 inputs with kernel [0.5, -1, 2, 0.25] and bias -0.5.
 */
class WarmStartTest {
  private static final float[] KERNEL = {0.5f, -1f, 2f, 0.25f};
  private static final float BIAS = -0.5f;

  @TempDir Path tmp;

  private static TinyEstimator estimator(Path dir, Tiny.Binding binding) {
    return TinyEstimator.builder(binding).runConfig(Tiny.config(dir).build()).build();
  }

  private static Tiny.Binding binding(int inputs, String resource) {
    return new Tiny.Binding(Tiny.tinyModel("Tiny", inputs, 0.5), resource);
  }

  private static float[] predict(TinyEstimator est, List<Features> features) {
    List<Tiny.Prediction> p = est.predict(features).toList();
    float[] out = new float[p.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.get(i).score();
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
  void aFreshModelDirPredictsFromTheGivenWeights() {
    Path dir = tmp.resolve("m");
    List<Features> features = Tiny.features(Tiny.data(20, 3));
    try (TinyEstimator est = estimator(dir, binding(4, "tiny.weights"))) {
      assertTrue(Files.isRegularFile(dir.resolve("model.ckpt-0.index")), "step 0 saved with the weights");
      float[] got = predict(est, features);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected(features.get(i).score_input()), got[i], 1e-6, "row " + i);
      }
      assertEquals(0, est.evaluate(Tiny.evalInput()).globalStep());
    }
  }

  @Test
  void warmStartsOnceThenResumesFromTheCheckpoint() {
    Path dir = tmp.resolve("m");
    List<Features> features = Tiny.features(Tiny.data(20, 3));
    float[] trained;
    try (TinyEstimator est = estimator(dir, binding(4, "tiny.weights"))) {
      assertEquals(30, est.train(Tiny.trainInput(), 30));
      trained = predict(est, features);
      assertNotEquals(expected(features.get(0).score_input()), trained[0], 1e-4, "training moved the weights");
    }
    try (TinyEstimator again = estimator(dir, binding(4, "tiny.weights"))) {
      assertEquals(List.of(boxed(trained)), List.of(boxed(predict(again, features))), "resumed, not warm-started again");
      assertEquals(30, again.evaluate(Tiny.evalInput()).globalStep());
    }
  }

  @Test
  void aMissingResourceFailsNamingIt() {
    Path dir = tmp.resolve("m");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator(dir, binding(4, "Tiny.weights")));
    assertEquals("the initial weights of model 'Tiny' (weights = \"Tiny.weights\") are missing: no class path resource"
        + " io/github/kestimator/runtime/Tiny.weights (for a model generated from a Keras file, the kestimator plugin's"
        + " generate goal writes it and registers its directory as a resource root)", e.getMessage());
    assertFalse(Files.exists(dir.resolve("checkpoint")));
  }

  @Test
  void weightsOfAnotherShapeFailNamingTheResourceLayerAndWeight() {
    Path dir = tmp.resolve("m");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> estimator(dir, binding(3, "/io/github/kestimator/runtime/tiny.weights")));
    assertEquals("the weights in class path resource io/github/kestimator/runtime/tiny.weights do not fit model 'Tiny':\n"
        + "  layer 'score': weight 'kernel' has shape [4, 1], the model expects [3, 1]", e.getMessage());
    assertFalse(Files.exists(dir.resolve("checkpoint")));
  }

  private static List<Float> boxed(float[] v) {
    List<Float> out = new java.util.ArrayList<>();
    for (float f : v) {
      out.add(f);
    }
    return out;
  }
}
