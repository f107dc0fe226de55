package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OptimizerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateServiceTest {
  @TempDir Path project;
  final List<String> log = new ArrayList<>();
  final BuildLog buildLog = TestBuilds.collecting(log);

  Path keras() {
    return project.resolve("src/main/keras");
  }

  void copy(String fixture, String as) throws IOException {
    Files.createDirectories(keras());
    Files.copy(Fixtures.keras(fixture), keras().resolve(as));
  }

  GenerateRequest request(String pkg, List<ModelSettings.ModelOverride> models) {
    return new GenerateRequest(
        new ModelSettings(keras(), project, pkg, CompileOptions.NONE, models),
        project.resolve("target/generated-sources/kestimator"),
        project.resolve("target/generated-resources/kestimator"),
        project.resolve("target/kestimator/generate.cache"),
        "1.0");
  }

  String generated(String cls) throws IOException {
    return Files.readString(
        project.resolve("target/generated-sources/kestimator/com/example/" + cls + ".java"));
  }

  @Test
  void everySupportedFixtureBecomesAClassThatCompilesAgainstTheAnnotations()
      throws IOException, KestimatorException {
    copy("sentiment_keras2.json", "sentiment_model.json");
    copy("sentiment_keras3.json", "sentiment_keras3.json");
    copy("two_inputs_keras2.json", "two_inputs.json");
    copy("two_inputs_keras3.json", "two-inputs-k3.json");
    copy("mnist_cnn_keras2.json", "mnist_cnn.json");
    Files.copy(
        Fixtures.shared("simple_lstm_tf_keras_1_model.h5"), keras().resolve("simple_lstm.h5"));
    GenerateService.Result r =
        new GenerateService(buildLog)
            .generate(
                request(
                    "com.example",
                    List.of(
                        new ModelSettings.ModelOverride(
                            "two-inputs-k3.json",
                            "TwoInputsKeras3",
                            new CompileOptions(
                                Loss.MEAN_SQUARED_ERROR,
                                null,
                                OptimizerType.SGD,
                                0.1,
                                List.of(Metric.MEAN_ABSOLUTE_ERROR))))));
    assertEquals(6, r.written().size());
    String lstm = generated("SimpleLstm"); // a Keras 1.2.2 full-model HDF5 file
    assertTrue(lstm.contains("recurrentActivation = Activation.HARD_SIGMOID_KERAS2"), lstm);
    assertTrue(lstm.contains("Layer lstm_1;"), lstm);

    String seq3 = generated("SentimentKeras3");
    assertTrue(
        seq3.contains(
            "@Embedding(inputDim = 10000, outputDim = 64, inputShape = {100}, inputName = \"input_layer\") Layer embedding;"),
        seq3);
    String two = generated("TwoInputs");
    assertTrue(two.contains("@KerasModel(name = \"model\")"), two);
    assertTrue(two.contains("@Input(shape = {1}, inputName = \"age\") Layer age;"), two);
    assertTrue(two.contains("@Input(shape = {4}, inputName = \"tags\") Layer tags;"), two);
    assertTrue(two.contains("@Concatenate(from = {\"age\", \"tags\"}) Layer concatenate;"), two);
    assertTrue(
        two.contains("@Dense(units = 1, activation = Activation.SIGMOID) Layer dense;"), two);
    String k3 = generated("TwoInputsKeras3");
    assertTrue(
        k3.contains(
            "@Compile(optimizer = @Optimizer(value = OptimizerType.SGD, learningRate = 0.1),"
                + " loss = Loss.MEAN_SQUARED_ERROR, metrics = {Metric.MEAN_ABSOLUTE_ERROR})"),
        k3);
    String cnn = generated("MnistCnn");
    // Adam with Keras' defaults (lr 0.001, betas 0.9 and 0.999, epsilon 1e-7): @Compile's default
    // optimizer
    assertTrue(
        cnn.contains(
            "@Compile(loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY, metrics = {Metric.ACCURACY})"),
        cnn);
    assertTrue(
        cnn.contains(
            "@Conv2D(filters = 32, kernelSize = {3, 3}, activation = Activation.RELU, inputShape = {28, 28, 1})"
                + " Layer conv2d_1;"),
        cnn);
    assertTrue(cnn.contains("@MaxPooling2D Layer max_pooling2d_1;"), cnn);
    assertTrue(cnn.contains("@Flatten Layer flatten_1;"), cnn);
    assertTrue(
        cnn.contains("@Dense(units = 10, activation = Activation.SOFTMAX) Layer dense_1;"), cnn);

    TestBuilds.javac(r.written(), project.resolve("target/classes"), null);
  }

  @Test
  void regeneratesOnlyWhenContentOrConfigurationChangesAndSaysWhy()
      throws IOException, KestimatorException {
    copy("sentiment_keras2.json", "sentiment_model.json");
    GenerateService service = new GenerateService(buildLog);
    assertFalse(service.generate(request("com.example", List.of())).upToDate());
    assertEquals(
        "Generating model classes: no record of an earlier generation (generate.cache)",
        log.get(0));

    log.clear();
    Path keras = keras().resolve("sentiment_model.json");
    Files.setLastModifiedTime(
        keras, java.nio.file.attribute.FileTime.fromMillis(0)); // a touch is no change
    assertTrue(service.generate(request("com.example", List.of())).upToDate());
    assertEquals(List.of("Keras models are up to date (1 file unchanged)"), log);

    log.clear();
    Files.writeString(keras, Files.readString(keras).replace("\"rate\": 0.5", "\"rate\": 0.25"));
    assertFalse(service.generate(request("com.example", List.of())).upToDate());
    assertEquals("Generating model classes: sentiment_model.json changed", log.get(0));
    assertTrue(generated("SentimentModel").contains("@Dropout(rate = 0.25) Layer dropout;"));

    log.clear();
    Files.delete(
        project.resolve("target/generated-sources/kestimator/com/example/SentimentModel.java"));
    assertFalse(service.generate(request("com.example", List.of())).upToDate());
    assertEquals(
        "Generating model classes: the generated com/example/SentimentModel.java is missing",
        log.get(0));

    log.clear();
    assertFalse(service.generate(request("com.example.other", List.of())).upToDate());
    assertEquals(
        "Generating model classes: the plugin configuration or version changed", log.get(0));

    log.clear();
    GenerateRequest longer = request("com.example.other", List.of());
    longer =
        new GenerateRequest(
            new ModelSettings(
                keras(), project, "com.example.other", CompileOptions.NONE, List.of(), 300),
            longer.outputDirectory(),
            longer.resourceDirectory(),
            longer.cacheFile(),
            longer.pluginVersion());
    assertFalse(service.generate(longer).upToDate(), "a new plugin-wide maxSequenceLength");
    assertEquals(
        "Generating model classes: the plugin configuration or version changed", log.get(0));
    assertFalse(service.generate(request("com.example.other", List.of())).upToDate());

    log.clear();
    copy("two_inputs_keras2.json", "two_inputs.json");
    Files.delete(keras);
    assertFalse(service.generate(request("com.example.other", List.of())).upToDate());
    assertEquals(
        "Generating model classes: two_inputs.json is new, sentiment_model.json was removed",
        log.get(0));
    assertFalse(
        Files.exists(
            project.resolve(
                "target/generated-sources/kestimator/com/example/other/SentimentModel.java")),
        "the class of a removed Keras file is deleted");
    assertTrue(
        Files.exists(
            project.resolve(
                "target/generated-sources/kestimator/com/example/other/TwoInputs.java")));
  }

  @Test
  void aFailedGenerationRecordsNothingAndNamesTheFile() throws IOException {
    copy("sentiment_keras2.json", "sentiment_model.json");
    copy("unsupported_lambda.json", "lambda.json");
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () -> new GenerateService(buildLog).generate(request("com.example", List.of())));
    assertTrue(
        e.getMessage()
            .startsWith(
                "[KerasUnsupportedLayer] src/main/keras/lambda.json: layer 'scale_by_two' (Lambda):"
                    + " layer class 'Lambda' is not supported"),
        e.getMessage());
    assertFalse(Files.exists(project.resolve("target/kestimator/generate.cache")));
  }

  @Test
  void analyzerProblemsFailNamingTheFileAndHowToFixTheLoss() throws IOException {
    copy("mnist_cnn_keras2.json", "mnist.json");
    List<ModelSettings.ModelOverride> binary =
        List.of(
            new ModelSettings.ModelOverride(
                "mnist.json",
                null,
                new CompileOptions(Loss.BINARY_CROSSENTROPY, null, null, null, null)));
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () -> new GenerateService(buildLog).generate(request("com.example", binary)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "src/main/keras/mnist.json: the model 'sequential_1' is not valid:\n  [KerasLoss]"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("set <loss> / <metrics> for it in the plugin's <models>"),
        e.getMessage());
  }

  @Test
  void rejectsBadPackagesAndOverridesOfMissingFiles() throws IOException {
    copy("sentiment_keras2.json", "sentiment_model.json");
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () -> new GenerateService(buildLog).generate(request("com.1example", List.of())));
    assertTrue(e.getMessage().contains("must be a Java package name"), e.getMessage());
    e =
        assertThrows(
            KestimatorException.class,
            () ->
                new GenerateService(buildLog)
                    .generate(
                        request(
                            "com.example",
                            List.of(
                                new ModelSettings.ModelOverride(
                                    "sentiment-model.json", null, CompileOptions.NONE)))));
    assertEquals(
        "<models>: <file>sentiment-model.json</file> is not a Keras file in src/main/keras; did you mean"
            + " 'sentiment_model.json'?",
        e.getMessage());
  }

  @Test
  void classNamesComeFromFileNames() {
    assertEquals("SentimentModel", KerasModels.className(Path.of("sentiment_model.json")));
    assertEquals("MyCnnV2", KerasModels.className(Path.of("my-cnn.v2.keras")));
    assertEquals("Model2dConv", KerasModels.className(Path.of("2d_conv.json")));
  }
}
