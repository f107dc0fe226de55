package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each form in which Keras writes losses, loss weights and metrics per output (Keras 3's {@code
 * compile_config} and the legacy {@code training_config}), on the two-output fixture {@code
 * functional_outputs} (outputs {@code score}: 1 sigmoid unit, {@code amount}: 2 linear units, in
 * that order) with only its compile settings replaced.
 */
class PerOutputTrainingConfigTest {
  private static final OutputLoss SCORE =
      new OutputLoss("score", Loss.BINARY_CROSSENTROPY, false, 1.0, List.of(Metric.ACCURACY));
  private static final OutputLoss AMOUNT =
      new OutputLoss(
          "amount", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR));

  /** The fixture's model.json with {@code compile_config} (or {@code training_config}) replaced. */
  @SuppressWarnings("unchecked")
  private static KerasModel read(String key, String compileJson) throws IOException {
    String json = Files.readString(KerasFixtures.model("functional_outputs").json());
    Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) Json.parse(json));
    root.remove("compile_config");
    Map<String, Object> compile = new LinkedHashMap<>();
    compile.put("optimizer", "adam");
    compile.putAll((Map<String, Object>) Json.parse(compileJson));
    root.put(key, compile);
    return KerasConfigReader.readJson(Json.write(root), "test.json", "3.15.1");
  }

  private static KerasModel read(String compileJson) throws IOException {
    return read("compile_config", compileJson);
  }

  private static OutputLoss weighted(OutputLoss o, double weight) {
    return new OutputLoss(o.output(), o.loss(), o.fromLogits(), weight, o.metrics());
  }

  @Test
  void dictsByOutputNameInAnyOrder() throws IOException {
    KerasModel m =
        read(
            "{\"loss\": {\"amount\": \"mse\", \"score\": \"binary_crossentropy\"},"
                + " \"loss_weights\": {\"score\": 0.5, \"amount\": 1.0},"
                + " \"metrics\": {\"amount\": [\"mae\"], \"score\": \"accuracy\"}}");
    assertEquals(List.of(), m.unsupportedTraining());
    assertEquals(List.of(weighted(SCORE, 0.5), AMOUNT), m.compile().outputs());
    assertNull(m.compile().loss());
  }

  @Test
  void listsInOutputOrderAsKeras3AndLegacyFilesWriteThem() throws IOException {
    for (String key : List.of("compile_config", "training_config")) {
      KerasModel m =
          read(
              key,
              "{\"loss\": [\"binary_crossentropy\", {\"class_name\": \"MeanSquaredError\","
                  + " \"config\": {\"name\": \"mean_squared_error\", \"reduction\":"
                  + " \"sum_over_batch_size\"}}], \"loss_weights\": [1.0, 0.25],"
                  + " \"metrics\": [[\"accuracy\"], [\"mae\"]]}");
      assertEquals(List.of(), m.unsupportedTraining(), key);
      assertEquals(List.of(SCORE, weighted(AMOUNT, 0.25)), m.compile().outputs(), key);
    }
  }

  @Test
  void oneLossWithWeightsOrMetricsPerOutputBecomesEachOutputsLoss() throws IOException {
    KerasModel m =
        read("{\"loss\": \"mse\", \"metrics\": {\"score\": [\"auc\"], \"amount\": [\"mae\"]}}");
    assertEquals(
        List.of(
            new OutputLoss("score", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.AUC)),
            AMOUNT),
        m.compile().outputs());
    KerasModel flatMetrics =
        read(
            "{\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": \"mse\"},"
                + " \"metrics\": [\"mae\"]}"); // Keras 2: a flat list is every output's
    assertEquals(
        List.of(
            new OutputLoss(
                "score", Loss.BINARY_CROSSENTROPY, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR)),
            AMOUNT),
        flatMetrics.compile().outputs());
  }

  @Test
  void oneNumberWeighsEveryOutput() throws IOException {
    KerasModel m =
        read(
            "{\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": \"mse\"},"
                + " \"loss_weights\": 0.5, \"metrics\": [[\"accuracy\"], [\"mae\"]]}");
    assertEquals(List.of(weighted(SCORE, 0.5), weighted(AMOUNT, 0.5)), m.compile().outputs());
  }

  @Test
  void theSameForEveryOutputStaysTheOneLossForm() throws IOException {
    KerasModel m =
        read(
            "{\"loss\": {\"score\": \"mse\", \"amount\": \"mse\"}, \"loss_weights\": [1, 1],"
                + " \"metrics\": [[\"mae\"], [\"mae\"]]}");
    assertEquals(List.of(), m.unsupportedTraining());
    CompileSpec c = m.compile();
    assertEquals(List.of(), c.outputs());
    assertEquals(Loss.MEAN_SQUARED_ERROR, c.loss());
    assertEquals(List.of(Metric.MEAN_ABSOLUTE_ERROR), c.metrics());
  }

  @Test
  void whatKestimatorCannotTrainIsNamedNotFatal() throws IOException {
    assertEquals(
        List.of(
            "loss of output 'amount' is None (an output trained without a loss; kestimator trains"
                + " every output)"),
        read("{\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": null}}")
            .unsupportedTraining());
    assertEquals(
        List.of("loss [mse, mse, mse] has 3 entries, but the model has 2 outputs [score, amount]"),
        read("{\"loss\": [\"mse\", \"mse\", \"mse\"]}").unsupportedTraining());
    assertEquals(
        List.of(
            "loss {score=mse, price=mse} names [price], which are no outputs of the model"
                + " (outputs: [score, amount])"),
        read("{\"loss\": {\"score\": \"mse\", \"price\": \"mse\"}}").unsupportedTraining());
    assertEquals(
        List.of(
            "loss {score=mse} has no entry for output 'amount' (Keras 3 refuses it too;"
                + " kestimator trains every output)"),
        read("{\"loss\": {\"score\": \"mse\"}}").unsupportedTraining());
    List<String> weightedMetrics =
        read("{\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": \"mse\"},"
                + " \"weighted_metrics\": {\"amount\": [\"mae\"]}}")
            .unsupportedTraining();
    assertEquals(
        List.of(
            "weighted_metrics={amount=[mae]} (kestimator has no sample weights; give them as"
                + " metrics)"),
        weightedMetrics);
    KerasModel unknown =
        read("{\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": \"mean_squared_eror\"}}");
    assertTrue(
        unknown.unsupportedTraining().get(0).startsWith("loss 'mean_squared_eror' (supported:"),
        unknown.unsupportedTraining().toString());
    assertEquals(List.of(), unknown.compile().outputs()); // not trainable, still predicts
  }
}
