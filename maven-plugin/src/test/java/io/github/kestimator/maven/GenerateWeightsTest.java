package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasWeights;
import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.format.WeightsFile;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras-saved {@code .h5} with weights (the seed model Embedding -> LSTM -> Dropout -> Dense
 * saved by Keras 3, fixtures/keras3/models/embedding_lstm): {@code generate} writes the class with
 * {@code @KerasModel(weights = ...)} and the weights resource; the processor turns the class into a
 * typed estimator, which predicts what Keras predicted.
 */
class GenerateWeightsTest {
  static final double TOLERANCE = 1e-5;
  static final ModelFixture FIXTURE = KerasFixtures.model("embedding_lstm");

  @TempDir Path project;

  Path sources() {
    return project.resolve("target/generated-sources/kestimator");
  }

  Path resources() {
    return project.resolve("target/generated-resources/kestimator");
  }

  @BeforeEach
  void copyFixture() throws IOException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(FIXTURE.h5(), keras.resolve("embedding_lstm.h5"));
  }

  GenerateService.Result generate(List<String> log) throws IOException, KestimatorException {
    Path keras = project.resolve("src/main/keras");
    BuildLog buildLog = TestBuilds.collecting(log);
    return new GenerateService(buildLog)
        .generate(
            new GenerateRequest(
                new ModelSettings(keras, project, "com.example", CompileOptions.NONE, List.of()),
                sources(),
                resources(),
                project.resolve("target/kestimator/generate.cache"),
                "1.0"));
  }

  @Test
  void anH5WithWeightsGivesTheAnnotatedClassAndTheWeightsResource()
      throws IOException, KestimatorException {
    List<String> log = new ArrayList<>();
    GenerateService.Result r = generate(log);
    Path weightsFile = resources().resolve("com/example/EmbeddingLstm.weights");
    assertEquals(List.of(weightsFile), r.weights());
    String cls = Files.readString(sources().resolve("com/example/EmbeddingLstm.java"));
    assertTrue(cls.contains("@Dropout(rate = 0.5) Layer dropout;"), cls);
    assertTrue(
        cls.contains("@KerasModel(name = \"sequential\", weights = \"EmbeddingLstm.weights\")\n"),
        cls);
    assertTrue(
        log.contains(
            "src/main/keras/embedding_lstm.h5 -> com.example.EmbeddingLstm (4 layers, features [input_layer], starting"
                + " weights com/example/EmbeddingLstm.weights)"),
        log.toString());

    KerasFile keras = KerasFile.read(FIXTURE.h5());
    Model model = keras.analyze();
    KerasWeights expected = keras.weights(model);
    WeightsFile written;
    try (InputStream in = Files.newInputStream(weightsFile)) {
      written = WeightsFile.read(in, weightsFile.toString());
    }
    written.check(model);
    int count = 0;
    for (Map.Entry<String, Map<String, KerasWeights.Array>> layer : expected.layers().entrySet()) {
      for (Map.Entry<String, KerasWeights.Array> w : layer.getValue().entrySet()) {
        WeightsFile.Entry e = written.get(layer.getKey(), w.getKey());
        assertNotNull(e, layer.getKey() + "/" + w.getKey());
        assertArrayEquals(w.getValue().shape(), e.shape(), layer.getKey() + "/" + w.getKey());
        assertArrayEquals(w.getValue().values(), e.values(), layer.getKey() + "/" + w.getKey());
        count++;
      }
    }
    assertEquals(
        6, count, "embeddings, LSTM kernel, recurrent kernel and bias, dense kernel and bias");

    log.clear();
    assertTrue(generate(log).upToDate());
    Files.delete(weightsFile);
    log.clear();
    assertFalse(generate(log).upToDate());
    assertEquals(
        "Generating model classes: the generated weights com/example/EmbeddingLstm.weights are missing",
        log.get(0));
    assertTrue(Files.isRegularFile(weightsFile));

    Files.delete(project.resolve("src/main/keras/embedding_lstm.h5"));
    log.clear();
    generate(log);
    assertFalse(Files.exists(weightsFile), "the weights of a removed Keras file are deleted");
    assertTrue(
        log.contains(
            "Deleted com/example/EmbeddingLstm.weights: its Keras file is gone or has no weights"),
        log.toString());
  }

  /**
   * Keras 3's {@code model.to_json()} and {@code model.save_weights("<name>.weights.h5")} side by
   * side: one model class with the weights resource (the weights file is no model of its own, as it
   * was before: a weights-only HDF5 failed the build), rebuilt when the weights change, and a
   * config without its weights file gives a class without them.
   */
  @Test
  void aJsonConfigTakesTheWeightsFileBesideIt() throws IOException, KestimatorException {
    Path keras = project.resolve("src/main/keras");
    Files.delete(keras.resolve("embedding_lstm.h5"));
    ModelFixture conv = KerasFixtures.model("conv1d");
    Files.copy(conv.json(), keras.resolve("signal.json"));
    Files.copy(conv.weights(), keras.resolve("signal.weights.h5"));
    List<String> log = new ArrayList<>();
    GenerateService.Result r = generate(log);
    assertEquals(List.of(sources().resolve("com/example/Signal.java")), r.written());
    Path weightsFile = resources().resolve("com/example/Signal.weights");
    assertEquals(List.of(weightsFile), r.weights());
    assertTrue(
        log.stream()
            .anyMatch(
                l ->
                    l.startsWith("src/main/keras/signal.json -> com.example.Signal (")
                        && l.endsWith("starting weights com/example/Signal.weights)")),
        log.toString());
    WeightsFile written;
    try (InputStream in = Files.newInputStream(weightsFile)) {
      written = WeightsFile.read(in, weightsFile.toString());
    }
    KerasFile pair = KerasFile.read(conv.json(), conv.weights());
    written.check(pair.analyze());
    assertArrayEquals(
        pair.weights(pair.analyze()).layers().get("dense").get("kernel").values(),
        written.get("dense", "kernel").values());

    assertTrue(generate(new ArrayList<>()).upToDate());
    Files.write(keras.resolve("signal.weights.h5"), Files.readAllBytes(conv.weights()));
    assertTrue(generate(new ArrayList<>()).upToDate(), "the same bytes");
    Files.delete(keras.resolve("signal.weights.h5"));
    log.clear();
    r = generate(log);
    assertFalse(r.upToDate(), "the weights file went away");
    assertEquals(List.of(), r.weights());
    assertFalse(Files.exists(weightsFile), log.toString());
  }

  /**
   * generate, then javac with the processor (-Werror), then the generated typed estimator on
   * TensorFlow.
   */
  @Test
  void theGeneratedEstimatorPredictsWhatKerasPredicted() throws Exception {
    GenerateService.Result r = generate(new ArrayList<>());
    Path classes = project.resolve("target/classes");
    TestBuilds.javac(r.written(), classes, project.resolve("target/apt"));
    try (Stream<Path> s = Files.list(project.resolve("target/apt/com/example"))) {
      assertTrue(
          Files.readString(project.resolve("target/apt/com/example/EmbeddingLstmBinding.java"))
              .contains("return \"EmbeddingLstm.weights\";"),
          s.toList().toString());
    }

    Npy.Array input = Npy.read(FIXTURE.input("input_layer"));
    Npy.Array want = Npy.read(FIXTURE.output("dense"));
    // the build's class path: compiled classes plus the resource root the mojo registers
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL(), resources().toUri().toURL()},
            getClass().getClassLoader())) {
      Class<?> features = loader.loadClass("com.example.EmbeddingLstmFeatures");
      List<Object> rows = new ArrayList<>();
      for (int i = 0; i < input.rows(); i++) {
        rows.add(features.getConstructor(int[].class).newInstance((Object) input.intRow(i)));
      }
      Object builder =
          loader.loadClass("com.example.EmbeddingLstmEstimator").getMethod("builder").invoke(null);
      builder
          .getClass()
          .getMethod("modelDir", Path.class)
          .invoke(builder, project.resolve("model"));
      try (AutoCloseable estimator =
          (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
        assertFalse(Files.exists(project.resolve("model/checkpoint")), "build() writes nothing");
        @SuppressWarnings("unchecked")
        Stream<Object> predictions =
            (Stream<Object>)
                estimator.getClass().getMethod("predict", Iterable.class).invoke(estimator, rows);
        List<Object> got = predictions.toList();
        assertEquals(want.rows(), got.size());
        RecordComponent dense = got.get(0).getClass().getRecordComponents()[0];
        assertEquals("dense", dense.getName());
        double max = 0;
        for (int i = 0; i < got.size(); i++) {
          float g = (float) dense.getAccessor().invoke(got.get(i));
          float w = want.floatRow(i)[0];
          max = Math.max(max, Math.abs((double) g - w) / Math.max(Math.abs(w), 1e-3));
        }
        System.out.printf(
            "generated EmbeddingLstmEstimator: largest relative difference to Keras %.3g%n", max);
        assertTrue(max <= TOLERANCE, "largest relative difference to Keras' predictions " + max);
      }
    }
  }
}
