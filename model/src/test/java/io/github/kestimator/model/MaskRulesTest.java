package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which layer outputs carry a mask ({@link Layer#masked()}), each rule as Keras 3.15.1 decides it:
 * the expected values were read from real Keras ({@code supports_masking} and the {@code
 * _keras_mask} of each layer's output after {@code Masking()} on a {@code (5, 4)} input).
 */
class MaskRulesTest {
  static final CompileSpec MSE =
      new CompileSpec(
          OptimizerSpec.of(OptimizerType.ADAM), Loss.MEAN_SQUARED_ERROR, false, List.of());

  static Stream<Arguments> singleInput() {
    return Stream.of(
        Arguments.of(LayerKind.DENSE, Map.of("units", 3), true),
        Arguments.of(LayerKind.DROPOUT, Map.of("rate", 0.1), true),
        Arguments.of(LayerKind.ACTIVATION_LAYER, Map.of("activation", "relu"), true),
        Arguments.of(LayerKind.LEAKY_RELU, Map.of(), true),
        Arguments.of(LayerKind.PRELU, Map.of(), true),
        Arguments.of(LayerKind.ELU, Map.of(), true),
        Arguments.of(LayerKind.RELU, Map.of(), true),
        Arguments.of(LayerKind.LAYER_NORMALIZATION, Map.of(), true),
        Arguments.of(
            LayerKind.NORMALIZATION, Map.of("mean", List.of(0.0), "variance", List.of(1.0)), true),
        Arguments.of(LayerKind.MASKING, Map.of(), true),
        Arguments.of(LayerKind.FLATTEN, Map.of(), false),
        Arguments.of(LayerKind.RESHAPE, Map.of("targetShape", List.of(20)), false),
        Arguments.of(LayerKind.CONV1D, Map.of("filters", 2, "kernelSize", List.of(2)), false),
        Arguments.of(LayerKind.MAX_POOLING1D, Map.of(), false),
        Arguments.of(LayerKind.AVERAGE_POOLING1D, Map.of(), false),
        Arguments.of(LayerKind.GLOBAL_MAX_POOLING1D, Map.of(), false),
        Arguments.of(LayerKind.GLOBAL_AVERAGE_POOLING1D, Map.of(), false),
        Arguments.of(LayerKind.LSTM, Map.of("units", 3), false),
        Arguments.of(LayerKind.LSTM, Map.of("units", 3, "returnSequences", true), true),
        Arguments.of(LayerKind.GRU, Map.of("units", 3, "returnSequences", true), true),
        Arguments.of(LayerKind.SIMPLE_RNN, Map.of("units", 3), false));
  }

  /** {@code values (5, 4) -> Masking -> kind -> Flatten -> Dense(1)}: is kind's output masked? */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("singleInput")
  void eachKindPassesConsumesOrDropsTheMaskAsKeras(
      LayerKind kind, Map<String, Object> args, boolean masked) {
    Model m = model(LayerSpec.of("x", kind, args));
    assertEquals(masked, m.layer("x").orElseThrow().masked(), kind + " " + args);
    assertTrue(m.layer("m").orElseThrow().masked());
    assertFalse(m.layer("flat").orElseThrow().masked(), "Flatten drops it");
  }

  @Test
  void bidirectionalPassesTheMaskOnlyWithReturnSequences() {
    for (boolean sequences : new boolean[] {false, true}) {
      LayerSpec lstm =
          LayerSpec.of("x", LayerKind.LSTM, Map.of("units", 2, "returnSequences", sequences));
      Model m = model(new LayerSpec("x", LayerKind.BIDIRECTIONAL, List.of(), Map.of(), lstm));
      assertEquals(sequences, m.layer("x").orElseThrow().masked());
    }
  }

  @Test
  void embeddingMakesAMaskOnlyWithMaskZero() {
    for (boolean maskZero : new boolean[] {false, true}) {
      Model m =
          ModelAnalyzerTest.analyze(
              MSE,
              LayerSpec.of(
                  "e",
                  LayerKind.EMBEDDING,
                  Map.of("inputDim", 10, "outputDim", 3, "inputLength", 4, "maskZero", maskZero)),
              LayerSpec.of("lstm", LayerKind.LSTM, Map.of("units", 2)),
              LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1)));
      assertEquals(maskZero, m.layer("e").orElseThrow().masked());
      assertFalse(m.layer("lstm").orElseThrow().masked(), "an LSTM without sequences consumes it");
    }
  }

  /** Keras: Concatenate keeps a mask when any input has one; Add (a merge) only when all do. */
  @Test
  void mergesJoinMasksAsKeras() {
    assertEquals(List.of(true, false), merged(false));
    assertEquals(List.of(true, true), merged(true));
  }

  private static List<Boolean> merged(boolean bothMasked) {
    List<LayerSpec> l = new ArrayList<>();
    l.add(LayerSpec.of("a", LayerKind.INPUT, Map.of("shape", List.of(5, 4))));
    l.add(LayerSpec.of("b", LayerKind.INPUT, Map.of("shape", List.of(5, 4))));
    l.add(new LayerSpec("ma", LayerKind.MASKING, List.of("a"), Map.of(), null));
    l.add(
        new LayerSpec(
            "mb",
            bothMasked ? LayerKind.MASKING : LayerKind.DROPOUT,
            List.of("b"),
            bothMasked ? Map.of() : Map.of("rate", 0.1),
            null));
    l.add(new LayerSpec("cat", LayerKind.CONCATENATE, List.of("ma", "mb"), Map.of(), null));
    l.add(new LayerSpec("add", LayerKind.ADD, List.of("ma", "mb"), Map.of(), null));
    l.add(new LayerSpec("j", LayerKind.CONCATENATE, List.of("cat", "add"), Map.of(), null));
    l.add(LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()));
    l.add(LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1)));
    Model m = ModelAnalyzerTest.analyze(MSE, l.toArray(LayerSpec[]::new));
    return List.of(m.layer("cat").orElseThrow().masked(), m.layer("add").orElseThrow().masked());
  }

  /** Keras' Softmax fails on a per-step mask; its BatchNormalization uses it for the statistics. */
  @Test
  void layersThatWouldUseTheMaskDifferentlyAreRefusedNamingIt() {
    for (LayerSpec l :
        List.of(
            LayerSpec.of("x", LayerKind.SOFTMAX, Map.of()),
            LayerSpec.of("x", LayerKind.BATCH_NORMALIZATION, Map.of()))) {
      List<Problem> p = problems(l);
      assertEquals(1, p.size(), p.toString());
      assertEquals(Diagnostic.MASK, p.get(0).code());
      assertEquals("x", p.get(0).layer());
      assertTrue(p.get(0).message().contains("receives a mask from 'm'"), p.get(0).message());
    }
  }

  @Test
  void anOutputThatCarriesAMaskIsRefused() {
    var a =
        ModelAnalyzer.analyze(
            new ModelSpec(
                "M",
                List.of(
                    LayerSpec.of("m", LayerKind.MASKING, Map.of("inputShape", List.of(5, 4))),
                    LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1))),
                MSE));
    assertFalse(a.ok());
    assertEquals(Diagnostic.MASK, a.problems().get(0).code());
    assertTrue(
        a.problems().get(0).message().contains("Keras weighs its loss and metrics by that mask"),
        a.problems().get(0).message());
  }

  /** A masked output's @OutputLoss is not a second problem ("not an output"): the mask is. */
  @Test
  void aMaskedOutputWithItsOwnLossIsOneProblem() {
    List<LayerSpec> l =
        List.of(
            LayerSpec.of("m", LayerKind.MASKING, Map.of("inputShape", List.of(5, 4))),
            LayerSpec.of("steps", LayerKind.DENSE, Map.of("units", 1)),
            new LayerSpec("flat", LayerKind.FLATTEN, List.of("m"), Map.of(), null),
            LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1)));
    CompileSpec perOutput =
        CompileSpec.perOutput(
            OptimizerSpec.of(OptimizerType.ADAM),
            List.of(
                new OutputLoss("steps", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of()),
                new OutputLoss("out", Loss.MEAN_ABSOLUTE_ERROR, false, 0.5, List.of())));
    var a = ModelAnalyzer.analyze(new ModelSpec("M", l, perOutput));
    assertEquals(1, a.problems().size(), a.problems().toString());
    assertEquals(Diagnostic.MASK, a.problems().get(0).code());
    assertEquals("steps", a.problems().get(0).layer());
  }

  private static Model model(LayerSpec x) {
    return ModelAnalyzerTest.analyze(MSE, layers(x).toArray(LayerSpec[]::new));
  }

  private static List<Problem> problems(LayerSpec x) {
    return ModelAnalyzerTest.problems(MSE, layers(x).toArray(LayerSpec[]::new));
  }

  private static List<LayerSpec> layers(LayerSpec x) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("inputShape", List.of(5, 4));
    return List.of(
        LayerSpec.of("m", LayerKind.MASKING, in),
        x,
        LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
        LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1)));
  }
}
