package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model of {@code fixtures/keras3} that the reader accepts, in each of its formats, through
 * {@code generate} and a real javac with kestimator's annotation processor: each annotation value
 * is written with its member's type (Keras 3's {@code kernel_size: [5]} of a Conv1D is {@code
 * kernelSize = 5}) and the processor accepts the model.
 */
class GenerateKeras3FixturesTest {
  @TempDir Path project;

  @Test
  void everyReadableFixtureGeneratesAClassThatJavacAndTheProcessorAccept()
      throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    List<String> copied = new ArrayList<>();
    for (ModelFixture f : KerasFixtures.models()) {
      for (Path p : List.of(f.keras(), f.h5(), f.json())) {
        try {
          KerasFile.read(p).analyze();
        } catch (KerasFormatException e) {
          continue; // refused by the reader; the keras module's KerasFixturesTest names why
        }
        String name = p.getFileName().toString();
        String as =
            f.name()
                + "_"
                + name.substring(name.lastIndexOf('.') + 1)
                + name.substring(name.lastIndexOf('.'));
        Files.copy(p, keras.resolve(as));
        copied.add(as);
      }
    }
    assertTrue(copied.size() >= 40, copied.toString());
    List<String> log = new ArrayList<>();
    BuildLog buildLog = TestBuilds.collecting(log);
    GenerateService.Result r =
        new GenerateService(buildLog)
            .generate(
                new GenerateRequest(
                    new ModelSettings(
                        keras, project, "com.example", CompileOptions.NONE, List.of()),
                    project.resolve("target/generated-sources/kestimator"),
                    project.resolve("target/generated-resources/kestimator"),
                    project.resolve("target/kestimator/generate.cache"),
                    "1.0"));
    assertEquals(copied.size(), r.written().size());

    String conv1d =
        Files.readString(
            project.resolve("target/generated-sources/kestimator/com/example/Conv1dKeras.java"));
    assertTrue(conv1d.contains("@Conv1D(filters = "), conv1d);
    assertFalse(conv1d.contains("kernelSize = {"), conv1d);
    String schedule =
        Files.readString(
            project.resolve(
                "target/generated-sources/kestimator/com/example/LrScheduleKeras.java"));
    assertTrue(
        schedule.contains(
            "optimizer = @Optimizer(value = OptimizerType.ADAM, learningRate = 0.01, schedule ="
                + " @LearningRateSchedule(value = ScheduleType.COSINE_DECAY, decaySteps = 100.0, warmupTarget = 0.02, warmupSteps ="
                + " 5.0))"),
        schedule);
    String options =
        Files.readString(
            project.resolve(
                "target/generated-sources/kestimator/com/example/DenseOptionsKeras.java"));
    for (String written :
        List.of(
            "kernelInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.3, seed = 3)",
            "kernelInitializer = @Initializer(value = InitializerType.VARIANCE_SCALING, scale = 2.0,"
                + " mode = FanMode.FAN_OUT, distribution = Distribution.UNIFORM, seed = 5)",
            "biasInitializer = @Initializer(value = InitializerType.CONSTANT, constant = 0.1)",
            "kernelConstraint = @Constraint(ConstraintType.MAX_NORM)", // MaxNorm(2.0): the default
            "kernelConstraint = @Constraint(ConstraintType.NON_NEG)",
            "kernelConstraint = @Constraint(value = ConstraintType.MIN_MAX_NORM, minValue = 0.5,"
                + " maxValue = 1.5)")) {
      assertTrue(options.contains(written), written + " in\n" + options);
    }
    String outputs =
        Files.readString(
            project.resolve(
                "target/generated-sources/kestimator/com/example/FunctionalOutputsKeras.java"));
    // A loss, weight and metrics per output: written in the per-output form, which the processor
    // (javac below) accepts.
    assertTrue(
        outputs.contains(
            "outputs = {\n"
                + "    @OutputLoss(output = \"score\", loss = Loss.BINARY_CROSSENTROPY, metrics ="
                + " {Metric.ACCURACY}),\n"
                + "    @OutputLoss(output = \"amount\", loss = Loss.MEAN_SQUARED_ERROR, metrics ="
                + " {Metric.MEAN_ABSOLUTE_ERROR})})"),
        outputs);
    assertFalse(
        log.stream().anyMatch(l -> l.contains("functional_outputs") && l.startsWith("WARN")),
        log.toString());

    TestBuilds.javac(
        r.written(),
        project.resolve("target/classes"),
        project.resolve("target/generated-sources/annotations"));
    assertTrue(
        Files.exists(project.resolve("target/classes/com/example/Conv1dKerasEstimator.class")),
        "the processor generated the estimator");
  }

  /**
   * Keras' Input((None,)) with a model's {@code <maxSequenceLength>}: the generated class takes
   * that length; without one the build fails naming the file and the setting. The masking fixture's
   * class carries {@code maskZero} and {@code @Masking}; both compile with the processor.
   */
  @Test
  void anUnknownSequenceLengthIsGeneratedWithTheMaximumLengthGiven()
      throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(
        KerasFixtures.model("unknown_length").keras(), keras.resolve("unknown_length.keras"));
    Files.copy(KerasFixtures.model("masking").keras(), keras.resolve("masking.keras"));
    Path sources = project.resolve("target/generated-sources/kestimator");
    KestimatorException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            KestimatorException.class, () -> generate(keras, List.of(), null));
    assertTrue(
        e.getMessage().startsWith("[KerasUnknownLength] src/main/keras/unknown_length.keras"),
        e.getMessage());
    assertTrue(e.getMessage().contains("<maxSequenceLength>"), e.getMessage());

    GenerateService.Result r =
        generate(
            keras,
            List.of(new ModelSettings.ModelOverride("unknown_length.keras", null, null, 9)),
            30);
    String unknown = Files.readString(sources.resolve("com/example/UnknownLength.java"));
    assertTrue(unknown.contains("inputShape = {9}"), unknown);
    String masking = Files.readString(sources.resolve("com/example/Masking.java"));
    assertTrue(masking.contains("maskZero = true"), masking);
    assertTrue(
        masking.contains(
            "@io.github.kestimator.annotations.Masking(from = \"values\") Layer masking;"),
        masking);
    TestBuilds.javac(
        r.written(),
        project.resolve("target/classes"),
        project.resolve("target/generated-sources/annotations"));
    assertTrue(
        Files.exists(project.resolve("target/classes/com/example/UnknownLengthEstimator.class")));
  }

  private GenerateService.Result generate(
      Path keras, List<ModelSettings.ModelOverride> models, Integer maxSequenceLength)
      throws KestimatorException {
    return new GenerateService(TestBuilds.collecting(new ArrayList<>()))
        .generate(
            new GenerateRequest(
                new ModelSettings(
                    keras, project, "com.example", CompileOptions.NONE, models, maxSequenceLength),
                project.resolve("target/generated-sources/kestimator"),
                project.resolve("target/generated-resources/kestimator"),
                project.resolve("target/kestimator/generate.cache"),
                "1.0"));
  }
}
