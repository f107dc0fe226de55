package test;

import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The features of one example of model {@code Sentiment}:
 * one component per model input, named as the input's feature (the TensorFlow placeholder,
 * the SavedModel signature input and the CSV or TFRecord column carry the same name).
 *
 * @param words_input feeds layer {@code words}, {@code int32}, shape {@code 100}, 100 values row-major
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public record SentimentFeatures(int[] words_input) {
  public SentimentFeatures {
    Objects.requireNonNull(words_input, "words_input");
    if (words_input.length != 100) {
      throw new IllegalArgumentException("feature 'words_input' expects 100 values (shape 100), got " + words_input.length);
    }
  }
}
