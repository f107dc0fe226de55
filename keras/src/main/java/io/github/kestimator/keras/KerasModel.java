package io.github.kestimator.keras;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.OutputLoss;
import java.util.List;
import java.util.Map;

/**
 * A model read from a Keras file: its Keras name, its layers as {@link LayerSpec}s (Keras' layer
 * names kept; functional inputs fed by the Keras input's own name), and whatever the file says
 * about training.
 *
 * @param source the file the model came from, for messages
 * @param name the Keras model's name ({@code sequential}, {@code functional}, ...)
 * @param functional true for a functional ({@code Model} / {@code Functional}) model
 * @param training the file's {@code training_config} / {@code compile_config}, or null when it has
 *     none ({@code model.to_json()} writes none)
 * @param objectPaths each layer's Keras 3 object path ({@code layers/dense_1}), by layer name:
 *     where Keras 3's weights files keep its weights (see {@link ObjectPaths})
 * @param trainingNotes layer arguments that only training uses and kestimator cannot train with
 *     ({@code trainable=False}, Keras 1's Embedding {@code dropout}), each naming the layer; like
 *     {@link Training#unsupported()}, they never block a prediction, and training refuses them
 */
public record KerasModel(
    String source,
    String name,
    boolean functional,
    List<LayerSpec> layers,
    Training training,
    Map<String, String> objectPaths,
    List<String> trainingNotes) {
  public KerasModel {
    layers = List.copyOf(layers);
    objectPaths = Map.copyOf(objectPaths);
    trainingNotes = List.copyOf(trainingNotes);
  }

  /**
   * Everything in the file kestimator cannot train with: {@link #trainingNotes()}, then {@link
   * Training#unsupported()}.
   */
  public List<String> unsupportedTraining() {
    List<String> out = new java.util.ArrayList<>(trainingNotes);
    if (training != null) {
      out.addAll(training.unsupported());
    }
    return List.copyOf(out);
  }

  /**
   * Keras' compile settings as far as the file gives them and kestimator can use them; every
   * component but {@code unsupported} may be null.
   *
   * @param loss the loss of every output; null when the file gives none or one per output
   * @param metrics every output's metrics; null when the file does not say or gives them per output
   * @param outputs each output's loss, weight and metrics when the file gives them per output and
   *     they differ between outputs ({@code loss={"price": "mse", "churn": ...}}); else empty
   * @param unsupported the settings of the file kestimator cannot train with, each naming what it
   *     is ({@code optimizer Adam: learning_rate=CosineDecay{...} (a learning-rate schedule)},
   *     {@code metric 'r2_score'}, a frozen layer): left out of the other components, so that they
   *     never block a summary, a prediction, an export or a warm start; training refuses them
   *     ({@link KerasFile#checkTrainable()})
   * @param config the file's {@code training_config} / {@code compile_config} as written (JSON
   *     values: maps, lists, strings, numbers, booleans, null), for what the other components leave
   *     out (a learning-rate schedule's config, an optimizer's {@code decay}); empty when the file
   *     has none
   */
  public record Training(
      Loss loss,
      Boolean fromLogits,
      OptimizerSpec optimizer,
      List<Metric> metrics,
      List<OutputLoss> outputs,
      List<String> unsupported,
      Map<String, Object> config) {
    public Training {
      outputs = outputs == null ? List.of() : List.copyOf(outputs);
      unsupported = List.copyOf(unsupported);
      config =
          config == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** Settings without anything unsupported and without the file's raw config. */
    public Training(Loss loss, Boolean fromLogits, OptimizerSpec optimizer, List<Metric> metrics) {
      this(loss, fromLogits, optimizer, metrics, List.of(), List.of(), Map.of());
    }
  }

  /**
   * The compile settings the file gives, completed with {@code mean_squared_error} (a loss any
   * output accepts) and Adam where it says nothing; no metrics unless it names some. A file with a
   * loss per output gives the per-output form ({@link CompileSpec#perOutput()}).
   */
  public CompileSpec compile() {
    Training t = training == null ? new Training(null, null, null, null) : training;
    OptimizerSpec optimizer =
        t.optimizer() != null ? t.optimizer() : OptimizerSpec.of(OptimizerType.ADAM);
    if (!t.outputs().isEmpty()) {
      return CompileSpec.perOutput(optimizer, t.outputs());
    }
    return new CompileSpec(
        optimizer,
        t.loss() != null ? t.loss() : Loss.MEAN_SQUARED_ERROR,
        t.fromLogits() != null && t.fromLogits(),
        t.metrics() != null ? t.metrics() : List.of());
  }

  /** The model description with the given compile settings. */
  public ModelSpec toSpec(CompileSpec compile) {
    return new ModelSpec(name, layers, compile);
  }
}
