package io.github.kestimator.runtime;

import io.github.kestimator.model.Activation;
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
import io.github.kestimator.runtime.binding.MapBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A tiny logistic regression, Dense(1, sigmoid) on 4 floats, bound to the runtime by the real
 * {@link MapBinding}: features {@code score_input -> float[4]}, labels and predictions {@code score
 * -> float[1]}, metrics by key ({@code loss}, {@code accuracy}, {@code global_step}).
 */
final class Tiny {
  private Tiny() {}

  static final Model MODEL = tinyModel("Tiny", 4, 0.5);
  static final MapBinding BINDING = new MapBinding(MODEL);

  /**
   * The estimator over MapBinding's types (its constructor is protected, for generated subclasses).
   */
  static final class TinyEstimator
      extends Estimator<
          Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
    TinyEstimator(MapBinding binding, RunConfig config) {
      super(binding, config);
    }

    TinyEstimator(MapBinding binding, RunConfig config, Supplier<InitialWeights> weights) {
      super(binding, config, weights);
    }

    static TinyEstimator of(RunConfig config) {
      return new TinyEstimator(BINDING, config);
    }
  }

  static Model tinyModel(String name, int inputs, double learningRate) {
    return ModelAnalyzer.analyze(
            new ModelSpec(
                name,
                List.of(
                    LayerSpec.of(
                        "score",
                        LayerKind.DENSE,
                        Map.of(
                            "units",
                            1,
                            "activation",
                            Activation.SIGMOID,
                            "inputShape",
                            List.of(inputs)))),
                new CompileSpec(
                    new OptimizerSpec(OptimizerType.SGD, Map.of("learningRate", learningRate)),
                    Loss.BINARY_CROSSENTROPY,
                    false,
                    List.of(Metric.ACCURACY))))
        .orThrow();
  }

  /** A Predictor of Tiny's exports. */
  static Predictor<Map<String, Object>, Map<String, float[]>> predictor(Path export) {
    return new Predictor<>(BINDING, export);
  }

  /** One example's features. */
  static Map<String, Object> features(float[] x) {
    return Map.of("score_input", x);
  }

  /** The features' values. */
  static float[] x(Map<String, Object> features) {
    return (float[]) features.get("score_input");
  }

  /** A prediction's score. */
  static float score(Map<String, float[]> prediction) {
    return prediction.get("score")[0];
  }

  /** An evaluation's global step. */
  static long step(Map<String, Double> metrics) {
    return metrics.get("global_step").longValue();
  }

  static double loss(Map<String, Double> metrics) {
    return metrics.get("loss");
  }

  static double accuracy(Map<String, Double> metrics) {
    return metrics.get("accuracy");
  }

  /** {@code n} examples labelled by a fixed linear rule, the same for the same seed. */
  static List<Example<Map<String, Object>, Map<String, Object>>> data(int n, long seed) {
    Random r = new Random(seed);
    List<Example<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[4];
      for (int j = 0; j < 4; j++) {
        x[j] = (float) r.nextGaussian();
      }
      float y = x[0] + 0.5f * x[1] - x[2] > 0 ? 1f : 0f;
      out.add(Example.of(features(x), Map.of("score", y)));
    }
    return out;
  }

  static List<Map<String, Object>> features(
      List<Example<Map<String, Object>, Map<String, Object>>> data) {
    return data.stream().map(Example::features).toList();
  }

  /** 320 examples in 10 batches of 32, repeated in the same order forever. */
  static Input<Map<String, Object>, Map<String, Object>> trainInput() {
    return Input.of(data(320, 1)).batch(32).repeat();
  }

  static Input<Map<String, Object>, Map<String, Object>> evalInput() {
    return Input.of(data(128, 2)).batch(64);
  }

  static RunConfig.Builder config(Path dir) {
    return RunConfig.builder()
        .modelDir(dir)
        .randomSeed(7)
        .saveCheckpointsSteps(50)
        .saveSummarySteps(20)
        .logStepCountSteps(100);
  }

  static TinyEstimator estimator(RunConfig config) {
    return TinyEstimator.of(config);
  }
}
