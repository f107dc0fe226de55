package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer takes only its own parameters, each in Keras' range, and {@code inputShape} and
 * {@code inputName} belong to the first layer of a sequential model only: anything else is one
 * problem naming the parameter, so the processor can point at that annotation value.
 */
class ParamChecksTest {
  private static final LayerSpec OUT =
      LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1, "inputShape", List.of(4)));

  private static ModelAnalyzer.Analysis analyze(
      OptimizerType type, Map<String, Object> args, LayerSpec... layers) {
    CompileSpec c =
        new CompileSpec(new OptimizerSpec(type, args), Loss.MEAN_SQUARED_ERROR, false, List.of());
    return ModelAnalyzer.analyze(new ModelSpec("M", List.of(layers), c));
  }

  /**
   * The one problem of a model with one Dense layer and this optimizer, about one of {@code args}.
   */
  private static Problem optimizerProblem(OptimizerType type, Map<String, Object> args) {
    List<Problem> p = analyze(type, args, OUT).problems();
    assertEquals(1, p.size(), p.toString());
    assertNull(p.get(0).layer(), "about the model's @Compile, not a layer");
    assertTrue(args.containsKey(p.get(0).param()), "about a given parameter: " + p.get(0).param());
    return p.get(0);
  }

  private static Problem layerProblem(LayerSpec... layers) {
    List<Problem> p = analyze(OptimizerType.ADAM, Map.of(), layers).problems();
    assertEquals(1, p.size(), p.toString());
    return p.get(0);
  }

  @Test
  void sgdTakesNoBeta1AndTheMessageSaysWhoDoesAndWhatSgdTakes() {
    Problem p = optimizerProblem(OptimizerType.SGD, Map.of("beta1", 0.5));
    assertEquals(Diagnostic.UNKNOWN_PARAM, p.code());
    assertEquals(
        "optimizer SGD takes no parameter 'beta1' (ADAM, ADAMW, ADAMAX and NADAM take it); SGD takes"
            + " learningRate, momentum, nesterov, clipNorm, clipValue, decay and schedule",
        p.message());
  }

  @Test
  void adamTakesNoMomentum() {
    Problem p = optimizerProblem(OptimizerType.ADAM, Map.of("momentum", 0.9));
    assertEquals(Diagnostic.UNKNOWN_PARAM, p.code());
    assertTrue(
        p.message()
            .startsWith("optimizer ADAM takes no parameter 'momentum' (SGD and RMSPROP take it)"),
        p.message());
  }

  @Test
  void aParameterNoOptimizerTakesGetsADidYouMean() {
    Problem p = optimizerProblem(OptimizerType.ADAM, Map.of("beta_1", 0.9));
    assertTrue(
        p.message().startsWith("optimizer ADAM takes no parameter 'beta_1'; did you mean 'beta1'?"),
        p.message());
  }

  @Test
  void outOfRangeOptimizerValues() {
    assertEquals(
        "optimizer SGD: learningRate must be > 0.0, got -1.0",
        optimizerProblem(OptimizerType.SGD, Map.of("learningRate", -1.0)).message());
    assertEquals(
        "optimizer ADAM: learningRate must be > 0.0, got 0.0",
        optimizerProblem(OptimizerType.ADAM, Map.of("learningRate", 0)).message());
    assertEquals(
        "optimizer ADAM: beta1 must be in [0.0, 1.0), got 1.0",
        optimizerProblem(OptimizerType.ADAM, Map.of("beta1", 1.0)).message());
    assertEquals(
        "optimizer NADAM: beta2 must be in [0.0, 1.0), got -0.5",
        optimizerProblem(OptimizerType.NADAM, Map.of("beta2", -0.5)).message());
    assertEquals(
        "optimizer SGD: momentum must be in [0.0, 1.0], got -0.1",
        optimizerProblem(OptimizerType.SGD, Map.of("momentum", -0.1)).message());
    assertEquals(
        "optimizer RMSPROP: rho must be in [0.0, 1.0), got -1.0",
        optimizerProblem(OptimizerType.RMSPROP, Map.of("rho", -1.0)).message(),
        "no more 'negative means default'");
    assertEquals(
        "optimizer ADAMAX: epsilon must be > 0.0, got 0.0",
        optimizerProblem(OptimizerType.ADAMAX, Map.of("epsilon", 0.0)).message());
    assertEquals(
        "optimizer SGD: clipValue must be > 0.0, got 0.0",
        optimizerProblem(OptimizerType.SGD, Map.of("clipValue", 0.0)).message());
    assertEquals(
        "optimizer FTRL: learningRatePower must be <= 0.0, got 0.1",
        optimizerProblem(OptimizerType.FTRL, Map.of("learningRatePower", 0.1)).message());
    for (Problem p :
        List.of(
            optimizerProblem(OptimizerType.SGD, Map.of("learningRate", -1.0)),
            optimizerProblem(OptimizerType.ADAM, Map.of("beta1", 1.0)))) {
      assertEquals(Diagnostic.BAD_PARAM, p.code());
    }
  }

  /**
   * Keras' CosineDecay warms up from its initial rate, which may be 0; a negative one is still
   * wrong.
   */
  @Test
  void withAScheduleTheLearningRateIsItsStartAndMayBeZero() {
    LearningRateSchedule warmup = LearningRateSchedule.cosineDecay(100, 0, 0.1, 10);
    Model m =
        analyze(OptimizerType.ADAM, Map.of("learningRate", 0.0, "schedule", warmup), OUT).orThrow();
    assertEquals(0.0, m.learningRate());
    assertEquals(0.05, m.optimizer().schedule("schedule").at(m.learningRate(), 5), 1e-12);
    assertEquals(
        "optimizer ADAM: learningRate must be >= 0.0, got -1.0",
        optimizerProblem(OptimizerType.ADAM, Map.of("learningRate", -1.0, "schedule", warmup))
            .message());
  }

  @Test
  void sgdMomentumOfOneIsKerasOwnUpperBound() {
    assertTrue(analyze(OptimizerType.SGD, Map.of("momentum", 1.0), OUT).ok());
  }

  @Test
  void parametersNotGivenTakeTheOptimizersOwnKerasDefaults() {
    Model sgd = analyze(OptimizerType.SGD, Map.of(), OUT).orThrow();
    assertEquals(0.01, sgd.learningRate());
    assertEquals(
        List.of(
            "learningRate", "momentum", "nesterov", "clipNorm", "clipValue", "decay", "schedule"),
        List.copyOf(sgd.optimizer().asMap().keySet()));
    assertEquals(0.001, analyze(OptimizerType.ADAM, Map.of(), OUT).orThrow().learningRate());
    assertEquals(
        0.9, analyze(OptimizerType.RMSPROP, Map.of(), OUT).orThrow().optimizer().getDouble("rho"));
    assertEquals(
        0.95,
        analyze(OptimizerType.ADADELTA, Map.of(), OUT).orThrow().optimizer().getDouble("rho"));
    assertEquals(
        0.0,
        analyze(OptimizerType.ADAM, Map.of(), OUT).orThrow().optimizer().getDouble("clipNorm"),
        "not given: no clipping");
    assertEquals(
        0.5,
        analyze(OptimizerType.ADAM, Map.of("learningRate", 0.5), OUT).orThrow().learningRate());
  }

  @Test
  void everyOptimizerTakesLearningRateClippingDecayAndSchedule() {
    for (OptimizerType type : OptimizerType.values()) {
      for (String common : List.of("learningRate", "clipNorm", "clipValue", "decay", "schedule")) {
        assertNotNull(type.param(common), type + "." + common);
      }
    }
  }

  @Test
  void inputShapeOnTheSecondLayer() {
    Problem p =
        layerProblem(
            OUT,
            LayerSpec.of("next", LayerKind.DENSE, Map.of("units", 1, "inputShape", List.of(1))));
    assertEquals(Diagnostic.BAD_PARAM, p.code());
    assertEquals("next", p.layer());
    assertEquals("inputShape", p.param());
    assertEquals(
        "layer 'next' (Dense): only the first layer of a sequential model takes inputShape (the shape of the"
            + " model's input); 'next' is fed by 'out', whose output shape it takes: remove inputShape here",
        p.message());
  }

  @Test
  void inputShapeOnALayerFedByAnInputAndOnAnInput() {
    Problem p =
        layerProblem(
            LayerSpec.of("x", LayerKind.INPUT, Map.of("shape", List.of(4))),
            LayerSpec.of("d", LayerKind.DENSE, Map.of("units", 1, "inputShape", List.of(4)))
                .from("x"));
    assertEquals("inputShape", p.param());
    assertTrue(p.message().contains("'d' is fed by 'x'"), p.message());
    p =
        layerProblem(
            LayerSpec.of(
                "x", LayerKind.INPUT, Map.of("shape", List.of(4), "inputShape", List.of(4))),
            LayerSpec.of("d", LayerKind.DENSE, Map.of("units", 1)));
    assertEquals(
        "layer 'x' (InputLayer): only the first layer of a sequential model takes inputShape (the shape of the"
            + " model's input); an input layer's shape is its shape",
        p.message());
  }

  @Test
  void inputNameOnALayerThatIsNotTheFirst() {
    Problem p =
        layerProblem(
            OUT, LayerSpec.of("next", LayerKind.DENSE, Map.of("units", 1, "inputName", "score")));
    assertEquals(Diagnostic.BAD_PARAM, p.code());
    assertEquals("inputName", p.param());
    assertTrue(
        analyze(
                OptimizerType.ADAM,
                Map.of(),
                LayerSpec.of(
                    "x", LayerKind.INPUT, Map.of("shape", List.of(4), "inputName", "features")),
                LayerSpec.of("d", LayerKind.DENSE, Map.of("units", 1)))
            .ok(),
        "an input layer names its own feature");
  }

  @Test
  void anEmbeddingsGivenInputLengthMustMatchItsInputAsInKeras2() {
    LayerSpec flat = LayerSpec.of("f", LayerKind.FLATTEN, Map.of());
    LayerSpec out = LayerSpec.of("o", LayerKind.DENSE, Map.of("units", 1));
    Problem p =
        layerProblem(
            LayerSpec.of(
                "ids", LayerKind.INPUT, Map.of("shape", List.of(20), "dtype", DType.INT32)),
            LayerSpec.of(
                "e",
                LayerKind.EMBEDDING,
                Map.of("inputDim", 10, "outputDim", 2, "inputLength", 10)),
            flat,
            out);
    assertEquals(Diagnostic.SHAPE, p.code());
    assertEquals("inputLength", p.param());
    p =
        layerProblem(
            LayerSpec.of(
                "e",
                LayerKind.EMBEDDING,
                Map.of(
                    "inputDim", 10, "outputDim", 2, "inputLength", 10, "inputShape", List.of(12))),
            flat,
            out);
    assertEquals(
        "Embedding layer 'e' has inputLength = 10, but its input 'e_input' gives (None, 12): a given"
            + " inputLength must be the length of the input sequence (or leave it out)",
        p.message());
    assertTrue(
        analyze(
                OptimizerType.ADAM,
                Map.of(),
                LayerSpec.of(
                    "ids", LayerKind.INPUT, Map.of("shape", List.of(10), "dtype", DType.INT32)),
                LayerSpec.of(
                    "e",
                    LayerKind.EMBEDDING,
                    Map.of("inputDim", 10, "outputDim", 2, "inputLength", 10)),
                flat,
                out)
            .ok());
  }

  @Test
  void everyKindIsFoundByItsAnnotationName() {
    for (LayerKind kind : LayerKind.values()) {
      assertEquals(kind, LayerKind.fromAnnotation(kind.annotationName()), kind.annotationName());
      for (ParamDef d : kind.params()) {
        assertEquals(
            d.name(), kind.paramOfElement(kind.annotationElement(d.name())), kind + "." + d.name());
      }
    }
    assertEquals("value", LayerKind.ACTIVATION_LAYER.annotationElement("activation"));
    assertNull(
        LayerKind.fromAnnotation("Activation"),
        "Activation is the enum; the layer is @ActivationLayer");
  }
}
