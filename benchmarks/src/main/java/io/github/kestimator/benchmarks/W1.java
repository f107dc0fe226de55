package io.github.kestimator.benchmarks;

import static io.github.kestimator.annotations.Activation.SIGMOID;
import static io.github.kestimator.annotations.Loss.BINARY_CROSSENTROPY;
import static io.github.kestimator.annotations.OptimizerType.ADAM;

import io.github.kestimator.annotations.Compile;
import io.github.kestimator.annotations.Dense;
import io.github.kestimator.annotations.Dropout;
import io.github.kestimator.annotations.Embedding;
import io.github.kestimator.annotations.KerasModel;
import io.github.kestimator.annotations.LSTM;
import io.github.kestimator.annotations.Layer;
import io.github.kestimator.annotations.Optimizer;

/**
 * Workload W1 "sentiment". No metrics: tf.estimator computes them in evaluation only, never per
 * training step.
 */
@KerasModel
@Compile(optimizer = @Optimizer(value = ADAM, learningRate = 1e-3), loss = BINARY_CROSSENTROPY)
class W1 {
  @Embedding(inputDim = 10_000, outputDim = 64, inputLength = 100)
  Layer words;

  @LSTM(units = 64)
  Layer lstm;

  @Dropout(rate = 0.5)
  Layer dropout;

  @Dense(units = 1, activation = SIGMOID)
  Layer score;
}
