package io.github.kestimator.runtime.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.input.InputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The untyped binding: maps in, checked against the model, the same batches a generated binding
 * fills.
 */
class MapBindingTest {
  /** Embedding ids in, Dense(1) out. */
  private static final Model WORDS =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "Words",
                  List.of(
                      LayerSpec.of(
                          "words",
                          LayerKind.EMBEDDING,
                          Map.of("inputDim", 10, "outputDim", 2, "inputLength", 3)),
                      LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
                      LayerSpec.of(
                          "score",
                          LayerKind.DENSE,
                          Map.of("units", 1, "activation", Activation.SIGMOID))),
                  new CompileSpec(
                      OptimizerSpec.of(OptimizerType.SGD),
                      Loss.BINARY_CROSSENTROPY,
                      false,
                      List.of())))
          .orThrow();

  private static final MapBinding BINDING = new MapBinding(WORDS);

  private static HostBatch batch(Map<String, Object> features, Map<String, Object> labels) {
    try (BatchStream s = Input.of(List.of(Example.of(features, labels))).open(BINDING)) {
      return s.next();
    }
  }

  @Test
  void takesArraysNumbersAndWholeFloatsAsIds() {
    HostBatch b = batch(Map.of("words_input", new float[] {1, 2, 3}), Map.of("score", 1));
    assertArrayEquals(new int[] {1, 2, 3}, b.intFeature(0));
    assertArrayEquals(new float[] {1}, b.floatLabel(0));
    HostBatch c =
        batch(Map.of("words_input", new int[] {4, 5, 6}), Map.of("score", new float[] {0}));
    assertArrayEquals(new int[] {4, 5, 6}, c.intFeature(0));
  }

  @Test
  void aMissingKeyOrAWrongValueNamesTheFeatureOrOutput() {
    InputException missing =
        assertThrows(
            InputException.class,
            () -> batch(Map.of("word_input", new int[3]), Map.of("score", 1)));
    assertEquals(
        "example 0: no feature 'words_input'; model 'Words' takes [words_input], got [word_input]",
        missing.getMessage());
    InputException label =
        assertThrows(
            InputException.class, () -> batch(Map.of("words_input", new int[3]), Map.of()));
    assertEquals(
        "example 0: no label 'score'; model 'Words' has outputs [score], got []",
        label.getMessage());
    InputException fraction =
        assertThrows(
            InputException.class,
            () -> batch(Map.of("words_input", new float[] {1, 2.5f, 3}), Map.of("score", 1)));
    assertEquals(
        "example 0: 'words_input' takes integer ids, got 2.5 at index 1", fraction.getMessage());
    InputException text =
        assertThrows(
            InputException.class, () -> batch(Map.of("words_input", "a b c"), Map.of("score", 1)));
    assertEquals(
        "example 0: 'words_input' must be an int[] (integer ids), got String", text.getMessage());
    InputException length =
        assertThrows(
            InputException.class,
            () -> batch(Map.of("words_input", new int[] {1, 2}), Map.of("score", 1)));
    assertEquals(
        "example 0: feature 'words_input' expects 3 values (shape 3), got 2", length.getMessage());
  }

  @Test
  void metricsAreByKeyWithTheGlobalStep() {
    assertEquals(
        Map.of("loss", 0.5, "global_step", 7.0),
        BINDING.metrics(new MetricValues(Map.of("loss", 0.5), 7)));
    assertEquals(null, BINDING.initialWeightsResource());
    assertEquals("/a/b.weights", new MapBinding(WORDS, "/a/b.weights").initialWeightsResource());
  }
}
