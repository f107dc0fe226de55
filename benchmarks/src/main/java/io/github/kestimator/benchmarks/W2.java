package io.github.kestimator.benchmarks;

import static io.github.kestimator.annotations.Activation.RELU;
import static io.github.kestimator.annotations.Activation.SIGMOID;
import static io.github.kestimator.annotations.Loss.BINARY_CROSSENTROPY;
import static io.github.kestimator.annotations.OptimizerType.ADAM;

import io.github.kestimator.annotations.Compile;
import io.github.kestimator.annotations.Dense;
import io.github.kestimator.annotations.KerasModel;
import io.github.kestimator.annotations.Layer;
import io.github.kestimator.annotations.Optimizer;

/** Workload W2 "tabular". */
@KerasModel
@Compile(optimizer = @Optimizer(value = ADAM, learningRate = 1e-3), loss = BINARY_CROSSENTROPY)
class W2 {
  @Dense(units = 256, activation = RELU, inputShape = 32)
  Layer hidden1;

  @Dense(units = 256, activation = RELU)
  Layer hidden2;

  @Dense(units = 1, activation = SIGMOID)
  Layer score;
}
