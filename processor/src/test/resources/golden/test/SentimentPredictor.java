package test;

import io.github.kestimator.runtime.Predictor;
import java.nio.file.Path;
import javax.annotation.processing.Generated;

/**
 * Predicts with a SavedModel exported by {@link SentimentEstimator}. Safe to share between threads.
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public final class SentimentPredictor extends Predictor<SentimentFeatures, SentimentPredictions> {
  private SentimentPredictor(Path savedModelDir) {
    super(SentimentBinding.INSTANCE, savedModelDir);
  }

  /**
   * Loads the SavedModel in {@code savedModelDir}, e.g. {@code export/best/1712345678}.
   */
  public static SentimentPredictor load(Path savedModelDir) {
    return new SentimentPredictor(savedModelDir);
  }
}
