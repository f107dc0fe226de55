package test;

import javax.annotation.processing.Generated;

/**
 * The result of evaluating model {@code Sentiment}: the loss, each compiled metric, the global step.
 *
 * @param loss the mean loss ({@code binary_crossentropy})
 * @param accuracy Keras' {@code accuracy} (BINARY_ACCURACY) on output {@code score}
 * @param auc Keras' {@code auc} (AUC) on output {@code score}
 * @param globalStep the global step of the checkpoint evaluated
 */
@Generated("io.github.kestimator.processor.KerasModelProcessor")
public record SentimentMetrics(double loss, double accuracy, double auc, long globalStep) {
}
