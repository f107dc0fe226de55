package io.github.kestimator.keras.estimator;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasWeights;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.Estimator;
import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.InitialWeights;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.StepListener;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.binding.MapBinding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * tf.keras.estimator.model_to_estimator for Java: an estimator built from a Keras file at run time,
 * without generated classes. Its variables start from the file's weights: on a model directory
 * without a checkpoint, evaluate, predict and export use the Keras weights, and the first training
 * saves them as step 0 (a directory with a checkpoint resumes from it, as any estimator does).
 * Features are keyed by the Keras input names, labels and predictions by output layer name ({@link
 * MapBinding}); train, evaluate, predict and export work as for a generated estimator.
 */
public final class KerasEstimator
    extends Estimator<
        Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
  private final Model model;
  private final KerasFile file;

  private KerasEstimator(
      MapBinding binding, RunConfig config, KerasFile file, InitialWeights weights) {
    super(binding, config, () -> weights);
    this.model = binding.model();
    this.file = file;
  }

  /**
   * Reads a Keras model file ({@code .h5}, {@code .keras}) with its weights, which a model
   * directory without a checkpoint starts from (building the estimator writes nothing). The compile
   * settings are the file's ({@code training_config} / {@code compile_config}), else mean squared
   * error with Adam. Settings kestimator cannot use (a learning-rate schedule, an unknown metric,
   * ...; {@link KerasFile#unsupportedTraining()}) do not stop prediction and export; {@code train},
   * {@code trainUntil}, {@code evaluate} and {@code trainAndEvaluate} refuse them ({@link
   * KerasFile#checkTrainable()}).
   */
  public static KerasEstimator fromKeras(Path kerasFile, RunConfig config) throws IOException {
    return fromKeras(KerasFile.read(kerasFile), config);
  }

  /**
   * As {@link #fromKeras(Path, RunConfig)}, for a model whose input has an unknown sequence length
   * (Keras' {@code Input((None,))}, an Embedding without {@code input_length}): {@code
   * maxSequenceLength} becomes that input's fixed length ({@link KerasFile#withMaxSequenceLength}).
   * Features must then have exactly that many steps: pad shorter sequences (with 0 after the ids,
   * as Keras' {@code pad_sequences(padding="post")}) and cut longer ones before they reach the
   * estimator; a feature of another length is refused naming it. With an Embedding({@code
   * mask_zero=True}) or Masking in front of the recurrent layers, the padding is masked and
   * predictions equal Keras' on the unpadded sequences; without a mask the model computes on the
   * padding too, as Keras would on the padded input. A file without an unknown length ignores
   * {@code maxSequenceLength}.
   */
  public static KerasEstimator fromKeras(Path kerasFile, RunConfig config, int maxSequenceLength)
      throws IOException {
    return fromKeras(KerasFile.read(kerasFile).withMaxSequenceLength(maxSequenceLength), config);
  }

  /**
   * As {@link #fromKeras(Path, RunConfig)}, for a file read already (e.g. a config with a weights
   * file; {@link KerasFile#withMaxSequenceLength} for an unknown sequence length).
   */
  public static KerasEstimator fromKeras(KerasFile file, RunConfig config) {
    Model model = file.analyze();
    KerasWeights weights = file.weights(model);
    return new KerasEstimator(
        new MapBinding(model),
        config,
        file,
        (layer, weight) -> {
          KerasWeights.Array a = weights.get(layer, weight);
          return a == null ? null : a.values();
        });
  }

  /** {@link #train(Input, long)} comes here too. */
  @Override
  public long train(
      Input<Map<String, Object>, Map<String, Object>> input, long steps, StepListener listener) {
    file.checkTrainable();
    return super.train(input, steps, listener);
  }

  @Override
  public long trainUntil(Input<Map<String, Object>, Map<String, Object>> input, long maxSteps) {
    file.checkTrainable();
    return super.trainUntil(input, maxSteps);
  }

  @Override
  public Map<String, Double> evaluate(
      Input<Map<String, Object>, Map<String, Object>> input, long steps) {
    file.checkTrainable();
    return super.evaluate(input, steps);
  }

  @Override
  public Optional<Map<String, Double>> trainAndEvaluate(
      TrainSpec<Map<String, Object>, Map<String, Object>> trainSpec,
      EvalSpec<Map<String, Object>, Map<String, Object>, ? super Map<String, Double>> evalSpec) {
    file.checkTrainable();
    return super.trainAndEvaluate(trainSpec, evalSpec);
  }

  /**
   * The file's training settings kestimator cannot use; see {@link KerasFile#trainingWarning()}.
   */
  public String trainingWarning() {
    return file.trainingWarning();
  }

  /** The validated model (features, outputs, layers). */
  public Model model() {
    return model;
  }
}
