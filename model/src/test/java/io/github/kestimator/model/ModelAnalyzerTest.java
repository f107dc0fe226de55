package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shape inference and parameter counts checked against what Keras reports for the same models. */
class ModelAnalyzerTest {
  static final CompileSpec BCE =
      new CompileSpec(
          OptimizerSpec.of(OptimizerType.ADAM),
          Loss.BINARY_CROSSENTROPY,
          false,
          List.of(Metric.ACCURACY, Metric.AUC));

  static Model analyze(CompileSpec compile, LayerSpec... layers) {
    return ModelAnalyzer.analyze(new ModelSpec("M", List.of(layers), compile)).orThrow();
  }

  static List<Problem> problems(CompileSpec compile, LayerSpec... layers) {
    var a = ModelAnalyzer.analyze(new ModelSpec("M", List.of(layers), compile));
    assertFalse(a.ok(), "expected problems");
    assertNull(a.model());
    return a.problems();
  }

  @Test
  void sentimentModelMatchesKerasSummary() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "words",
                LayerKind.EMBEDDING,
                Map.of("inputDim", 10_000, "outputDim", 64, "inputLength", 100)),
            LayerSpec.of("lstm", LayerKind.LSTM, Map.of("units", 64)),
            LayerSpec.of("dropout", LayerKind.DROPOUT, Map.of("rate", 0.5)),
            LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")));
    assertEquals(
        List.of(new Feature("words_input", "words_input", DType.INT32, Shape.of(100))),
        m.features());
    assertEquals(Shape.of(100, 64), m.layer("words").orElseThrow().outputShape());
    assertEquals(Shape.of(64), m.layer("lstm").orElseThrow().outputShape());
    // Keras: Embedding 640,000; LSTM 4 * (64 * 64 + 64 * 64 + 64) = 33,024; Dense 65.
    assertEquals(640_000, m.layer("words").orElseThrow().paramCount());
    assertEquals(33_024, m.layer("lstm").orElseThrow().paramCount());
    assertEquals(673_089, m.paramCount());
    Output out = m.outputs().get(0);
    assertEquals("score", out.layer());
    assertEquals(Activation.SIGMOID, out.activation());
    assertEquals(DType.FLOAT32, out.labelDtype());
    assertEquals(
        List.of("accuracy", "auc"), m.metrics().stream().map(CompiledMetric::key).toList());
    assertEquals(Metric.BINARY_ACCURACY, m.metrics().get(0).kind());
    assertTrue(m.summary().contains(" words (Embedding)"), m.summary());
    assertTrue(m.summary().contains("(None, 100, 64)"), m.summary());
    assertTrue(m.summary().contains("Total params: 673,089"), m.summary());
    assertFalse(
        m.summary().contains("words_input"), "sequential summaries hide the implicit input");
  }

  @Test
  void convModelMatchesKeras() {
    Model m =
        analyze(
            new CompileSpec(
                OptimizerSpec.of(OptimizerType.ADAM),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                false,
                List.of(Metric.ACCURACY)),
            LayerSpec.of(
                "conv",
                LayerKind.CONV2D,
                Map.of(
                    "filters",
                    32,
                    "kernelSize",
                    List.of(3, 3),
                    "activation",
                    "relu",
                    "inputShape",
                    List.of(28, 28, 1))),
            LayerSpec.of("pool", LayerKind.MAX_POOLING2D, Map.of()),
            LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
            LayerSpec.of("digits", LayerKind.DENSE, Map.of("units", 10, "activation", "softmax")));
    assertEquals(Shape.of(26, 26, 32), m.layer("conv").orElseThrow().outputShape());
    assertEquals(320, m.layer("conv").orElseThrow().paramCount());
    assertEquals(Shape.of(13, 13, 32), m.layer("pool").orElseThrow().outputShape());
    assertEquals(Shape.of(5408), m.layer("flat").orElseThrow().outputShape());
    assertEquals(54_090, m.layer("digits").orElseThrow().paramCount());
    assertEquals(DType.INT32, m.outputs().get(0).labelDtype());
    assertEquals(Shape.scalar(), m.outputs().get(0).labelShape());
    assertEquals(Metric.SPARSE_CATEGORICAL_ACCURACY, m.metrics().get(0).kind());
  }

  @Test
  void recurrentAndNormalizationWeightsFollowKeras() {
    Model m =
        analyze(
            new CompileSpec(
                OptimizerSpec.of(OptimizerType.SGD), Loss.MEAN_SQUARED_ERROR, false, List.of()),
            LayerSpec.of("seq", LayerKind.INPUT, Map.of("shape", List.of(10, 8))),
            new LayerSpec(
                "bi",
                LayerKind.BIDIRECTIONAL,
                List.of(),
                Map.of(),
                LayerSpec.of("bi", LayerKind.GRU, Map.of("units", 16, "returnSequences", true))),
            LayerSpec.of("norm", LayerKind.BATCH_NORMALIZATION, Map.of()),
            LayerSpec.of("pool", LayerKind.GLOBAL_AVERAGE_POOLING1D, Map.of()),
            LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1)));
    assertEquals(
        new Feature("seq_input", "seq", DType.FLOAT32, Shape.of(10, 8)), m.features().get(0));
    Layer bi = m.layer("bi").orElseThrow();
    assertEquals(Shape.of(10, 32), bi.outputShape());
    // Keras GRU(reset_after=True): 3 * (8 * 16 + 16 * 16 + 2 * 16) = 1248 per direction.
    assertEquals(2 * 1248, bi.paramCount());
    assertEquals(Shape.of(2, 48), bi.weights().get(2).shape());
    Layer norm = m.layer("norm").orElseThrow();
    assertEquals(128, norm.paramCount());
    assertEquals(64, norm.trainableParamCount());
    assertEquals(m.paramCount() - 64, m.trainableParamCount());
  }

  @Test
  void functionalModelWithTwoInputs() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of("age", LayerKind.INPUT, Map.of("shape", List.of(1))),
            LayerSpec.of("tags", LayerKind.INPUT, Map.of("shape", List.of(4), "inputName", "tags")),
            LayerSpec.of("merged", LayerKind.CONCATENATE, Map.of()).from("age", "tags"),
            LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")));
    assertEquals(List.of("age_input", "tags"), m.features().stream().map(Feature::name).toList());
    assertEquals(Shape.of(5), m.layer("merged").orElseThrow().outputShape());
  }

  @Test
  void convOutputLengthFollowsKeras() {
    assertEquals(26, Inference.outLength(28, 3, 1, 1, Padding.VALID));
    assertEquals(14, Inference.outLength(28, 3, 2, 1, Padding.SAME));
    assertEquals(13, Inference.outLength(28, 3, 2, 1, Padding.VALID));
    assertEquals(24, Inference.outLength(28, 3, 1, 2, Padding.VALID));
    assertEquals(0, Inference.outLength(2, 3, 1, 1, Padding.VALID));
  }

  @Test
  void oneValueMeansEveryAxisAsInKeras() {
    Params p = new Params(Map.of("kernelSize", List.of(3), "strides", List.of(2, 1)));
    assertEquals(
        List.of(3, 3), java.util.Arrays.stream(p.perAxis("kernelSize", 2)).boxed().toList());
    assertEquals(List.of(2, 1), java.util.Arrays.stream(p.perAxis("strides", 2)).boxed().toList());
    assertEquals(List.of(3), java.util.Arrays.stream(p.perAxis("kernelSize", 1)).boxed().toList());
  }

  @Test
  void reportsEveryProblemWithItsCodeLayerAndParam() {
    List<Problem> p =
        problems(
            BCE,
            LayerSpec.of("a", LayerKind.DENSE, Map.of("units", 0, "inputShape", List.of(4))),
            LayerSpec.of("a", LayerKind.DROPOUT, Map.of("rate", 1.0)),
            LayerSpec.of("c", LayerKind.DENSE, Map.of("units", 1)).from("lstmm"));
    assertEquals(
        List.of("KerasDuplicateLayer", "KerasBadParam", "KerasBadParam", "KerasUnknownLayer"),
        p.stream().map(q -> q.code().id()).toList(),
        p.toString());
    assertEquals("units", p.get(1).param());
    assertTrue(p.get(1).message().contains("units must be > 0, got 0"), p.get(1).message());
    assertTrue(
        p.get(2).message().contains("rate must be in [0.0, 1.0), got 1.0"), p.get(2).message());
    assertEquals("from", p.get(3).param());
  }

  @Test
  void unknownFromSuggestsTheClosestLayer() {
    List<Problem> p =
        problems(
            BCE,
            LayerSpec.of(
                "words",
                LayerKind.EMBEDDING,
                Map.of("inputDim", 10, "outputDim", 4, "inputLength", 5)),
            LayerSpec.of("lstm", LayerKind.LSTM, Map.of("units", 4)),
            LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"))
                .from("lstmm"));
    assertEquals(1, p.size());
    assertTrue(p.get(0).toString().contains("[KerasUnknownLayer]"), p.toString());
    assertTrue(p.get(0).message().endsWith("did you mean 'lstm'?"), p.get(0).message());
  }

  @Test
  void shapeMistakesNameTheLayerAndTheShapes() {
    String lstm =
        problems(
                BCE,
                LayerSpec.of("d", LayerKind.DENSE, Map.of("units", 8, "inputShape", List.of(4))),
                LayerSpec.of("rnn", LayerKind.LSTM, Map.of("units", 4)),
                LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")))
            .get(0)
            .message();
    assertEquals(
        "LSTM layer 'rnn' expects 3-D input (batch, timesteps, features), but 'd' gives (None, 8)",
        lstm);
    String conv =
        problems(
                BCE,
                LayerSpec.of(
                    "c",
                    LayerKind.CONV2D,
                    Map.of("filters", 2, "kernelSize", List.of(3), "inputShape", List.of(784))),
                LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")))
            .get(0)
            .message();
    assertTrue(
        conv.contains(
            "expects 4-D input (batch, rows, cols, channels), but 'c_input' gives (None, 784)"),
        conv);
    String emb =
        problems(
                BCE,
                LayerSpec.of("x", LayerKind.INPUT, Map.of("shape", List.of(10))),
                LayerSpec.of("e", LayerKind.EMBEDDING, Map.of("inputDim", 10, "outputDim", 4)),
                LayerSpec.of("f", LayerKind.FLATTEN, Map.of()),
                LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")))
            .get(0)
            .message();
    assertTrue(emb.contains("needs integer token ids, but 'x' gives float32"), emb);
  }

  @Test
  void lossAndMetricMustFitTheOutput() {
    CompileSpec bceOnSoftmax =
        new CompileSpec(
            OptimizerSpec.of(OptimizerType.ADAM), Loss.BINARY_CROSSENTROPY, false, List.of());
    Problem p =
        problems(
                bceOnSoftmax,
                LayerSpec.of(
                    "out",
                    LayerKind.DENSE,
                    Map.of("units", 10, "activation", "softmax", "inputShape", List.of(4))))
            .get(0);
    assertEquals(Diagnostic.LOSS, p.code());
    assertEquals("loss", p.param());
    CompileSpec sparse =
        new CompileSpec(
            OptimizerSpec.of(OptimizerType.ADAM),
            Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
            false,
            List.of());
    assertTrue(
        problems(
                sparse,
                LayerSpec.of(
                    "out",
                    LayerKind.DENSE,
                    Map.of("units", 1, "activation", "sigmoid", "inputShape", List.of(4))))
            .get(0)
            .message()
            .contains("one output unit per class"));
    CompileSpec auc =
        new CompileSpec(
            OptimizerSpec.of(OptimizerType.ADAM),
            Loss.CATEGORICAL_CROSSENTROPY,
            false,
            List.of(Metric.AUC));
    Problem m =
        problems(
                auc,
                LayerSpec.of(
                    "out",
                    LayerKind.DENSE,
                    Map.of("units", 10, "activation", "softmax", "inputShape", List.of(4))))
            .get(0);
    assertEquals(Diagnostic.METRIC, m.code());
    assertEquals("metrics", m.param());
  }

  @Test
  void emptyModelAndMissingCompileAreReported() {
    var a = ModelAnalyzer.analyze(new ModelSpec("Empty", List.of(), null));
    assertEquals(
        List.of("KerasEmptyModel", "KerasNoCompile"),
        a.problems().stream().map(q -> q.code().id()).toList());
  }

  @Test
  void badNamesAreRejected() {
    assertFalse(Names.isValid("my layer"));
    assertFalse(Names.isValid("1abc"));
    assertFalse(Names.isValid("class"));
    assertFalse(Names.isValid("_x"));
    assertTrue(Names.isValid("conv1d_6"));
    List<Problem> p =
        problems(
            BCE,
            LayerSpec.of(
                "my layer",
                LayerKind.DENSE,
                Map.of("units", 1, "activation", "sigmoid", "inputShape", List.of(4))));
    assertEquals(
        List.of("KerasInvalidName"),
        p.stream().map(q -> q.code().id()).toList(),
        "one mistake, one message");
  }

  @Test
  void rawKerasStringsAreAccepted() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "out",
                LayerKind.DENSE,
                Map.of(
                    "units",
                    1.0,
                    "activation",
                    "sigmoid",
                    "kernelRegularizer",
                    Map.of("l2", 0.01),
                    "inputShape",
                    List.of(3))));
    assertEquals(
        new Regularizer(0, 0.01), m.layer("out").orElseThrow().weights().get(0).regularizer());
  }

  /**
   * Sizes past int are reported, never wrapped around (2,345,294,536 parameters for 41,000,000,200,
   * or -8).
   */
  @Test
  void shapesAndWeightsBeyondIntAreReportedNotOverflowed() {
    List<Problem> p =
        problems(
            BCE,
            LayerSpec.of(
                "wide", LayerKind.DENSE, Map.of("units", 41_000, "inputShape", List.of(1_000_000))),
            LayerSpec.of(
                "out", LayerKind.DENSE, Map.of("units", 1, "activation", Activation.SIGMOID)));
    assertEquals(
        "[KerasShape] Dense layer 'wide' has a weight 'kernel' of shape [1000000, 41000]: 41,000,000,000 values,"
            + " more than the 2147483647 a tensor may hold here",
        p.get(0).toString());

    p =
        problems(
            BCE,
            LayerSpec.of(
                "rnn", LayerKind.LSTM, Map.of("units", 1 << 30, "inputShape", List.of(5, 3))),
            LayerSpec.of(
                "out", LayerKind.DENSE, Map.of("units", 1, "activation", Activation.SIGMOID)));
    assertEquals(
        "[KerasShape] LSTM layer 'rnn' has sizes past 2147483647 (integer overflow): its parameters or its input are"
            + " too large for a tensor",
        p.get(0).toString());

    p =
        problems(
            BCE,
            LayerSpec.of(
                "flat", LayerKind.FLATTEN, Map.of("inputShape", List.of(100_000, 100_000))),
            LayerSpec.of(
                "out", LayerKind.DENSE, Map.of("units", 1, "activation", Activation.SIGMOID)));
    assertTrue(
        p.get(0)
            .toString()
            .startsWith("[KerasShape] Flatten layer 'flat' has sizes past 2147483647 (shape"),
        p.toString());
    assertTrue(p.get(0).toString().contains("holds 10000000000 values"), p.toString());

    p =
        problems(
            BCE,
            LayerSpec.of(
                "emb",
                LayerKind.EMBEDDING,
                Map.of("inputDim", 1L << 40, "outputDim", 4, "inputLength", 3)),
            LayerSpec.of("f", LayerKind.FLATTEN, Map.of()),
            LayerSpec.of(
                "out", LayerKind.DENSE, Map.of("units", 1, "activation", Activation.SIGMOID)));
    assertEquals(
        "[KerasBadParam] layer 'emb' (Embedding): inputDim: expected an integer of at most 2147483647, got"
            + " 1099511627776",
        p.get(0).toString());
  }

  @Test
  void activationLayersKeepTheShapeAndPreluLearnsAlphaShapedLikeAnExample() {
    CompileSpec cce =
        new CompileSpec(
            OptimizerSpec.of(OptimizerType.ADAM), Loss.CATEGORICAL_CROSSENTROPY, false, List.of());
    Model m =
        analyze(
            cce,
            LayerSpec.of(
                "c",
                LayerKind.CONV2D,
                Map.of("filters", 3, "kernelSize", List.of(3), "inputShape", List.of(8, 8, 1))),
            LayerSpec.of("leaky", LayerKind.LEAKY_RELU, Map.of()),
            LayerSpec.of("prelu", LayerKind.PRELU, Map.of("sharedAxes", List.of(1, 2))),
            LayerSpec.of("prelu_full", LayerKind.PRELU, Map.of()),
            LayerSpec.of("elu", LayerKind.ELU, Map.of("alpha", 0.5)),
            LayerSpec.of("relu", LayerKind.RELU, Map.of("maxValue", 6.0)),
            LayerSpec.of("f", LayerKind.FLATTEN, Map.of()),
            LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 4)),
            LayerSpec.of("soft", LayerKind.SOFTMAX, Map.of()));
    for (String l : List.of("leaky", "prelu", "prelu_full", "elu", "relu")) {
      assertEquals(Shape.of(6, 6, 3), m.layer(l).orElseThrow().outputShape(), l);
    }
    Weight alpha = m.layer("prelu").orElseThrow().weights().get(0);
    assertEquals("alpha", alpha.name());
    assertEquals(Shape.of(1, 1, 3), alpha.shape());
    assertEquals(Initializer.ZEROS, alpha.initializer());
    assertEquals(Shape.of(6, 6, 3), m.layer("prelu_full").orElseThrow().weights().get(0).shape());
    assertEquals(0.3, m.layer("leaky").orElseThrow().params().getDouble("negativeSlope"));
    assertEquals(0.5, m.layer("elu").orElseThrow().params().getDouble("alpha"));
    assertEquals(6.0, m.layer("relu").orElseThrow().params().getDouble("maxValue"));
    assertEquals(
        Double.POSITIVE_INFINITY,
        analyze(
                BCE,
                LayerSpec.of("r", LayerKind.RELU, Map.of("inputShape", List.of(2))),
                LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid")))
            .layer("r")
            .orElseThrow()
            .params()
            .getDouble("maxValue"),
        "Keras' max_value=None");
    // A Softmax layer over the last axis is the output's softmax: categorical cross-entropy fits
    // it.
    assertEquals(Activation.SOFTMAX, m.outputs().get(0).activation());
    assertEquals(3 * 3 * 3 + 3 + 3 + 6 * 6 * 3 + 6 * 6 * 3 * 4 + 4, m.paramCount());
  }

  @Test
  void activationLayerMistakesNameTheLayer() {
    LayerSpec out =
        LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"));
    List<Problem> p =
        problems(
            BCE,
            LayerSpec.of(
                "p",
                LayerKind.PRELU,
                Map.of("sharedAxes", List.of(3), "inputShape", List.of(4, 2))),
            out);
    assertEquals(
        "PReLU layer 'p' sharedAxes [3] name an axis beyond inputs of shape (None, 4, 2) (axis 1 is the first after the batch)",
        p.get(0).message());
    p =
        problems(
            BCE,
            LayerSpec.of("s", LayerKind.SOFTMAX, Map.of("axis", 2, "inputShape", List.of(4))),
            out);
    assertEquals(
        "Softmax layer 's' axis 2 is not an axis of one example of shape (None, 4) (1 is the first after the batch, -1 the last)",
        p.get(0).message());
    p =
        problems(
            BCE,
            LayerSpec.of(
                "r",
                LayerKind.RELU,
                Map.of("maxValue", -1.0, "negativeSlope", -0.5, "inputShape", List.of(4))),
            out);
    assertEquals(List.of("maxValue", "negativeSlope"), p.stream().map(Problem::param).toList());
    p =
        problems(
            BCE,
            LayerSpec.of(
                "l", LayerKind.LEAKY_RELU, Map.of("negativeSlope", -0.1, "inputShape", List.of(4))),
            out);
    assertEquals(
        "layer 'l' (LeakyReLU): negativeSlope must be >= 0.0, got -0.1", p.get(0).message());
  }
}
