package test;

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
import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Binds model {@code Sentiment} to the runtime: generated estimators and predictors use {@link #INSTANCE}.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public final class SentimentBinding implements ModelBinding<SentimentFeatures, SentimentLabels, SentimentPredictions, SentimentMetrics> {
  public static final SentimentBinding INSTANCE = new SentimentBinding();

  /**
   * Analyzed from the spec the processor validated, so it cannot fail.
   */
  private final Model model = ModelAnalyzer.analyze(new ModelSpec("Sentiment",
      List.of(
        new LayerSpec("words", LayerKind.EMBEDDING, List.of(), Map.ofEntries(Map.entry("inputDim", 10000), Map.entry("outputDim", 64), Map.entry("inputLength", 100)), null),
        new LayerSpec("lstm", LayerKind.LSTM, List.of(), Map.ofEntries(Map.entry("units", 64)), null),
        new LayerSpec("dropout", LayerKind.DROPOUT, List.of(), Map.ofEntries(Map.entry("rate", 0.5)), null),
        new LayerSpec("score", LayerKind.DENSE, List.of(), Map.ofEntries(Map.entry("units", 1), Map.entry("activation", Activation.SIGMOID)), null)),
      new CompileSpec(new OptimizerSpec(OptimizerType.ADAM, Map.ofEntries(Map.entry("learningRate", 0.001))), Loss.BINARY_CROSSENTROPY, false, List.of(Metric.ACCURACY, Metric.AUC)))).orThrow();

  private SentimentBinding() {
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public void writeFeatures(SentimentFeatures features, TensorBatch batch, int row) {
    batch.put(0, row, features.words_input());
  }

  @Override
  public void writeLabels(SentimentLabels labels, TensorBatch batch, int row) {
    batch.put(0, row, labels.score());
  }

  @Override
  public SentimentFeatures readFeatures(ColumnReader columns) {
    return new SentimentFeatures(columns.getInts("words_input", 100));
  }

  @Override
  public SentimentLabels readLabels(ColumnReader columns) {
    return new SentimentLabels(columns.getFloat("score"));
  }

  @Override
  public SentimentPredictions prediction(OutputBatch outputs, int row) {
    return new SentimentPredictions(outputs.getFloat(0, row));
  }

  @Override
  public SentimentMetrics metrics(MetricValues values) {
    return new SentimentMetrics(
        values.get("loss"),
        values.get("accuracy"),
        values.get("auc"),
        values.globalStep());
  }
}
