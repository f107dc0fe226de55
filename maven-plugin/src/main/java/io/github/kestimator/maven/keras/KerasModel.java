package io.github.kestimator.maven.keras;

import io.github.kestimator.spec.CompileSpec;
import io.github.kestimator.spec.LayerSpec;
import io.github.kestimator.spec.Loss;
import io.github.kestimator.spec.Metric;
import io.github.kestimator.spec.ModelSpec;
import io.github.kestimator.spec.OptimizerSpec;
import java.util.List;

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
 */
public record KerasModel(String source, String name, boolean functional, List<LayerSpec> layers, Training training) {
  public KerasModel {
    layers = List.copyOf(layers);
  }

  /**
   * Keras' compile settings as far as the file gives them; every component may be null.
   *
   * @param metrics null when the file does not say
   */
  public record Training(Loss loss, Boolean fromLogits, OptimizerSpec optimizer, List<Metric> metrics) {}

  /** The model description with the given compile settings. */
  public ModelSpec toSpec(CompileSpec compile) {
    return new ModelSpec(name, layers, compile);
  }
}
