package io.github.kestimator.maven;

import io.github.kestimator.keras.KerasModel;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.OutputLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compile settings given in the plugin configuration; every component may be null (not given).
 * {@link #resolve} layers them: a model's own settings, then the plugin-wide ones, then what the
 * Keras file says ({@code training_config} / {@code compile_config}), then the defaults {@code
 * binary_crossentropy} with {@code adam} and no metrics. A file with a loss per output keeps it
 * (with the {@code fromLogits} and {@code metrics} given here applied to each output) unless a
 * {@code loss} is given here, which is then every output's.
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
   * null): the file's ({@link KerasModel.Training#compile(Loss)}, with binary cross-entropy where
   * it names no loss), with each setting given here in its place.
   */
  public CompileSpec resolve(KerasModel.Training training) {
    CompileSpec file =
        (training == null ? new KerasModel.Training(null, null, null, null) : training)
            .compile(Loss.BINARY_CROSSENTROPY);
    OptimizerSpec opt = file.optimizer();
    if (optimizer != null && opt.type() != optimizer) {
      opt = OptimizerSpec.of(optimizer);
    }
    if (learningRate != null) {
      Map<String, Object> args = new LinkedHashMap<>(opt.args());
      args.put("learningRate", learningRate);
      opt = new OptimizerSpec(opt.type(), args);
    }
    if (loss == null && file.perOutput()) {
      // The file's loss, weight and metrics per output; fromLogits and metrics given here replace
      // each output's.
      List<OutputLoss> outputs = new ArrayList<>();
      for (OutputLoss o : file.outputs()) {
        outputs.add(
            new OutputLoss(
                o.output(),
                o.loss(),
                fromLogits != null ? fromLogits : o.fromLogits(),
                o.weight(),
                metrics != null ? metrics : o.metrics()));
      }
      return CompileSpec.perOutput(opt, outputs);
    }
    return new CompileSpec(
        opt,
        loss != null ? loss : file.loss(),
        fromLogits != null ? fromLogits : file.fromLogits(),
        metrics != null ? metrics : file.metrics());
  }
}
