package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OutputLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras file with a loss per output ({@code functional_outputs}: {@code score} with
 * binary_crossentropy and accuracy, {@code amount} with mse and mae) through the plugin's compile
 * settings and {@code summary}.
 */
class PerOutputCompileOptionsTest {
  @TempDir Path project;

  private static KerasFile file() throws IOException {
    return KerasFile.read(KerasFixtures.model("functional_outputs").keras());
  }

  @Test
  void theFilesLossesPerOutputAreKeptUnlessALossIsGiven() throws IOException {
    var training = file().model().training();
    CompileSpec kept = CompileOptions.NONE.resolve(training);
    assertEquals(
        List.of(
            new OutputLoss("score", Loss.BINARY_CROSSENTROPY, false, 1.0, List.of(Metric.ACCURACY)),
            new OutputLoss(
                "amount",
                Loss.MEAN_SQUARED_ERROR,
                false,
                1.0,
                List.of(Metric.MEAN_ABSOLUTE_ERROR))),
        kept.outputs());
    CompileSpec metrics =
        new CompileOptions(null, null, null, null, List.of(Metric.MEAN_SQUARED_ERROR))
            .resolve(training);
    assertEquals(
        List.of(List.of(Metric.MEAN_SQUARED_ERROR), List.of(Metric.MEAN_SQUARED_ERROR)),
        metrics.outputs().stream().map(OutputLoss::metrics).toList());
    CompileSpec one = new CompileOptions(Loss.HUBER, null, null, null, null).resolve(training);
    assertEquals(List.of(), one.outputs());
    assertEquals(Loss.HUBER, one.loss());
  }

  @Test
  void summaryNamesEachOutputsLossAndMetrics() throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(KerasFixtures.model("functional_outputs").keras(), keras.resolve("two.keras"));
    List<String> log = new ArrayList<>();
    new SummaryService(TestBuilds.collecting(log))
        .summarize(
            new ModelSettings(keras, project, "com.example", CompileOptions.NONE, List.of()));
    String text = String.join("\n", log);
    assertTrue(
        text.contains(
            "Compile: loss={score: binary_crossentropy [accuracy], amount: mean_squared_error"
                + " [mean_absolute_error]}"),
        text);
    assertTrue(text.contains("metrics=[score_accuracy, amount_mean_absolute_error]"), text);
  }
}
