package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.testing.SharedFixtures;
import io.github.kestimator.model.Feature;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The Keras fixtures through the runtime: predictions equal what Keras recorded (within 1e-5
 * relative), through the estimator and through an exported SavedModel; training starts from the
 * imported weights.
 */
class KerasEstimatorTest {
  /** Relative tolerance against Keras' recorded predictions (float32 on another kernel library). */
  static final double TOLERANCE = 1e-5;

  @TempDir Path tmp;

  RunConfig config(String name) {
    return RunConfig.builder().modelDir(tmp.resolve(name)).randomSeed(7).build();
  }

  /**
   * Keras' {@code Input((None,))}: refused without a maximum length, naming the file, the input and
   * the options; with one, features must have exactly that length, a shorter or longer one refused
   * naming the feature (padding and cutting are the input pipeline's job).
   */
  @Test
  void anUnknownSequenceLengthTakesTheMaximumLengthGiven() throws IOException {
    Path file = io.github.kestimator.keras.testing.KerasFixtures.model("unknown_length").keras();
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class, () -> KerasEstimator.fromKeras(file, config("none")));
    assertEquals("KerasUnknownLength", e.code().id());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("KerasEstimator.fromKeras(file, config, maxSequenceLength)"),
        e.getMessage());
    try (KerasEstimator k = KerasEstimator.fromKeras(file, config("twelve"), 12)) {
      Feature f = k.model().features().get(0);
      assertEquals("input_layer", f.name());
      assertEquals(io.github.kestimator.model.Shape.of(12), f.shape());
      assertEquals(1, k.predict(List.of(Map.of("input_layer", new int[12]))).count());
      for (int length : new int[] {9, 13}) {
        RuntimeException wrong =
            assertThrows(
                RuntimeException.class,
                () ->
                    k.predict(List.<Map<String, Object>>of(Map.of("input_layer", new int[length])))
                        .count());
        assertTrue(
            wrong.getMessage().contains("'input_layer'")
                && wrong.getMessage().contains("expects 12 values (shape 12), got " + length),
            wrong.getMessage());
      }
    }
  }

  @Test
  void keras1LstmPredictsWhatKerasPredicted() throws IOException {
    float[][][] inputs;
    float[][] expected;
    try (HdfFile h5 =
        new HdfFile(SharedFixtures.path("simple_lstm_tf_keras_1_inputs_and_outputs.h5"))) {
      inputs = (float[][][]) h5.getDatasetByPath("inputs/lstm_input_1").getData();
      expected = (float[][]) h5.getDatasetByPath("predictions/dense_1").getData();
    }
    KerasEstimator e =
        KerasEstimator.fromKeras(
            SharedFixtures.path("simple_lstm_tf_keras_1_model.h5"), config("lstm"));
    assertEquals(
        List.of("lstm_1_input"), e.model().features().stream().map(Feature::name).toList());
    List<Map<String, Object>> features = new ArrayList<>();
    for (float[][] x : inputs) {
      features.add(Map.of("lstm_1_input", new float[] {x[0][0]}));
    }
    float[][] got = predict(e, features, "dense_1");
    double diff = maxRelativeDifference(expected, got);
    System.out.printf("simple_lstm_tf_keras_1: largest relative difference to Keras %.3g%n", diff);
    assertTrue(diff <= TOLERANCE, "largest relative difference " + diff);

    float[][] served =
        serve(
            e.exportSavedModel(tmp.resolve("export")),
            "lstm_1_input",
            new long[] {inputs.length, 1, 1},
            flatten(inputs),
            "dense_1");
    double servedDiff = maxRelativeDifference(expected, served);
    System.out.printf(
        "simple_lstm_tf_keras_1 SavedModel: largest relative difference to Keras %.3g%n",
        servedDiff);
    assertTrue(servedDiff <= TOLERANCE, "SavedModel: largest relative difference " + servedDiff);
  }

  @Test
  void keras2ConvBatchNormPredictsWhatKerasPredicted() throws IOException {
    Npy.Array input = Npy.read(SharedFixtures.path("cnn_batch_norm_input.npy"));
    Npy.Array want = Npy.read(SharedFixtures.path("cnn_batch_norm_predictions.npy"));
    assertEquals(List.of(5, 10, 10, 3), java.util.Arrays.stream(input.shape()).boxed().toList());
    KerasEstimator e =
        KerasEstimator.fromKeras(SharedFixtures.path("cnn_batch_norm.h5"), config("cnn"));
    List<Map<String, Object>> features = new ArrayList<>();
    for (int r = 0; r < input.rows(); r++) {
      features.add(Map.of("conv2d_1_input", input.floatRow(r)));
    }
    float[][] expected = new float[want.rows()][];
    for (int r = 0; r < want.rows(); r++) {
      expected[r] = want.floatRow(r);
    }
    float[][] got = predict(e, features, "dense_1");
    double diff = maxRelativeDifference(expected, got);
    System.out.printf("cnn_batch_norm: largest relative difference to Keras %.3g%n", diff);
    assertTrue(diff <= TOLERANCE, "largest relative difference " + diff);

    float[][] served =
        serve(
            e.exportSavedModel(tmp.resolve("export")),
            "conv2d_1_input",
            new long[] {5, 10, 10, 3},
            input.floats(),
            "dense_1");
    double servedDiff = maxRelativeDifference(expected, served);
    System.out.printf(
        "cnn_batch_norm SavedModel: largest relative difference to Keras %.3g%n", servedDiff);
    assertTrue(servedDiff <= TOLERANCE, "SavedModel: largest relative difference " + servedDiff);
  }

  @Test
  void trainingContinuesFromTheImportedWeights() throws IOException {
    List<Example<Map<String, Object>, Map<String, Object>>> examples = new ArrayList<>();
    double kerasLoss = 0;
    try (HdfFile h5 =
        new HdfFile(SharedFixtures.path("simple_lstm_tf_keras_1_inputs_and_outputs.h5"))) {
      float[][][] inputs = (float[][][]) h5.getDatasetByPath("inputs/lstm_input_1").getData();
      float[][] targets = (float[][]) h5.getDatasetByPath("outputs/dense_1").getData();
      float[][] predictions = (float[][]) h5.getDatasetByPath("predictions/dense_1").getData();
      for (int i = 0; i < inputs.length; i++) {
        examples.add(
            Example.of(
                Map.of("lstm_1_input", new float[] {inputs[i][0][0]}),
                Map.of("dense_1", targets[i])));
        double d = (double) predictions[i][0] - targets[i][0];
        kerasLoss += d * d / inputs.length;
      }
    }
    Input<Map<String, Object>, Map<String, Object>> all = Input.of(examples).batch(examples.size());
    KerasEstimator e =
        KerasEstimator.fromKeras(
            SharedFixtures.path("simple_lstm_tf_keras_1_model.h5"), config("train"));
    Map<String, Double> before = e.evaluate(all, 1);
    assertEquals(0.0, before.get("global_step"));
    assertEquals(
        kerasLoss, before.get("loss"), kerasLoss * TOLERANCE, "the mse of Keras' own predictions");

    assertEquals(30, e.train(Input.of(examples).batch(20).repeat(), 30));
    Map<String, Double> after = e.evaluate(all, 1);
    assertEquals(30.0, after.get("global_step"));
    // 30 small RMSprop steps move the weights a little from Keras': the loss changes, but stays
    // close to Keras' own.
    assertTrue(after.get("loss") != before.get("loss"), "training changed the weights");
    assertEquals(
        before.get("loss"),
        after.get("loss"),
        before.get("loss") * 0.05,
        "training started from the Keras weights");

    // A new estimator on the same directory resumes at step 30: the Keras weights are not applied
    // again.
    KerasEstimator again =
        KerasEstimator.fromKeras(
            SharedFixtures.path("simple_lstm_tf_keras_1_model.h5"), config("train"));
    assertEquals(after.get("loss"), again.evaluate(all, 1).get("loss"), 1e-7);
  }

  @Test
  void tfKerasEmbeddingModelBuildsWithItsInputName() throws IOException {
    KerasEstimator e = KerasEstimator.fromKeras(SharedFixtures.path("misc_0.h5"), config("misc"));
    assertEquals(List.of("input_1"), e.model().features().stream().map(Feature::name).toList());
    float[][] got = predict(e, List.of(Map.of("input_1", new int[] {0, 1, 2, 3, 9})), "dense");
    assertEquals(20, got[0].length); // (5, 4) per example
  }

  @Test
  void aConfigWithoutWeightsIsRefused() throws IOException {
    Path json = tmp.resolve("model.json");
    try (HdfFile h5 = new HdfFile(SharedFixtures.path("cnn_batch_norm.h5"))) {
      Files.writeString(json, (String) h5.getAttribute("model_config").getData());
    }
    KerasFormatException ex =
        assertThrows(
            KerasFormatException.class, () -> KerasEstimator.fromKeras(json, config("json")));
    assertTrue(ex.getMessage().contains("model.json: the file holds no weights"), ex.getMessage());
    assertFalse(Files.exists(tmp.resolve("json").resolve("checkpoint")));
    assertTrue(KerasFile.read(json).analyze().features().size() == 1);
  }

  static float[][] predict(KerasEstimator e, List<Map<String, Object>> features, String output) {
    try (Stream<Map<String, float[]>> s = e.predict(features)) {
      return s.map(p -> p.get(output)).toArray(float[][]::new);
    }
  }

  /** Calls the SavedModel's serving_default signature as TensorFlow Serving would. */
  static float[][] serve(Path dir, String input, long[] shape, float[] values, String output) {
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
        Result r = b.function("serving_default").call(Map.of(input, x))) {
      TFloat32 y = (TFloat32) r.get(output).orElseThrow();
      int rows = (int) y.shape().get(0);
      int n = (int) (y.shape().size() / rows);
      float[][] out = new float[rows][n];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < n; j++) {
          out[i][j] = y.getFloat(i, j);
        }
      }
      return out;
    }
  }

  /**
   * max |got - want| / |want| over all values (want is never near 0 in these fixtures; floor 1e-3).
   */
  static double maxRelativeDifference(float[][] want, float[][] got) {
    assertEquals(want.length, got.length, "rows");
    double max = 0;
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i].length, got[i].length, "values in row " + i);
      for (int j = 0; j < want[i].length; j++) {
        max =
            Math.max(
                max,
                Math.abs((double) got[i][j] - want[i][j]) / Math.max(Math.abs(want[i][j]), 1e-3));
      }
    }
    return max;
  }

  static float[] flatten(float[][][] x) {
    List<Float> l = new ArrayList<>();
    for (float[][] a : x) {
      for (float[] b : a) {
        for (float c : b) {
          l.add(c);
        }
      }
    }
    float[] out = new float[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i);
    }
    return out;
  }

  @Test
  void buildingWritesNothingOnAnyRoleAndPredictingReadsTheKerasWeightsWithoutACheckpoint()
      throws IOException {
    Path file = io.github.kestimator.keras.testing.KerasFixtures.model("embedding_lstm").h5();
    Map<String, List<String>> cluster =
        Map.of(
            "chief",
            List.of("localhost:1"),
            "worker",
            List.of("localhost:2"),
            "ps",
            List.of("localhost:3"));
    Path dir = tmp.resolve("shared");
    for (var role : io.github.kestimator.runtime.distribute.TfConfig.TaskType.values()) {
      RunConfig config =
          RunConfig.builder()
              .modelDir(dir)
              .tfConfig(new io.github.kestimator.runtime.distribute.TfConfig(cluster, role, 0))
              .build();
      KerasEstimator.fromKeras(file, config).close();
      assertFalse(Files.exists(dir.resolve("checkpoint")), role + " wrote a checkpoint");
    }
    try (KerasEstimator e = KerasEstimator.fromKeras(file, config("fresh"))) {
      String input = e.model().features().get(0).name();
      int length = e.model().features().get(0).shape().size();
      float[][] got = predict(e, List.of(Map.of(input, new int[length])), "dense");
      assertEquals(1, got.length);
      e.exportSavedModel(tmp.resolve("export"));
      assertFalse(
          Files.exists(tmp.resolve("fresh").resolve("checkpoint")),
          "predict and export wrote no checkpoint");
    }
  }
}
