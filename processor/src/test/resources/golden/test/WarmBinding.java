package test;

import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.GeneratedBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import javax.annotation.processing.Generated;

/**
 * Binds model {@code Warm} to the runtime for {@link WarmEstimator} and
 * {@link WarmPredictor}: the model as the annotation processor validated it, and the copies
 * between the records and the runtime's buffers.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
final class WarmBinding extends GeneratedBinding<WarmFeatures, WarmLabels, WarmPredictions, WarmMetrics> {
  static final WarmBinding INSTANCE = new WarmBinding();

  private WarmBinding() {
    super("{\"format\":1,\"name\":\"Warm\",\"layers\":[\n"
            + "{\"name\":\"out\",\"kind\":\"DENSE\",\"args\":{\"units\":2,\"inputShape\":[3]}}],\n"
            + "\"compile\":{\"optimizer\":{\"type\":\"ADAM\"},\"loss\":\"MEAN_SQUARED_ERROR\",\"fromLogits\":false,\"metrics\":[]}}");
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
