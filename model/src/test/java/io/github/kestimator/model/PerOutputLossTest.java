package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.format.ModelSpecJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model with several outputs trained with one loss for all (Keras' {@code compile(loss="mse")})
 * or a loss, weight and metrics per output (Keras' {@code compile(loss={...}, loss_weights={...},
 * metrics={...})}).
 */
class PerOutputLossTest {
  private static final OptimizerSpec ADAM = OptimizerSpec.of(OptimizerType.ADAM);

  /** x -> trunk -> price (linear, 1 unit), churn (sigmoid, 1 unit), kind (softmax, 3 units). */
  private static final LayerSpec[] LAYERS = {
    LayerSpec.of("x", LayerKind.INPUT, Map.of("shape", List.of(3))),
    LayerSpec.of("trunk", LayerKind.DENSE, Map.of("units", 4, "activation", "relu")),
    LayerSpec.of("price", LayerKind.DENSE, Map.of("units", 1)).from("trunk"),
    LayerSpec.of("churn", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"))
        .from("trunk"),
    LayerSpec.of("kind", LayerKind.DENSE, Map.of("units", 3, "activation", "softmax")).from("trunk")
  };

  private static final List<OutputLoss> PER_OUTPUT =
      List.of(
          new OutputLoss(
              "price", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR)),
          new OutputLoss(
              "churn", Loss.BINARY_CROSSENTROPY, false, 0.5, List.of(Metric.ACCURACY, Metric.AUC)),
          new OutputLoss(
              "kind", Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, 0.0, List.of(Metric.ACCURACY)));

  private static ModelAnalyzer.Analysis analyze(CompileSpec compile) {
    return ModelAnalyzer.analyze(new ModelSpec("M", List.of(LAYERS), compile));
  }

  private static List<OutputLoss> with(int i, OutputLoss replacement) {
    List<OutputLoss> l = new java.util.ArrayList<>(PER_OUTPUT);
    l.set(i, replacement);
    return l;
  }

  @Test
  void eachOutputHasItsLossWeightMetricsAndLabelType() {
    Model m = analyze(CompileSpec.perOutput(ADAM, PER_OUTPUT)).orThrow();
    assertEquals(
        List.of("price", "churn", "kind"), m.outputs().stream().map(Output::layer).toList());
    assertEquals(PER_OUTPUT, m.losses());
    assertEquals(DType.FLOAT32, m.outputs().get(1).labelDtype());
    assertEquals(DType.INT32, m.outputs().get(2).labelDtype()); // class ids: sparse loss
    assertEquals(Shape.scalar(), m.outputs().get(2).labelShape());
    // Keras 3.15.1's evaluate(return_dict=True) keys for this compile:
    assertEquals(List.of("price_loss", "churn_loss", "kind_loss"), m.outputLossKeys());
    assertEquals(
        List.of("price_mean_absolute_error", "churn_accuracy", "churn_auc", "kind_accuracy"),
        m.metrics().stream().map(CompiledMetric::key).toList());
    assertEquals(Metric.BINARY_ACCURACY, m.metrics().get(1).kind());
    assertEquals(Metric.SPARSE_CATEGORICAL_ACCURACY, m.metrics().get(3).kind());
  }

  @Test
  void perOutputSettingsMayComeInAnyOrder() {
    List<OutputLoss> reversed = new java.util.ArrayList<>(PER_OUTPUT);
    java.util.Collections.reverse(reversed);
    Model m = analyze(CompileSpec.perOutput(ADAM, reversed)).orThrow();
    assertEquals(PER_OUTPUT, m.losses()); // in output order
  }

  @Test
  void oneLossIsEveryOutputsLossWithWeightOneAsInKeras() {
    LayerSpec[] two = {LAYERS[0], LAYERS[1], LAYERS[2], LAYERS[3]};
    Model m =
        ModelAnalyzer.analyze(
                new ModelSpec(
                    "M",
                    List.of(two),
                    new CompileSpec(
                        ADAM, Loss.MEAN_SQUARED_ERROR, false, List.of(Metric.MEAN_ABSOLUTE_ERROR))))
            .orThrow();
    assertEquals(
        List.of(
            new OutputLoss(
                "price", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR)),
            new OutputLoss(
                "churn", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR))),
        m.losses());
    // Keras 3 reports each output's loss beside the total when one loss trains several outputs.
    assertEquals(List.of("price_loss", "churn_loss"), m.outputLossKeys());
  }

  @Test
  void aSingleOutputReportsOnlyTheTotal() {
    Model m =
        ModelAnalyzer.analyze(
                new ModelSpec(
                    "M",
                    List.of(LAYERS[0], LAYERS[1], LAYERS[3]),
                    CompileSpec.perOutput(ADAM, List.of(PER_OUTPUT.get(1)))))
            .orThrow();
    assertEquals(List.of(), m.outputLossKeys());
    assertEquals(
        List.of("accuracy", "auc"), m.metrics().stream().map(CompiledMetric::key).toList());
  }

  @Test
  void mistakesNameTheOutputAndTheSettingTheyAreIn() {
    assertProblem(
        with(1, OutputLoss.of("chrun", Loss.BINARY_CROSSENTROPY)),
        "outputs[1].output",
        Diagnostic.OUTPUT_LOSS,
        "@OutputLoss(output = \"chrun\") names no layer of model 'M'; the outputs (layers no other"
            + " layer takes input from) are [price, churn, kind]; did you mean 'churn'?");
    assertProblem(
        with(1, OutputLoss.of("trunk", Loss.BINARY_CROSSENTROPY)),
        "outputs[1].output",
        Diagnostic.OUTPUT_LOSS,
        "names layer 'trunk', which feeds other layers: not an output");
    assertProblem(
        with(2, PER_OUTPUT.get(0)),
        "outputs[2].output",
        Diagnostic.OUTPUT_LOSS,
        "output 'price' has two @OutputLoss: give each output one");
    assertProblem(
        PER_OUTPUT.subList(0, 2),
        "outputs",
        Diagnostic.OUTPUT_LOSS,
        "output 'kind' has no @OutputLoss: with a loss per output, give every output of model 'M'"
            + " its loss (the outputs are [price, churn, kind])");
    for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertProblem(
          with(0, new OutputLoss("price", Loss.MEAN_SQUARED_ERROR, false, bad, List.of())),
          "outputs[0].weight",
          Diagnostic.OUTPUT_LOSS,
          "weight must be a finite number >= 0 (Keras loss_weights), got " + bad);
    }
    assertProblem(
        with(2, new OutputLoss("kind", Loss.BINARY_CROSSENTROPY, false, 1, List.of())),
        "outputs[2].loss",
        Diagnostic.LOSS,
        "BINARY_CROSSENTROPY does not fit output 'kind' (None, 3) with softmax activation");
    assertProblem(
        with(1, new OutputLoss("churn", Loss.BINARY_CROSSENTROPY, true, 1, List.of())),
        "outputs[1].fromLogits",
        Diagnostic.LOSS,
        "fromLogits = true does not fit output 'churn'");
    assertProblem(
        with(
            2,
            new OutputLoss("kind", Loss.CATEGORICAL_CROSSENTROPY, false, 1, List.of(Metric.AUC))),
        "outputs[2].metrics",
        Diagnostic.METRIC,
        "AUC needs a binary (or multi-label sigmoid) output, but output 'kind' (None, 3) trained"
            + " with CATEGORICAL_CROSSENTROPY is multi-class");
    assertProblem(
        with(
            0,
            new OutputLoss(
                "price",
                Loss.MEAN_SQUARED_ERROR,
                false,
                1,
                List.of(Metric.MEAN_ABSOLUTE_ERROR, Metric.MEAN_ABSOLUTE_ERROR))),
        "outputs[0].metrics",
        Diagnostic.METRIC,
        "metric MEAN_ABSOLUTE_ERROR is listed twice for output 'price'");
  }

  @Test
  void bothFormsOrNeitherAreRefused() {
    var both =
        analyze(new CompileSpec(ADAM, Loss.MEAN_SQUARED_ERROR, false, List.of(), PER_OUTPUT));
    assertEquals(1, both.problems().size(), both.problems().toString());
    assertEquals(Diagnostic.OUTPUT_LOSS, both.problems().get(0).code());
    assertEquals("loss", both.problems().get(0).param());
    assertTrue(both.problems().get(0).message().contains("not both"));
    var neither = analyze(new CompileSpec(ADAM, null, false, List.of(), List.of()));
    assertEquals(
        List.of(Diagnostic.NO_LOSS), neither.problems().stream().map(Problem::code).toList());
  }

  @Test
  void perOutputSettingsSurviveTheJsonTheGeneratedCodeCarries() {
    ModelSpec spec = new ModelSpec("M", List.of(LAYERS), CompileSpec.perOutput(ADAM, PER_OUTPUT));
    ModelSpec read = ModelSpecJson.read(ModelSpecJson.write(spec));
    assertEquals(spec.compile(), read.compile());
    ModelSpec one =
        new ModelSpec(
            "M", List.of(LAYERS), new CompileSpec(ADAM, Loss.HUBER, false, List.of(Metric.AUC)));
    String json = ModelSpecJson.write(one);
    assertTrue(!json.contains("\"outputs\""), json); // the one-loss form is written as before
    assertEquals(one.compile(), ModelSpecJson.read(json).compile());
  }

  private static void assertProblem(
      List<OutputLoss> outputs, String param, Diagnostic code, String message) {
    var a = analyze(CompileSpec.perOutput(ADAM, outputs));
    assertEquals(1, a.problems().size(), a.problems().toString());
    Problem p = a.problems().get(0);
    assertEquals(code, p.code(), p.toString());
    assertEquals(param, p.param(), p.toString());
    assertTrue(p.message().contains(message), p.message());
  }
}
