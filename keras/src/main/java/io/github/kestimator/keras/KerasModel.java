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
 * @param unknownLengths the inputs whose sequence length (the first axis after the batch) is
 *     unknown, Keras' {@code None} (their shape holds {@link #UNKNOWN} there), and the
 *     TextVectorization layers in {@code int} mode without {@code output_sequence_length} (Keras
 *     pads each batch to its longest text), until {@link #withMaxSequenceLength} fixes them; {@link
 *     #toSpec} refuses a model with any
 */
public record KerasModel(
    String source,
    String name,
    boolean functional,
    List<LayerSpec> layers,
    Training training,
    Map<String, String> objectPaths,
    List<String> trainingNotes,
    List<UnknownLength> unknownLengths) {
  /** The sequence length of an input whose length Keras leaves open ({@code None}). */
  static final int UNKNOWN = 0;

  public KerasModel {
    layers = List.copyOf(layers);
    objectPaths = Map.copyOf(objectPaths);
    trainingNotes = List.copyOf(trainingNotes);
    unknownLengths = List.copyOf(unknownLengths);
  }

  /**
   * A sequence length Keras leaves open.
   *
   * @param layer the Keras InputLayer's name (the feature that feeds it), or the
   *     TextVectorization's
   * @param className {@code InputLayer} or {@code TextVectorization}
   * @param what what is unknown, for messages: {@code input 'x' has shape (None, None)}
   */
  public record UnknownLength(String layer, String className, String what) {}

  /** This model with other layers (same file, training settings and unknown lengths). */
  KerasModel withLayers(List<LayerSpec> newLayers) {
    return new KerasModel(
        source, name, functional, newLayers, training, objectPaths, trainingNotes, unknownLengths);
  }

  /**
   * This model with every unknown sequence length ({@link #unknownLengths()}) set to {@code
   * maxLength}, which becomes the fixed length of those inputs: sequences are padded or cut to it
   * before they reach the model (by the caller or its input pipeline). A model without unknown
   * lengths is returned as it is.
   *
   * @throws IllegalArgumentException when {@code maxLength < 1}
   */
  public KerasModel withMaxSequenceLength(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxSequenceLength must be >= 1, got " + maxLength);
    }
    if (unknownLengths.isEmpty()) {
      return this;
    }
    List<LayerSpec> fixed = new java.util.ArrayList<>();
    for (LayerSpec l : layers) {
      Map<String, Object> args = new java.util.LinkedHashMap<>(l.args());
      if (l.kind() == io.github.kestimator.model.LayerKind.TEXT_VECTORIZATION
          && unknownLengths.stream().anyMatch(u -> u.layer().equals(l.name()))) {
        args.put("outputSequenceLength", maxLength);
      }
      for (String key : List.of("shape", "inputShape")) {
        if (args.get(key) instanceof List<?> dims
            && !dims.isEmpty()
            && Integer.valueOf(UNKNOWN).equals(dims.get(0))) {
          List<Object> d = new java.util.ArrayList<>(dims);
          d.set(0, maxLength);
          args.put(key, List.copyOf(d));
        }
      }
      fixed.add(new LayerSpec(l.name(), l.kind(), l.from(), args, l.wrapped()));
    }
    return new KerasModel(
        source, name, functional, fixed, training, objectPaths, trainingNotes, List.of());
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

    /**
     * The compile settings these give, completed with {@code fallbackLoss}, Adam (with Keras'
     * defaults) and no metrics where the file says nothing; a file with a loss per output gives the
     * per-output form ({@link CompileSpec#perOutput()}).
     */
    public CompileSpec compile(Loss fallbackLoss) {
      OptimizerSpec o = optimizer != null ? optimizer : OptimizerSpec.of(OptimizerType.ADAM);
      if (!outputs.isEmpty()) {
        return CompileSpec.perOutput(o, outputs);
      }
      return new CompileSpec(
          o,
          loss != null ? loss : fallbackLoss,
          fromLogits != null && fromLogits,
          metrics != null ? metrics : List.of());
    }
  }

  /**
   * The compile settings the file gives, completed with {@code mean_squared_error} (a loss any
   * output accepts) and Adam where it says nothing ({@link Training#compile(Loss)}).
   */
  public CompileSpec compile() {
    return (training == null ? new Training(null, null, null, null) : training)
        .compile(Loss.MEAN_SQUARED_ERROR);
  }

  /**
   * The model description with the given compile settings.
   *
   * @throws KerasFormatException {@code [KerasUnknownLength]} when an input's sequence length is
   *     unknown ({@link #unknownLengths()}): naming the input, its shape and the options that give
   *     the maximum length
   */
  public ModelSpec toSpec(CompileSpec compile) {
    if (!unknownLengths.isEmpty()) {
      UnknownLength u = unknownLengths.get(0);
      boolean text = u.className().equals("TextVectorization");
      throw new KerasFormatException(
          io.github.kestimator.model.Diagnostic.UNKNOWN_LENGTH,
          source,
          u.layer(),
          u.className(),
          u.what()
              + ": its sequence length is unknown (None), and kestimator's tensors have static"
              + " shapes. Give the maximum sequence length, which becomes "
              + (text
                  ? "its output_sequence_length (ids padded with 0 or cut to it)"
                  : "the input's length (shorter sequences padded, longer ones cut, by you or your"
                      + " input pipeline)")
              + ":"
              + " KerasEstimator.fromKeras(file, config, maxSequenceLength) (or"
              + " KerasFile.withMaxSequenceLength), the Maven plugin's <maxSequenceLength>"
              + " (-Dkestimator.maxSequenceLength=N), or the CLI's --max-sequence-length N");
    }
    return new ModelSpec(name, layers, compile);
  }
}
