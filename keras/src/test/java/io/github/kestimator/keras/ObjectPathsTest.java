package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.Model;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras 3 weights found by object path (class name and order), never by layer name. */
class ObjectPathsTest {
  @TempDir Path tmp;

  @Test
  void classNamesInSnakeCaseAsKerasNamingWritesThem() {
    assertEquals("p_re_lu", ObjectPaths.snakeCase("PReLU"));
    assertEquals("leaky_re_lu", ObjectPaths.snakeCase("LeakyReLU"));
    assertEquals("conv1d", ObjectPaths.snakeCase("Conv1D"));
    assertEquals("global_average_pooling1d", ObjectPaths.snakeCase("GlobalAveragePooling1D"));
    assertEquals("lstm", ObjectPaths.snakeCase("LSTM"));
    assertEquals("simple_rnn", ObjectPaths.snakeCase("SimpleRNN"));
    assertEquals("batch_normalization", ObjectPaths.snakeCase("BatchNormalization"));
    assertEquals("input_layer", ObjectPaths.snakeCase("InputLayer"));
  }

  @Test
  void aFunctionalModelWithUserNamedLayersFindsEachLayerByClassAndOrder() throws IOException {
    ModelFixture f = KerasFixtures.model("functional_inputs");
    KerasFile k = KerasFile.read(f.keras());
    assertEquals(
        Map.of(
            "age",
            "layers/input_layer",
            "tags",
            "layers/input_layer_1",
            "age_dense",
            "layers/dense",
            "tags_dense",
            "layers/dense_1",
            "sum",
            "layers/add",
            "joined",
            "layers/concatenate",
            "churn",
            "layers/dense_2"),
        k.model().objectPaths());
    KerasWeights w = k.weights(k.analyze());
    try (HdfFile h5 = new HdfFile(f.weights())) {
      assertArrayEquals(flat(h5, "layers/dense_1/vars/0"), w.get("tags_dense", "kernel").values());
      assertArrayEquals(flat(h5, "layers/dense_2/vars/1"), w.get("churn", "bias").values());
    }
    // the legacy .h5 of the same model keeps weights by layer name: both readings agree
    KerasFile legacy = KerasFile.read(f.h5());
    KerasFileTest.assertSameWeights(legacy.weights(legacy.analyze()), w);
  }

  @Test
  void layersNamedOutOfOrderGetTheWeightsOfTheirPositionNotOfTheirName() throws IOException {
    ModelFixture f = KerasFixtures.model("dense_activations");
    // dense_1 and dense_2 are both Dense(6) on 6 inputs: a match by name would swap them silently
    String json =
        Files.readString(f.json())
            .replace("\"name\": \"dense_1\"", "\"name\": \"@\"")
            .replace("\"name\": \"dense_2\"", "\"name\": \"dense_1\"")
            .replace("\"name\": \"@\"", "\"name\": \"dense_2\"");
    Path config = tmp.resolve("swapped.json");
    Files.writeString(config, json);
    KerasFile k = KerasFile.read(config, f.weights());
    assertEquals("layers/dense_1", k.model().objectPaths().get("dense_2"));
    Model model = k.analyze();
    assertEquals("dense_2", model.layers().get(2).name(), "the second Dense is now named dense_2");
    KerasWeights w = k.weights(model);
    try (HdfFile h5 = new HdfFile(f.weights())) {
      assertArrayEquals(flat(h5, "layers/dense_1/vars/0"), w.get("dense_2", "kernel").values());
      assertArrayEquals(flat(h5, "layers/dense_2/vars/0"), w.get("dense_1", "kernel").values());
      assertArrayEquals(flat(h5, "layers/dense_2/vars/1"), w.get("dense_1", "bias").values());
    }
  }

  @Test
  void theFormatIsToldByTheBytesNotTheName() throws IOException {
    ModelFixture f = KerasFixtures.model("conv1d");
    Path h5AsKeras = tmp.resolve("model.keras");
    Files.copy(f.h5(), h5AsKeras);
    Path zipAsH5 = tmp.resolve("model.h5");
    Files.copy(f.keras(), zipAsH5);
    Path jsonAsTxt = tmp.resolve("model.txt");
    Files.copy(f.json(), jsonAsTxt);
    KerasFile legacy = KerasFile.read(f.h5());
    KerasWeights expected = legacy.weights(legacy.analyze());
    for (Path p : new Path[] {h5AsKeras, zipAsH5}) {
      KerasFile k = KerasFile.read(p);
      KerasFileTest.assertSameWeights(expected, k.weights(k.analyze()));
    }
    assertEquals(legacy.model().layers(), KerasConfigReader.read(h5AsKeras).layers());
    assertEquals(legacy.model().layers(), KerasConfigReader.read(zipAsH5).layers());
    assertEquals(legacy.model().layers(), KerasFile.read(jsonAsTxt).model().layers());

    Path text = tmp.resolve("notes.keras");
    Files.writeString(text, "not a model");
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> KerasFile.read(text));
    assertEquals(
        "[KerasFormat] "
            + text
            + ": not an HDF5 file (no HDF5 signature at its start) nor a zip archive (no zip"
            + " signature)",
        e.getMessage());
  }

  @Test
  void aMissingOrMisplacedKeras3WeightNamesTheObjectPath() throws IOException {
    ModelFixture f = KerasFixtures.model("embedding_lstm");
    KerasFile k = KerasFile.read(f.json(), f.weights());
    Model model = k.analyze();
    Map<String, java.util.List<KerasWeights.Stored>> stored = new java.util.LinkedHashMap<>();
    try (HdfFile h5 = new HdfFile(f.weights())) {
      stored.putAll(Hdf5.weights(h5, "w.h5").layers());
    }
    Map<String, String> paths = new java.util.HashMap<>(k.model().objectPaths());
    paths.put("dense", "layers/dense_1");
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class, () -> KerasWeights.match("w.h5", model, stored, paths));
    assertEquals(
        "[KerasWeights] w.h5: layer 'dense' (Dense): the file has no weights for it at layers/dense_1; expected"
            + " kernel [6, 1], bias [1]",
        e.getMessage());
    paths.put("dense", "layers/lstm");
    e =
        assertThrows(
            KerasFormatException.class, () -> KerasWeights.match("w.h5", model, stored, paths));
    assertTrue(
        e.getMessage()
            .startsWith(
                "[KerasWeights] w.h5: layer 'dense' (Dense): weight 'kernel' [6, 1] is missing"
                    + " from the file: no layers/lstm/vars/0"),
        e.getMessage());
  }

  private static float[] flat(HdfFile h5, String path) {
    return Hdf5.array(h5.getDatasetByPath(path), "test", null).values();
  }
}
