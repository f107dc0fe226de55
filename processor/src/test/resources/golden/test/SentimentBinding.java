package test;

import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.GeneratedBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import javax.annotation.processing.Generated;

/**
 * Binds model {@code Sentiment} to the runtime for {@link SentimentEstimator} and
 * {@link SentimentPredictor}: the model as the annotation processor validated it, and the copies
 * between the records and the runtime's buffers.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
final class SentimentBinding extends GeneratedBinding<SentimentFeatures, SentimentLabels, SentimentPredictions, SentimentMetrics> {
  static final SentimentBinding INSTANCE = new SentimentBinding();

  private SentimentBinding() {
    super("{\"format\":1,\"name\":\"Sentiment\",\"layers\":[\n"
            + "{\"name\":\"words\",\"kind\":\"EMBEDDING\",\"args\":{\"inputDim\":10000,\"outputDim\":64,\"inputLength\":100}},\n"
            + "{\"name\":\"lstm\",\"kind\":\"LSTM\",\"args\":{\"units\":64}},\n"
            + "{\"name\":\"dropout\",\"kind\":\"DROPOUT\",\"args\":{\"rate\":0.5}},\n"
            + "{\"name\":\"score\",\"kind\":\"DENSE\",\"args\":{\"units\":1,\"activation\":\"SIGMOID\"}}],\n"
            + "\"compile\":{\"optimizer\":{\"type\":\"ADAM\",\"args\":{\"learningRate\":0.001}},\"loss\":\"BINARY_CROSSENTROPY\",\"fromLogits\":false,\"metrics\":[\"ACCURACY\",\"AUC\"]}}");
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
