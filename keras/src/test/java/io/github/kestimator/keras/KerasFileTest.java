package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.Shape;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the Keras-saved files of shared/keras-fixtures, and broken or hostile files. */
class KerasFileTest {
  @TempDir Path tmp;

  @Test
  void keras1LstmConfigIsTranslatedAndItsPerGateWeightsFusedInOrderIFCO() throws IOException {
    Path file = Fixtures.shared("simple_lstm_tf_keras_1_model.h5");
    KerasFile k = KerasFile.read(file);
    KerasModel m = k.model();
    assertEquals(List.of("lstm_1", "dense_1"), m.layers().stream().map(LayerSpec::name).toList());
    LayerSpec lstm = m.layers().get(0);
    assertEquals(LayerKind.LSTM, lstm.kind());
    assertEquals(50L, lstm.args().get("units"));
    assertEquals(Activation.HARD_SIGMOID_KERAS2, lstm.args().get("recurrentActivation"));
    assertEquals(true, lstm.args().get("unitForgetBias"));
    assertEquals(0.2, lstm.args().get("dropout"));
    assertEquals(List.of(1, 1), lstm.args().get("inputShape"));
    assertEquals(1L, m.layers().get(1).args().get("units"));
    assertEquals(Loss.MEAN_SQUARED_ERROR, m.training().loss());
    assertEquals(OptimizerType.RMSPROP, m.training().optimizer().type());

    Model model = k.analyze();
    assertEquals(
        List.of(new Feature("lstm_1_input", "lstm_1_input", DType.FLOAT32, Shape.of(1, 1))),
        model.features());
    KerasWeights w = k.weights(model);
    assertArrayEquals(new int[] {1, 200}, w.get("lstm_1", "kernel").shape());
    assertArrayEquals(new int[] {50, 200}, w.get("lstm_1", "recurrent_kernel").shape());
    assertArrayEquals(new int[] {200}, w.get("lstm_1", "bias").shape());
    try (HdfFile h5 = new HdfFile(file)) {
      String base = "model_weights/lstm_1/lstm_1_";
      String gates = "ifco";
      for (int g = 0; g < 4; g++) {
        float[][] u =
            (float[][]) h5.getDatasetByPath(base + "U_" + gates.charAt(g) + ":0").getData();
        float[] b = (float[]) h5.getDatasetByPath(base + "b_" + gates.charAt(g) + ":0").getData();
        float[][] kernel =
            (float[][]) h5.getDatasetByPath(base + "W_" + gates.charAt(g) + ":0").getData();
        for (int j = 0; j < 50; j++) {
          assertEquals(
              kernel[0][j], w.get("lstm_1", "kernel").values()[g * 50 + j], "W_" + gates.charAt(g));
          assertEquals(b[j], w.get("lstm_1", "bias").values()[g * 50 + j], "b_" + gates.charAt(g));
          assertEquals(
              u[7][j],
              w.get("lstm_1", "recurrent_kernel").values()[7 * 200 + g * 50 + j],
              "U_" + gates.charAt(g));
        }
      }
    }
    assertArrayEquals(new int[] {50, 1}, w.get("dense_1", "kernel").shape());
  }

  @Test
  void keras2ConvAndBatchNormalizationWeightsKeepTheirMovingStatistics() throws IOException {
    KerasFile k = KerasFile.read(Fixtures.shared("cnn_batch_norm.h5"));
    Model model = k.analyze();
    assertEquals(List.of("conv2d_1_input"), model.features().stream().map(Feature::name).toList());
    assertEquals(Shape.of(10, 10, 3), model.features().get(0).shape());
    KerasWeights w = k.weights(model);
    assertEquals(
        List.of("conv2d_1", "batch_normalization_1", "conv2d_2", "dense_1"),
        List.copyOf(w.layers().keySet()));
    assertEquals(
        List.of("gamma", "beta", "moving_mean", "moving_variance"),
        List.copyOf(w.layers().get("batch_normalization_1").keySet()));
    assertArrayEquals(new int[] {3, 3, 3, 1}, w.get("conv2d_1", "kernel").shape());
    assertArrayEquals(new int[] {36, 1}, w.get("dense_1", "kernel").shape());
    try (HdfFile h5 = new HdfFile(Fixtures.shared("cnn_batch_norm.h5"))) {
      String bn = "model_weights/batch_normalization_1/batch_normalization_1/";
      assertArrayEquals(
          (float[]) h5.getDatasetByPath(bn + "moving_mean:0").getData(),
          w.get("batch_normalization_1", "moving_mean").values());
      assertArrayEquals(
          (float[]) h5.getDatasetByPath(bn + "moving_variance:0").getData(),
          w.get("batch_normalization_1", "moving_variance").values());
    }
  }

  @Test
  void tfKerasFunctionalEmbeddingLoadsWithItsInputName() throws IOException {
    KerasFile k = KerasFile.read(Fixtures.shared("misc_0.h5"));
    assertTrue(k.model().functional());
    Model model = k.analyze();
    assertEquals(
        List.of(new Feature("input_1", "input_1", DType.INT32, Shape.of(5))), model.features());
    assertEquals(Shape.of(5, 4), model.layer("dense").orElseThrow().outputShape());
    KerasWeights w = k.weights(model);
    assertArrayEquals(new int[] {10, 8}, w.get("embedding", "embeddings").shape());
    assertArrayEquals(new int[] {8, 4}, w.get("dense", "kernel").shape());
    assertArrayEquals(new int[] {4}, w.get("dense", "bias").shape());
  }

  @Test
  void aWeightOfAnotherShapeNamesLayerWeightAndBothShapes() throws IOException {
    KerasFile k = KerasFile.read(Fixtures.shared("cnn_batch_norm.h5"));
    ModelSpec spec = k.spec();
    List<LayerSpec> layers = new ArrayList<>(spec.layers());
    LayerSpec dense = layers.get(layers.size() - 1);
    Map<String, Object> args = new LinkedHashMap<>(dense.args());
    args.put("units", 2L);
    layers.set(
        layers.size() - 1,
        new LayerSpec(dense.name(), dense.kind(), dense.from(), args, dense.wrapped()));
    Model other = k.analyze(new ModelSpec(spec.name(), layers, spec.compile()));
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> k.weights(other));
    assertTrue(
        e.getMessage()
            .endsWith(
                "cnn_batch_norm.h5: layer 'dense_1' (Dense): weight 'kernel' has shape [36, 1] in the"
                    + " file, the model expects [36, 2]"),
        e.getMessage());
  }

  @Test
  void weightsOnlyHdf5WithAToJsonConfigGivesTheSameWeights() throws IOException {
    KerasFile full = KerasFile.read(Fixtures.shared("cnn_batch_norm.h5"));
    Model model = full.analyze();
    KerasWeights expected = full.weights(model);
    Path config = tmp.resolve("cnn.json");
    try (HdfFile h5 = new HdfFile(Fixtures.shared("cnn_batch_norm.h5"))) {
      Files.writeString(config, Hdf5.string(h5, "model_config"));
    }
    Path weights = tmp.resolve("cnn_weights.h5");
    Keras2Writer.writeWeightsOnly(weights, expected);
    KerasFile split = KerasFile.read(config, weights);
    KerasWeights w = split.weights(split.analyze());
    assertSameWeights(expected, w);
  }

  @Test
  void keras3ArchiveWithNumberedVarsLoads() throws IOException {
    KerasFile full = KerasFile.read(Fixtures.shared("cnn_batch_norm.h5"));
    Model model = full.analyze();
    KerasWeights expected = full.weights(model);
    Path archive = tmp.resolve("cnn.keras");
    String config;
    try (HdfFile h5 = new HdfFile(Fixtures.shared("cnn_batch_norm.h5"))) {
      config = Hdf5.string(h5, "model_config");
    }
    Keras2Writer.writeKeras3Archive(archive, config, model, expected);
    KerasFile k = KerasFile.read(archive);
    assertSameWeights(expected, k.weights(k.analyze()));
  }

  @Test
  void corruptAndTruncatedHdf5FailNamingTheFile() throws IOException {
    Path notHdf5 = tmp.resolve("model.h5");
    Files.writeString(notHdf5, "{\"class_name\": \"Sequential\"}");
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasFile.read(notHdf5));
    assertEquals(
        "[KerasFormat] " + notHdf5 + ": not an HDF5 file (no HDF5 signature at its start)",
        e.getMessage());

    byte[] whole = Files.readAllBytes(Fixtures.shared("cnn_batch_norm.h5"));
    Path truncated = tmp.resolve("truncated.h5");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
    e = assertThrows(KerasFormatException.class, () -> KerasFile.read(truncated));
    assertTrue(
        e.getMessage()
            .startsWith(
                "[KerasFormat] "
                    + truncated
                    + ": cannot read the HDF5 file (truncated or corrupt?)"),
        e.getMessage());

    byte[] garbled = whole.clone();
    for (int i = 64; i < garbled.length; i += 7) {
      garbled[i] ^= 0x5a;
    }
    Path corrupt = tmp.resolve("corrupt.h5");
    Files.write(corrupt, garbled);
    e = assertThrows(KerasFormatException.class, () -> KerasFile.read(corrupt));
    assertTrue(e.getMessage().startsWith("[KerasFormat] " + corrupt + ": "), e.getMessage());

    Path empty = tmp.resolve("empty.h5");
    Files.write(empty, new byte[0]);
    e = assertThrows(KerasFormatException.class, () -> KerasFile.read(empty));
    assertTrue(e.getMessage().contains("the file has only 0 bytes"), e.getMessage());
  }

  @Test
  void archiveWithAParentPathEntryIsRefusedBeforeAnythingIsRead() throws IOException {
    Path archive = tmp.resolve("evil.keras");
    try (OutputStream out = Files.newOutputStream(archive);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("../../etc/evil.sh"));
      zip.write("echo pwned".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("config.json"));
      zip.write(Files.readAllBytes(Fixtures.keras("sentiment_keras3.json")));
      zip.closeEntry();
    }
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasFile.read(archive));
    assertEquals(
        "[KerasFormat] "
            + archive
            + ": archive entry '../../etc/evil.sh' has an unsafe path; refusing to read the"
            + " archive",
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("../etc/evil.sh")));
  }

  @Test
  void aZipBombEntryIsCutOffAtTheCap() throws IOException {
    Path archive = tmp.resolve("bomb.keras");
    try (OutputStream out = Files.newOutputStream(archive);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("config.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 17; i++) {
        zip.write(zeros); // 17 MB of zeros compress to a few KB
      }
      zip.closeEntry();
    }
    assertTrue(Files.size(archive) < 100_000);
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasFile.read(archive));
    assertTrue(
        e.getMessage()
            .contains("config.json: entry is larger than 16777216 bytes once decompressed"),
        e.getMessage());
  }

  /**
   * A 1 MB archive whose weights would expand to 1 GiB is refused after reading about 16 MB, not at
   * 1 GiB.
   */
  @Test
  void aWeightsEntryThatDecompressesFarBeyondItsSizeIsRefusedEarly() throws IOException {
    Path archive = tmp.resolve("weights-bomb.keras");
    try (OutputStream out = Files.newOutputStream(archive);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("config.json"));
      zip.write(
          Files.readAllBytes(
              io.github.kestimator.keras.testing.KerasFixtures.model("dense_activations").json()));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertTrue(Files.size(archive) < 2_000_000, "1 GiB of zeros deflates to about 1 MB");
    long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasFile.read(archive));
    assertTrue(
        e.getMessage().contains("model.weights.h5: entry decompresses to more than 20 times its"),
        e.getMessage());
    long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertTrue(after - before < 200_000_000L, "memory stayed bounded: " + (after - before));
  }

  @Test
  void aWeightsOnlyFileAloneAsksForItsConfig() throws IOException {
    KerasFile full = KerasFile.read(Fixtures.shared("cnn_batch_norm.h5"));
    Path weights = tmp.resolve("weights.h5");
    Keras2Writer.writeWeightsOnly(weights, full.weights(full.analyze()));
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasFile.read(weights));
    assertTrue(
        e.getMessage().contains("no model_config attribute: this is a weights-only file"),
        e.getMessage());
  }

  @Test
  void aConfigAloneHasNoWeights() throws IOException {
    KerasFile k = KerasFile.read(Fixtures.keras("sentiment_keras2.json"));
    assertFalse(k.hasWeights());
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> k.weights(k.analyze()));
    assertTrue(e.getMessage().contains("the file holds no weights"), e.getMessage());
  }

  static void assertSameWeights(KerasWeights expected, KerasWeights actual) {
    assertEquals(expected.layers().keySet(), actual.layers().keySet());
    for (var layer : expected.layers().entrySet()) {
      assertEquals(
          layer.getValue().keySet(), actual.layers().get(layer.getKey()).keySet(), layer.getKey());
      for (var w : layer.getValue().entrySet()) {
        KerasWeights.Array a = actual.get(layer.getKey(), w.getKey());
        assertArrayEquals(w.getValue().shape(), a.shape(), layer.getKey() + "/" + w.getKey());
        assertArrayEquals(w.getValue().values(), a.values(), layer.getKey() + "/" + w.getKey());
      }
    }
  }
}
