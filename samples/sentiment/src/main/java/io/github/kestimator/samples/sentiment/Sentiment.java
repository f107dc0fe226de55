package io.github.kestimator.samples.sentiment;

import static io.github.kestimator.annotations.Activation.SIGMOID;
import static io.github.kestimator.annotations.Loss.BINARY_CROSSENTROPY;
import static io.github.kestimator.annotations.Metric.ACCURACY;
import static io.github.kestimator.annotations.Metric.AUC;
import static io.github.kestimator.annotations.OptimizerType.ADAM;

import io.github.kestimator.annotations.Compile;
import io.github.kestimator.annotations.Dense;
import io.github.kestimator.annotations.Dropout;
import io.github.kestimator.annotations.Embedding;
import io.github.kestimator.annotations.KerasModel;
import io.github.kestimator.annotations.LSTM;
import io.github.kestimator.annotations.Layer;
import io.github.kestimator.annotations.Optimizer;
import io.github.kestimator.annotations.TextVectorization;

/**
 * The seed's model, as a Keras user writes it, on raw text: {@code TextVectorization} turns each
 * review into 100 token ids inside the graph (its vocabulary adapted from the training reviews, and
 * exported with the model), then Embedding -> LSTM -> Dropout -> Dense. {@code mvn package} turns
 * it into {@code SentimentFeatures(String review)}, {@code SentimentLabels(float score)}, {@code
 * SentimentEstimator} and friends.
 */
@KerasModel
@Compile(
    optimizer = @Optimizer(value = ADAM, learningRate = 1e-3),
    loss = BINARY_CROSSENTROPY,
    metrics = {ACCURACY, AUC})
class Sentiment {
  @TextVectorization(maxTokens = 10_000, outputSequenceLength = 100, inputName = "review")
  Layer text;

  @Embedding(inputDim = 10_000, outputDim = 64)
  Layer words;

  @LSTM(units = 64)
  Layer lstm;

  @Dropout(rate = 0.5)
  Layer dropout;

  @Dense(units = 1, activation = SIGMOID)
  Layer score;
}
