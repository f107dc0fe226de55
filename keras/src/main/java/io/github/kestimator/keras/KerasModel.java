package io.github.kestimator.keras;

import io.github.kestimator.spec.CompileSpec;
import io.github.kestimator.spec.LayerSpec;
import io.github.kestimator.spec.Loss;
import io.github.kestimator.spec.Metric;
import io.github.kestimator.spec.ModelSpec;
import io.github.kestimator.spec.OptimizerSpec;
import io.github.kestimator.spec.OptimizerType;
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
 * @param objectPaths each layer's Keras 3 object path ({@code layers/dense_1}), by layer name: where
 *     Keras 3's weights files keep its weights (see {@link ObjectPaths})
 */
public record KerasModel(String source, String name, boolean functional, List<LayerSpec> layers, Training training,
    Map<String, String> objectPaths) {
  public KerasModel {
    layers = List.copyOf(layers);
    objectPaths = Map.copyOf(objectPaths);
  }

  /**
   * Keras' compile settings as far as the file gives them; every component may be null.
   *
   * @param metrics null when the file does not say
   */
  public record Training(Loss loss, Boolean fromLogits, OptimizerSpec optimizer, List<Metric> metrics) {}

  /**
   * The compile settings the file gives, completed with {@code mean_squared_error} (a loss any
   * output accepts) and Adam where it says nothing; no metrics unless it names some.
   */
  public CompileSpec compile() {
    Training t = training == null ? new Training(null, null, null, null) : training;
    return new CompileSpec(t.optimizer() != null ? t.optimizer() : OptimizerSpec.of(OptimizerType.ADAM),
        t.loss() != null ? t.loss() : Loss.MEAN_SQUARED_ERROR, t.fromLogits() != null && t.fromLogits(),
        t.metrics() != null ? t.metrics() : List.of());
  }

  /** The model description with the given compile settings. */
  public ModelSpec toSpec(CompileSpec compile) {
    return new ModelSpec(name, layers, compile);
  }
}
