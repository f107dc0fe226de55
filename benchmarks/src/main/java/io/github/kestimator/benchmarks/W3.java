package io.github.kestimator.benchmarks;

import static io.github.kestimator.annotations.Activation.RELU;
import static io.github.kestimator.annotations.Activation.SOFTMAX;
import static io.github.kestimator.annotations.Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
import static io.github.kestimator.annotations.OptimizerType.ADAM;

import io.github.kestimator.annotations.Compile;
import io.github.kestimator.annotations.Conv2D;
import io.github.kestimator.annotations.Dense;
import io.github.kestimator.annotations.Flatten;
import io.github.kestimator.annotations.KerasModel;
import io.github.kestimator.annotations.Layer;
import io.github.kestimator.annotations.MaxPooling2D;
import io.github.kestimator.annotations.Optimizer;

/** Workload W3 "conv". */
@KerasModel
@Compile(
    optimizer = @Optimizer(value = ADAM, learningRate = 1e-3),
    loss = SPARSE_CATEGORICAL_CROSSENTROPY)
class W3 {
  @Conv2D(
      filters = 32,
      kernelSize = {3, 3},
      activation = RELU,
      inputShape = {28, 28, 1})
  Layer conv;

  @MaxPooling2D(poolSize = {2, 2})
  Layer pool;

  @Flatten Layer flatten;

  @Dense(units = 10, activation = SOFTMAX)
  Layer digits;
}
