package test;

import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.GeneratedBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import javax.annotation.processing.Generated;

/**
 * Binds model {@code Reviews} to the runtime for {@link ReviewsEstimator} and
 * {@link ReviewsPredictor}: the model as the annotation processor validated it, and the copies
 * between the records and the runtime's buffers.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
final class ReviewsBinding extends GeneratedBinding<ReviewsFeatures, ReviewsLabels, ReviewsPredictions, ReviewsMetrics> {
  static final ReviewsBinding INSTANCE = new ReviewsBinding();

  private ReviewsBinding() {
    super("{\"format\":1,\"name\":\"Reviews\",\"layers\":[\n"
            + "{\"name\":\"text\",\"kind\":\"TEXT_VECTORIZATION\",\"args\":{\"maxTokens\":20,\"outputSequenceLength\":8,\"inputName\":\"review\"}},\n"
            + "{\"name\":\"words\",\"kind\":\"EMBEDDING\",\"args\":{\"inputDim\":21,\"outputDim\":4}},\n"
            + "{\"name\":\"pool\",\"kind\":\"GLOBAL_AVERAGE_POOLING1D\"},\n"
            + "{\"name\":\"score\",\"kind\":\"DENSE\",\"args\":{\"units\":1,\"activation\":\"SIGMOID\"}}],\n"
            + "\"compile\":{\"optimizer\":{\"type\":\"ADAM\"},\"loss\":\"BINARY_CROSSENTROPY\",\"fromLogits\":false,\"metrics\":[\"ACCURACY\"]}}");
  }

  @Override
  public void writeFeatures(ReviewsFeatures features, TensorBatch batch, int row) {
    batch.put(0, row, features.review());
  }

  @Override
  public void writeLabels(ReviewsLabels labels, TensorBatch batch, int row) {
    batch.put(0, row, labels.score());
  }

  @Override
  public ReviewsFeatures readFeatures(ColumnReader columns) {
    return new ReviewsFeatures(columns.getString("review"));
  }

  @Override
  public ReviewsLabels readLabels(ColumnReader columns) {
    return new ReviewsLabels(columns.getFloat("score"));
  }

  @Override
  public ReviewsPredictions prediction(OutputBatch outputs, int row) {
    return new ReviewsPredictions(outputs.getFloat(0, row));
  }

  @Override
  public ReviewsMetrics metrics(MetricValues values) {
    return new ReviewsMetrics(
        values.get("loss"),
        values.get("accuracy"),
        values.globalStep());
  }
}
