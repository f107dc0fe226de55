package test;

import javax.annotation.processing.Generated;

/**
 * The predictions of model {@code Sentiment} for one example: one component per output layer.
 *
 * @param score output of layer {@code score} (sigmoid activation), {@code float32}, one value
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public record SentimentPredictions(float score) {
}
