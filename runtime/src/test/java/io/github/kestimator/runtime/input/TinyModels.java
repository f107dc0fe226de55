package io.github.kestimator.runtime.input;

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
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.binding.MapBinding;
import java.util.List;
import java.util.Map;

/**
 * Two tiny models, bound to the runtime by the real {@link MapBinding} (features and labels are
 * maps keyed by feature and output names).
 */
final class TinyModels {
  private TinyModels() {}

  /**
   * Words: Embedding(inputDim 10, inputLength 3) -> Flatten -> Dense(1, sigmoid); int[3] in, float
   * label.
   */
  static final Model WORDS =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "Words",
                  List.of(
                      LayerSpec.of(
                          "words",
                          LayerKind.EMBEDDING,
                          Map.of("inputDim", 10, "outputDim", 4, "inputLength", 3)),
                      LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
                      LayerSpec.of(
                          "score",
                          LayerKind.DENSE,
                          Map.of(
                              "units",
                              1,
                              "activation",
                              io.github.kestimator.model.Activation.SIGMOID))),
                  new CompileSpec(
                      OptimizerSpec.of(OptimizerType.ADAM),
                      Loss.BINARY_CROSSENTROPY,
                      false,
                      List.of(Metric.ACCURACY))))
          .orThrow();

  /** Points: Dense(3 classes, softmax, inputShape 2); float[2] in, sparse int class label. */
  static final Model POINTS =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "Points",
                  List.of(
                      LayerSpec.of(
                          "classify",
                          LayerKind.DENSE,
                          Map.of(
                              "units",
                              3,
                              "inputShape",
                              List.of(2),
                              "activation",
                              io.github.kestimator.model.Activation.SOFTMAX))),
                  new CompileSpec(
                      OptimizerSpec.of(OptimizerType.SGD),
                      Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
                      false,
                      List.of())))
          .orThrow();

  static MapBinding words() {
    return new MapBinding(WORDS);
  }

  static MapBinding points() {
    return new MapBinding(POINTS);
  }

  /** A Words example: token ids and a label. */
  static Example<Map<String, Object>, Map<String, Object>> word(int[] ids, float label) {
    return Example.of(Map.of("words_input", ids), Map.of("score", label));
  }
}
