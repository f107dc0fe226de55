package io.github.kestimator.maven;

import io.github.kestimator.keras.KerasModel;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compile settings given in the plugin configuration; every component may be null (not given).
 * {@link #resolve} layers them: a model's own settings, then the plugin-wide ones, then what the
 * Keras file says ({@code training_config} / {@code compile_config}), then the defaults {@code
 * binary_crossentropy} with {@code adam} and no metrics.
 */
public record CompileOptions(
    Loss loss,
    Boolean fromLogits,
    OptimizerType optimizer,
    Double learningRate,
    List<Metric> metrics) {
  public static final CompileOptions NONE = new CompileOptions(null, null, null, null, null);

  public CompileOptions {
    metrics = metrics == null ? null : List.copyOf(metrics);
  }

  /** These settings where given, else {@code fallback}'s. */
  public CompileOptions orElse(CompileOptions fallback) {
    return new CompileOptions(
        loss != null ? loss : fallback.loss,
        fromLogits != null ? fromLogits : fallback.fromLogits,
        optimizer != null ? optimizer : fallback.optimizer,
        learningRate != null ? learningRate : fallback.learningRate,
        metrics != null ? metrics : fallback.metrics);
  }

  /**
   * The compile settings in force for a model read from a Keras file with {@code training} (may be
   * null).
   */
  public CompileSpec resolve(KerasModel.Training training) {
    KerasModel.Training t =
        training == null ? new KerasModel.Training(null, null, null, null) : training;
    Loss l = loss != null ? loss : t.loss() != null ? t.loss() : Loss.BINARY_CROSSENTROPY;
    boolean logits = fromLogits != null ? fromLogits : t.fromLogits() != null && t.fromLogits();
    OptimizerSpec fileOptimizer = t.optimizer();
    OptimizerSpec opt;
    if (optimizer != null && (fileOptimizer == null || fileOptimizer.type() != optimizer)) {
      opt = OptimizerSpec.of(optimizer);
    } else {
      opt = fileOptimizer != null ? fileOptimizer : OptimizerSpec.of(OptimizerType.ADAM);
    }
    if (learningRate != null) {
      Map<String, Object> args = new LinkedHashMap<>(opt.args());
      args.put("learningRate", learningRate);
      opt = new OptimizerSpec(opt.type(), args);
    }
    List<Metric> m = metrics != null ? metrics : t.metrics() != null ? t.metrics() : List.of();
    return new CompileSpec(opt, l, logits, m);
  }
}
