package io.github.kestimator.runtime.binding;

import io.github.kestimator.model.Model;

/**
 * The typed glue the annotation processor generates for one model ({@code FooBinding}): it moves
 * values between the generated records and the runtime's untyped buffers. Everything else lives in
 * the runtime. Feature slots follow {@link Model#features()}, label and output slots follow {@link
 * Model#outputs()}.
 *
 * @param <F> the generated features record
 * @param <L> the generated labels record
 * @param <P> the generated predictions record
 * @param <M> the generated metrics record
 */
public interface ModelBinding<F, L, P, M> {
  /** The validated model. */
  Model model();

  /** Copies one example's features into row {@code row} of a batch. */
  void writeFeatures(F features, TensorBatch batch, int row);

  /** Copies one example's labels into row {@code row} of a batch. */
  void writeLabels(L labels, TensorBatch batch, int row);

  /** Reads one example's features from a CSV row or a tf.train.Example. */
  F readFeatures(ColumnReader columns);

  /** Reads one example's labels from a CSV row or a tf.train.Example. */
  L readLabels(ColumnReader columns);

  /** The predictions of row {@code row} of a batch of outputs. */
  P prediction(OutputBatch outputs, int row);

  /** The typed metrics from an evaluation's values. */
  M metrics(MetricValues values);

  /**
   * The class path resource with the model's starting weights ({@code @KerasModel(weights = ...)}),
   * resolved against this binding's class as {@link Class#getResource} does (the binding lies in
   * the model class's package); null for none. The estimator warm-starts a model directory without
   * a checkpoint from it ({@link io.github.kestimator.runtime.InitialWeights#fromResource}; nothing
   * is written until it trains).
   */
  default String initialWeightsResource() {
    return null;
  }
}
