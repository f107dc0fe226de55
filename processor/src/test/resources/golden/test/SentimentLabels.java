package test;

import javax.annotation.processing.Generated;

/**
 * The labels of one example of model {@code Sentiment}:
 * one component per output layer, what the loss ({@code binary_crossentropy}) compares that output with.
 *
 * @param score the target of output {@code score}, {@code float32}, one value
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public record SentimentLabels(float score) {
}
