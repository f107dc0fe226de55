package test;

import io.github.kestimator.runtime.Estimator;
import io.github.kestimator.runtime.EstimatorBuilder;
import io.github.kestimator.runtime.RunConfig;
import javax.annotation.processing.Generated;

/**
 * The estimator of model {@code Sentiment}: trains, evaluates, predicts and exports it, with checkpoints in a model directory.
 *
 * <pre>
 * Model: "Sentiment"
 * ______________________________________________________________________________
 *  Layer (type)                           Output Shape             Param #
 * ==============================================================================
 *  words (Embedding)                      (None, 100, 64)          640,000
 *  lstm (LSTM)                            (None, 64)               33,024
 *  dropout (Dropout)                      (None, 64)               0
 *  score (Dense)                          (None, 1)                65
 * ==============================================================================
 * Total params: 673,089
 * Trainable params: 673,089
 * Non-trainable params: 0
 * ______________________________________________________________________________
 * </pre>
 *
 * <p>Usage:
 * <pre>{@code
 * var estimator = SentimentEstimator.builder().modelDir(Path.of("target/sentiment")).build();
 * SentimentMetrics metrics = estimator.trainAndEvaluate(
 *     TrainSpec.of(trainInput).maxSteps(2_000),
 *     EvalSpec.of(evalInput).steps(50)).orElseThrow();
 * }</pre>
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public final class SentimentEstimator extends Estimator<SentimentFeatures, SentimentLabels, SentimentPredictions, SentimentMetrics> {
  private SentimentEstimator(RunConfig config) {
    super(SentimentBinding.INSTANCE, config);
  }

  /**
   * A builder; give it at least the model directory.
   */
  public static EstimatorBuilder<SentimentEstimator> builder() {
    return new EstimatorBuilder<>(SentimentEstimator::new);
  }

  /**
   * The Keras-style summary table of the model, as in this class's documentation.
   */
  public static String modelSummary() {
    return SentimentBinding.INSTANCE.summary();
  }
}
