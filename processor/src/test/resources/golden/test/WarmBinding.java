package test;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Binds model {@code Warm} to the runtime: generated estimators and predictors use {@link #INSTANCE}.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public final class WarmBinding implements ModelBinding<WarmFeatures, WarmLabels, WarmPredictions, WarmMetrics> {
  public static final WarmBinding INSTANCE = new WarmBinding();

  /**
   * Analyzed from the spec the processor validated, so it cannot fail.
   */
  private final Model model = ModelAnalyzer.analyze(new ModelSpec("Warm",
      List.of(
        new LayerSpec("out", LayerKind.DENSE, List.of(), Map.ofEntries(Map.entry("units", 2), Map.entry("inputShape", List.of(3))), null)),
      new CompileSpec(new OptimizerSpec(OptimizerType.ADAM, Map.of()), Loss.MEAN_SQUARED_ERROR, false, List.of()))).orThrow();

  private WarmBinding() {
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public void writeFeatures(WarmFeatures features, TensorBatch batch, int row) {
    batch.put(0, row, features.out_input());
  }

  @Override
  public void writeLabels(WarmLabels labels, TensorBatch batch, int row) {
    batch.put(0, row, labels.out());
  }

  @Override
  public WarmFeatures readFeatures(ColumnReader columns) {
    return new WarmFeatures(columns.getFloats("out_input", 3));
  }

  @Override
  public WarmLabels readLabels(ColumnReader columns) {
    return new WarmLabels(columns.getFloats("out", 2));
  }

  @Override
  public WarmPredictions prediction(OutputBatch outputs, int row) {
    return new WarmPredictions(outputs.getFloats(0, row));
  }

  @Override
  public WarmMetrics metrics(MetricValues values) {
    return new WarmMetrics(
        values.get("loss"),
        values.globalStep());
  }

  /**
   * From {@code @KerasModel(weights = ...)}: the runtime warm-starts a fresh model directory from it.
   */
  @Override
  public String initialWeightsResource() {
    return "Warm.weights";
  }
}
