package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.runtime.binding.MapBinding;
import io.github.kestimator.runtime.input.TfRecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/**
 * An estimator of a model with two outputs, each with its own loss and loss weight: training
 * reports each output's loss to TensorBoard beside the total, evaluation returns and writes them by
 * Keras' names.
 */
class PerOutputEstimatorTest {
  @TempDir Path tmp;

  static final Model MODEL =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "TwoHeads",
                  List.of(
                      LayerSpec.of("x", LayerKind.INPUT, Map.of("shape", List.of(4))),
                      LayerSpec.of(
                          "trunk", LayerKind.DENSE, Map.of("units", 6, "activation", "relu")),
                      LayerSpec.of("price", LayerKind.DENSE, Map.of("units", 1)).from("trunk"),
                      LayerSpec.of(
                              "churn", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"))
                          .from("trunk")),
                  CompileSpec.perOutput(
                      new OptimizerSpec(OptimizerType.ADAM, Map.of("learningRate", 0.01)),
                      List.of(
                          new OutputLoss(
                              "price",
                              Loss.MEAN_SQUARED_ERROR,
                              false,
                              1.0,
                              List.of(Metric.MEAN_ABSOLUTE_ERROR)),
                          new OutputLoss(
                              "churn",
                              Loss.BINARY_CROSSENTROPY,
                              false,
                              0.5,
                              List.of(Metric.ACCURACY))))))
          .orThrow();

  static List<Example<Map<String, Object>, Map<String, Object>>> data(int n, long seed) {
    Random r = new Random(seed);
    List<Example<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[4];
      for (int j = 0; j < 4; j++) {
        x[j] = (float) r.nextGaussian();
      }
      out.add(
          Example.of(
              Map.of("x_input", x),
              Map.of("price", x[0] - x[1], "churn", x[2] + x[3] > 0 ? 1f : 0f)));
    }
    return out;
  }

  @Test
  void trainingAndEvaluationReportEachOutputsLossByItsKerasName() throws IOException {
    Path dir = tmp.resolve("m");
    Map<String, Double> m;
    try (TinyEstimator e = new TinyEstimator(new MapBinding(MODEL), Tiny.config(dir).build())) {
      e.train(Input.of(data(320, 1)).batch(32).repeat(), 40);
      m = e.evaluate(Input.of(data(128, 2)).batch(64));
    }
    assertEquals(
        java.util.Set.of(
            "loss",
            "price_loss",
            "churn_loss",
            "price_mean_absolute_error",
            "churn_accuracy",
            "global_step"),
        m.keySet());
    assertEquals(m.get("price_loss") + 0.5 * m.get("churn_loss"), m.get("loss"), 1e-6);

    // Training summaries every 20 steps: the total and each output's loss of that step's batch.
    List<Map<String, Float>> train = scalars(dir);
    assertEquals(2, train.size(), train.toString());
    for (Map<String, Float> s : train) {
      assertEquals(
          List.of("loss", "price_loss", "churn_loss", "global_step/sec"), List.copyOf(s.keySet()));
      assertEquals(
          s.get("price_loss") + 0.5 * s.get("churn_loss"), s.get("loss"), 1e-6 * s.get("loss"));
    }
    Map<String, Float> eval = scalars(dir.resolve("eval")).get(0);
    for (String key : List.of("loss", "price_loss", "churn_loss", "churn_accuracy")) {
      assertEquals(m.get(key).floatValue(), eval.get(key), key);
    }
  }

  /** The scalar summaries of the event files in {@code dir}, event by event. */
  private static List<Map<String, Float>> scalars(Path dir) throws IOException {
    List<Map<String, Float>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
              .sorted()
              .toList()) {
        for (byte[] rec : TfRecordReader.readAll(f)) {
          Event e = Event.parseFrom(rec);
          if (e.hasSummary()) {
            Map<String, Float> s = new LinkedHashMap<>();
            e.getSummary().getValueList().forEach(v -> s.put(v.getTag(), v.getSimpleValue()));
            out.add(s);
          }
        }
      }
    }
    assertTrue(!out.isEmpty(), "no summaries in " + dir);
    return out;
  }
}
