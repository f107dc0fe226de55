package io.github.kestimator.runtime.graph;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds validated spec models for tests, as the annotation processor would. */
public final class TestModels {
  private TestModels() {}

  public static LayerSpec layer(String name, LayerKind kind, Object... args) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      m.put((String) args[i], args[i + 1]);
    }
    return LayerSpec.of(name, kind, m);
  }

  public static Model model(Loss loss, OptimizerSpec optimizer, LayerSpec... layers) {
    return model(loss, false, optimizer, List.of(), layers);
  }

  public static Model model(
      Loss loss,
      boolean fromLogits,
      OptimizerSpec optimizer,
      List<Metric> metrics,
      LayerSpec... layers) {
    return ModelAnalyzer.analyze(
            new ModelSpec(
                "test",
                Arrays.asList(layers),
                new CompileSpec(optimizer, loss, fromLogits, metrics)))
        .orThrow();
  }

  public static OptimizerSpec adam(double lr) {
    return new OptimizerSpec(OptimizerType.ADAM, Map.of("learningRate", lr));
  }
}
