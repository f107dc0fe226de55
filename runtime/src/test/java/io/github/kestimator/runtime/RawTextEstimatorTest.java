package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.format.Json;
import io.github.kestimator.runtime.binding.MapBinding;
import io.github.kestimator.runtime.export.ServeRawStrings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.SavedModel;

/**
 * A raw-text model through a real estimator: TextVectorization (adapted from the training input) ->
 * Embedding -> GlobalAveragePooling1D -> Dense, fed {@code String} features by {@link MapBinding}.
 * Adapt runs once before step 0 and gives Keras' vocabulary for the text_int fixture's data; resume
 * neither reads the input for adapt nor changes the files; an export serves raw strings in a fresh
 * JVM with the model dir deleted (and, opt-in, in TensorFlow for Python).
 */
class RawTextEstimatorTest {
  @TempDir Path dir;

  static final Path FIXTURES = fixtures();

  static Path fixtures() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("fixtures/keras3/preprocessing"))) {
      p = p.getParent();
    }
    return p.resolve("fixtures/keras3/preprocessing");
  }

  /**
   * text_int's Keras config (max_tokens 20, output_sequence_length 8, default standardize and
   * split).
   */
  static final Model MODEL =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "RawText",
                  List.of(
                      LayerSpec.of(
                          "text",
                          LayerKind.TEXT_VECTORIZATION,
                          Map.of("maxTokens", 20, "outputSequenceLength", 8)),
                      LayerSpec.of(
                          "embedding", LayerKind.EMBEDDING, Map.of("inputDim", 20, "outputDim", 4)),
                      LayerSpec.of("pool", LayerKind.GLOBAL_AVERAGE_POOLING1D, Map.of()),
                      LayerSpec.of(
                          "score",
                          LayerKind.DENSE,
                          Map.of("units", 1, "activation", Activation.SIGMOID))),
                  new CompileSpec(
                      new OptimizerSpec(OptimizerType.ADAM, Map.of("learningRate", 0.05)),
                      Loss.BINARY_CROSSENTROPY,
                      false,
                      List.of(Metric.ACCURACY))))
          .orThrow();

  static final MapBinding BINDING = new MapBinding(MODEL);

  static final class RawTextEstimator
      extends Estimator<
          Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
    RawTextEstimator(RunConfig config) {
      super(BINDING, config);
    }
  }

  /** The text_int fixture's adapt rows, labelled 1 when they say something good. */
  @SuppressWarnings("unchecked")
  static List<Example<Map<String, Object>, Map<String, Object>>> examples() throws Exception {
    List<String> rows =
        (List<String>) Json.parse(Files.readString(FIXTURES.resolve("text_int/adapt.json")));
    List<Example<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    for (String r : rows) {
      String l = r.toLowerCase(java.util.Locale.ROOT);
      float good =
          l.contains("great") || l.contains("loved") || l.contains("wonderful") || l.contains("fun")
              ? 1f
              : 0f;
      out.add(new Example<>(Map.of("text_input", r), Map.of("score", new float[] {good})));
    }
    return out;
  }

  /** An input over {@code examples} that counts how often it is read from the start. */
  static Input<Map<String, Object>, Map<String, Object>> counted(
      List<Example<Map<String, Object>, Map<String, Object>>> examples, AtomicInteger reads) {
    Iterable<Example<Map<String, Object>, Map<String, Object>>> it =
        () -> {
          reads.incrementAndGet();
          return examples.iterator();
        };
    return Input.of(it).batch(16);
  }

  static RawTextEstimator estimator(Path modelDir) {
    return new RawTextEstimator(RunConfig.builder().modelDir(modelDir).randomSeed(3).build());
  }

  static final List<String> RAW =
      List.of(
          "",
          "Café crème, the MOVIE!!",
          "a great movie, loved it",
          "boring. worst plot",
          "unknown zebra words");

  @Test
  void adaptsOnceBeforeStepZeroAndResumeLeavesTheStateAlone() throws Exception {
    var examples = examples();
    AtomicInteger reads = new AtomicInteger();
    Path modelDir = dir.resolve("model");
    try (RawTextEstimator e = estimator(modelDir)) {
      assertEquals(5, e.train(counted(examples, reads), 5));
    }
    assertEquals(2, reads.get(), "one pass for adapt, one for training");
    Path assets = modelDir.resolve("assets/text");
    @SuppressWarnings("unchecked")
    List<String> keras =
        (List<String>)
            ((Map<String, Object>)
                    Json.parse(Files.readString(FIXTURES.resolve("text_int/layer.json"))))
                .get("vocabulary");
    assertEquals(
        String.join("\n", keras),
        Files.readString(assets.resolve("vocabulary.txt")),
        "Keras' vocabulary");
    assertEquals(
        keras.subList(2, keras.size()).stream().map(t -> t + "\n").collect(Collectors.joining()),
        Files.readString(assets.resolve("tokens.txt")));
    Map<String, byte[]> before = files(modelDir.resolve("assets"));

    try (RawTextEstimator e = estimator(modelDir)) {
      assertEquals(8, e.train(counted(examples, reads), 3));
    }
    assertEquals(3, reads.get(), "resume reads the input for training only");
    Map<String, byte[]> after = files(modelDir.resolve("assets"));
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed on resume"));

    try (RawTextEstimator e = estimator(modelDir)) {
      var ex = assertThrows(IllegalStateException.class, () -> e.adapt(counted(examples, reads)));
      assertTrue(ex.getMessage().contains("already has checkpoint"), ex.getMessage());
    }
  }

  @Test
  void evaluatePredictAndExportBeforeAdaptNameTheLayer() throws Exception {
    var examples = examples();
    Path modelDir = dir.resolve("fresh");
    try (RawTextEstimator e = estimator(modelDir)) {
      List<Runnable> calls =
          List.of(
              () -> e.evaluate(Input.of(examples)),
              () -> e.predict(List.of(Map.<String, Object>of("text_input", "x"))).toList(),
              () -> e.exportSavedModel(dir.resolve("export")));
      for (Runnable call : calls) {
        var ex = assertThrows(IllegalStateException.class, call::run);
        assertTrue(ex.getMessage().contains("TextVectorization layer 'text'"), ex.getMessage());
        assertTrue(
            ex.getMessage().contains("adapt first: estimator.adapt(input) or train"),
            ex.getMessage());
      }
      // An explicit adapt; training then keeps it.
      AtomicInteger reads = new AtomicInteger();
      e.adapt(counted(examples, reads));
      assertEquals(1, reads.get());
      byte[] vocabulary = Files.readAllBytes(modelDir.resolve("assets/text/vocabulary.txt"));
      e.train(counted(examples, reads), 2);
      assertEquals(2, reads.get(), "training does not adapt again");
      assertArrayEquals(
          vocabulary, Files.readAllBytes(modelDir.resolve("assets/text/vocabulary.txt")));
    }
  }

  @Test
  void exportServesRawStringsInAFreshJvmWithTheModelDirGone() throws Exception {
    Path modelDir = dir.resolve("model");
    Path export;
    List<float[]> predicted;
    try (RawTextEstimator e = estimator(modelDir)) {
      e.train(counted(examples(), new AtomicInteger()), 10);
      predicted =
          e.predict(RAW.stream().map(r -> Map.<String, Object>of("text_input", r)).toList())
              .map(p -> p.get("score"))
              .toList();
      export = e.exportSavedModel(dir.resolve("exports"));
    }
    assertTrue(Files.isRegularFile(export.resolve("assets/text/tokens.txt")));
    var mg =
        SavedModel.parseFrom(Files.readAllBytes(export.resolve("saved_model.pb"))).getMetaGraphs(0);
    assertEquals(1, mg.getAssetFileDefCount());
    assertEquals("text/tokens.txt", mg.getAssetFileDef(0).getFilename());
    assertTrue(mg.containsSignatureDef("__saved_model_init_op"));
    assertEquals(
        org.tensorflow.proto.DataType.DT_STRING,
        mg.getSignatureDefOrThrow("serving_default").getInputsOrThrow("text_input").getDtype());
    // Not the model dir's files: remove it, and move the export somewhere else.
    Path moved = dir.resolve("moved");
    Files.move(export, moved);
    deleteTree(modelDir);

    double[] served =
        ServeRawStrings.inChildJvm(moved, "text_input", RAW, dir.resolve("child.err")).get("score");
    assertEquals(RAW.size(), served.length);
    for (int i = 0; i < RAW.size(); i++) {
      assertEquals(predicted.get(i)[0], served[i], 1e-6, "'" + RAW.get(i) + "'");
    }
    assertFalse(
        predicted.stream().map(v -> v[0]).distinct().count() < 3, "the texts get different scores");

    String python = System.getenv("KESTIMATOR_PYTHON");
    if (python == null || python.isBlank()) {
      System.out.println(
          "skipped: set KESTIMATOR_PYTHON to a Python with TensorFlow (e.g. /tmp/kvenv/bin/python) to"
              + " load the estimator's export in TensorFlow for Python");
      return;
    }
    Path script = dir.resolve("load.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import json, sys",
            "import tensorflow as tf",
            "m = tf.saved_model.load(sys.argv[1])",
            "rows = json.loads(open(sys.argv[2], encoding='utf-8').read())",
            "out = m.signatures['serving_default'](text_input=tf.constant([[r] for r in rows]))",
            "print(json.dumps(out['score'].numpy().astype('float64').ravel().tolist()))",
            ""));
    Path rows = dir.resolve("rows.json");
    Files.writeString(rows, Json.write(RAW));
    Process py =
        new ProcessBuilder(python, script.toString(), moved.toString(), rows.toString())
            .redirectError(dir.resolve("py.err").toFile())
            .start();
    String pyOut = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(py.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, py.exitValue(), Files.readString(dir.resolve("py.err")));
    @SuppressWarnings("unchecked")
    List<Number> got =
        (List<Number>) Json.parse(pyOut.strip().lines().reduce((a, b) -> b).orElseThrow());
    for (int i = 0; i < RAW.size(); i++) {
      assertEquals(
          predicted.get(i)[0], got.get(i).doubleValue(), 1e-6, "Python, '" + RAW.get(i) + "'");
    }
  }

  static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (var s = Files.walk(root)) {
      for (Iterator<Path> it = s.filter(Files::isRegularFile).sorted().iterator(); it.hasNext(); ) {
        Path f = it.next();
        out.put(root.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  static void deleteTree(Path d) throws Exception {
    try (var s = Files.walk(d)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
