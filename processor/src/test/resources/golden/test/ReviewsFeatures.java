package test;

import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The features of one example of model {@code Reviews}:
 * one component per model input, named as the input's feature (the TensorFlow placeholder,
 * the SavedModel signature input and the CSV or TFRecord column carry the same name).
 *
 * @param review feeds layer {@code text}, {@code string}, one value
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public record ReviewsFeatures(String review) {
  public ReviewsFeatures {
    Objects.requireNonNull(review, "review");
  }
}
