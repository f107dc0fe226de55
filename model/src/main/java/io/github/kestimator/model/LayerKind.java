package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.ACTIVATION;
import static io.github.kestimator.model.ParamType.BOOLEAN;
import static io.github.kestimator.model.ParamType.DOUBLE;
import static io.github.kestimator.model.ParamType.DTYPE;
import static io.github.kestimator.model.ParamType.INITIALIZER;
import static io.github.kestimator.model.ParamType.INT;
import static io.github.kestimator.model.ParamType.INTS;
import static io.github.kestimator.model.ParamType.MERGE_MODE;
import static io.github.kestimator.model.ParamType.PADDING;
import static io.github.kestimator.model.ParamType.REGULARIZER;
import static io.github.kestimator.model.ParamType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every layer kind the project supports, with Keras' class name and its parameters (Keras'
 * argument names in camelCase, Keras' defaults). The annotations, the Keras importer and the
 * runtime all read these definitions; a test checks the annotations agree with them.
 *
 * <p>Every kind also takes the common parameters {@code inputShape} and {@code inputName}, which
 * only matter on a model's first layer (Keras' {@code input_shape} and the name of the implicit
 * input).
 */
public enum LayerKind {
  INPUT("InputLayer", ParamDef.positiveInts("shape", null), ParamDef.of("dtype", DTYPE, DType.FLOAT32)),
  DENSE("Dense", concat(List.of(ParamDef.atLeast("units", INT, null, 1), ParamDef.of("activation", ACTIVATION, Activation.LINEAR)),
      dense("kernel", Initializer.GLOROT_UNIFORM))),
  EMBEDDING("Embedding", ParamDef.atLeast("inputDim", INT, null, 1), ParamDef.atLeast("outputDim", INT, null, 1),
      ParamDef.atLeast("inputLength", INT, 0, 0), ParamDef.of("embeddingsInitializer", INITIALIZER, Initializer.RANDOM_UNIFORM),
      ParamDef.of("embeddingsRegularizer", REGULARIZER, Regularizer.NONE)),
  LSTM("LSTM", recurrent(Activation.SIGMOID, ParamDef.of("unitForgetBias", BOOLEAN, true))),
  GRU("GRU", recurrent(Activation.SIGMOID, ParamDef.of("resetAfter", BOOLEAN, true))),
  SIMPLE_RNN("SimpleRNN", recurrent(null, null)),
  /** Wraps an LSTM, GRU or SimpleRNN layer ({@link LayerSpec#wrapped()}). */
  BIDIRECTIONAL("Bidirectional", ParamDef.of("mergeMode", MERGE_MODE, MergeMode.CONCAT)),
  DROPOUT("Dropout", ParamDef.inRange("rate", DOUBLE, null, 0, 1), ParamDef.of("seed", INT, 0)),
  FLATTEN("Flatten"),
  RESHAPE("Reshape", new ParamDef("targetShape", INTS, null, -1.0, null, false, List.of())),
  ACTIVATION_LAYER("Activation", ParamDef.of("activation", ACTIVATION, null)),
  /** Keras 3's {@code negative_slope}; Keras 2 wrote {@code alpha} (the Keras importer renames it). */
  LEAKY_RELU("LeakyReLU", ParamDef.atLeast("negativeSlope", DOUBLE, 0.3, 0)),
  /**
   * A learned slope {@code alpha} for negative values, shaped like one example; {@code sharedAxes}
   * (Keras' axes, 1 = the first axis after the batch) share one slope along those axes. Empty: none.
   */
  PRELU("PReLU", ParamDef.of("alphaInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("alphaRegularizer", REGULARIZER, Regularizer.NONE),
      new ParamDef("sharedAxes", INTS, List.of(), 1.0, null, false, List.of())),
  ELU("ELU", ParamDef.of("alpha", DOUBLE, 1.0)),
  /** Keras' {@code max_value=None} (no cap) is {@code maxValue = +Infinity}. */
  RELU("ReLU", ParamDef.atLeast("maxValue", DOUBLE, Double.POSITIVE_INFINITY, 0),
      ParamDef.atLeast("negativeSlope", DOUBLE, 0.0, 0), ParamDef.atLeast("threshold", DOUBLE, 0.0, 0)),
  /** Keras' {@code axis} counts the batch axis as 0; -1 is the last. */
  SOFTMAX("Softmax", ParamDef.of("axis", INT, -1)),
  CONV1D("Conv1D", conv(1)),
  CONV2D("Conv2D", conv(2)),
  MAX_POOLING1D("MaxPooling1D", pool(1)),
  MAX_POOLING2D("MaxPooling2D", pool(2)),
  AVERAGE_POOLING1D("AveragePooling1D", pool(1)),
  AVERAGE_POOLING2D("AveragePooling2D", pool(2)),
  GLOBAL_AVERAGE_POOLING1D("GlobalAveragePooling1D"),
  GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D"),
  GLOBAL_MAX_POOLING1D("GlobalMaxPooling1D"),
  GLOBAL_MAX_POOLING2D("GlobalMaxPooling2D"),
  BATCH_NORMALIZATION("BatchNormalization", ParamDef.of("axis", INT, -1), ParamDef.inRange("momentum", DOUBLE, 0.99, 0, 1),
      ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0), ParamDef.of("center", BOOLEAN, true), ParamDef.of("scale", BOOLEAN, true)),
  LAYER_NORMALIZATION("LayerNormalization", ParamDef.of("axis", INT, -1), ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0),
      ParamDef.of("center", BOOLEAN, true), ParamDef.of("scale", BOOLEAN, true)),
  CONCATENATE("Concatenate", ParamDef.of("axis", INT, -1)),
  ADD("Add");

  /** Parameters every layer kind takes. */
  public static final List<ParamDef> COMMON = Common.PARAMS;

  /** Holder so that enum constructors can read the common parameters (enum statics come last). */
  private static final class Common {
    static final List<ParamDef> PARAMS =
        List.of(new ParamDef("inputShape", INTS, List.of(), 1.0, null, false, List.of()), ParamDef.of("inputName", STRING, ""));
  }

  private final String kerasName;
  private final List<ParamDef> params;

  LayerKind(String kerasName, ParamDef... params) {
    this(kerasName, List.of(params));
  }

  LayerKind(String kerasName, List<ParamDef> params) {
    this.kerasName = kerasName;
    this.params = concat(params, Common.PARAMS);
  }

  /** Keras' class name, e.g. {@code Dense}, {@code GlobalAveragePooling1D}. */
  public String kerasName() {
    return kerasName;
  }

  /** This kind's parameters including {@link #COMMON}, in definition order. */
  public List<ParamDef> params() {
    return params;
  }

  public ParamDef param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  public boolean isRecurrent() {
    return this == LSTM || this == GRU || this == SIMPLE_RNN;
  }

  /** The kind whose Keras class name is {@code kerasName}, or null. */
  public static LayerKind fromKeras(String kerasName) {
    for (LayerKind k : values()) {
      if (k.kerasName.equals(kerasName)) {
        return k;
      }
    }
    return "Input".equals(kerasName) ? INPUT : null;
  }

  private static List<ParamDef> dense(String kernel, Initializer kernelInit) {
    return List.of(
        ParamDef.of("useBias", BOOLEAN, true),
        ParamDef.of(kernel + "Initializer", INITIALIZER, kernelInit),
        ParamDef.of("biasInitializer", INITIALIZER, Initializer.ZEROS),
        ParamDef.of(kernel + "Regularizer", REGULARIZER, Regularizer.NONE),
        ParamDef.of("biasRegularizer", REGULARIZER, Regularizer.NONE));
  }

  private static List<ParamDef> recurrent(Activation recurrentActivation, ParamDef extra) {
    List<ParamDef> l = new ArrayList<>();
    l.add(ParamDef.atLeast("units", INT, null, 1));
    l.add(ParamDef.of("activation", ACTIVATION, Activation.TANH));
    if (recurrentActivation != null) {
      l.add(ParamDef.of("recurrentActivation", ACTIVATION, recurrentActivation));
    }
    l.addAll(dense("kernel", Initializer.GLOROT_UNIFORM));
    l.add(ParamDef.of("recurrentInitializer", INITIALIZER, Initializer.ORTHOGONAL));
    l.add(ParamDef.of("recurrentRegularizer", REGULARIZER, Regularizer.NONE));
    l.add(ParamDef.of("returnSequences", BOOLEAN, false));
    l.add(ParamDef.inRange("dropout", DOUBLE, 0.0, 0, 1));
    l.add(ParamDef.inRange("recurrentDropout", DOUBLE, 0.0, 0, 1));
    if (extra != null) {
      l.add(extra);
    }
    return l;
  }

  private static List<ParamDef> conv(int rank) {
    Integer[] lengths = rank == 1 ? new Integer[] {1} : new Integer[] {1, 2};
    List<Integer> ones = rank == 1 ? List.of(1) : List.of(1, 1);
    return concat(List.of(
        ParamDef.atLeast("filters", INT, null, 1),
        ParamDef.positiveInts("kernelSize", null, lengths),
        ParamDef.positiveInts("strides", ones, lengths),
        ParamDef.of("padding", PADDING, Padding.VALID),
        ParamDef.positiveInts("dilationRate", ones, lengths),
        ParamDef.of("activation", ACTIVATION, Activation.LINEAR)), dense("kernel", Initializer.GLOROT_UNIFORM));
  }

  private static List<ParamDef> pool(int rank) {
    Integer[] lengths = rank == 1 ? new Integer[] {1} : new Integer[] {1, 2};
    return List.of(
        ParamDef.positiveInts("poolSize", rank == 1 ? List.of(2) : List.of(2, 2), lengths),
        // Keras: strides=None means strides = pool_size; an empty list says the same here.
        new ParamDef("strides", INTS, List.of(), 1.0, null, false, List.of(0, lengths[lengths.length - 1], 1)),
        ParamDef.of("padding", PADDING, Padding.VALID));
  }

  private static List<ParamDef> concat(List<ParamDef> a, List<ParamDef> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
