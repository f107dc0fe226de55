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
 * Every layer kind the project supports, each defined in one place: Keras' class name, its
 * parameters (Keras' argument names in camelCase, Keras' defaults and ranges) and its shape rule
 * (Keras' {@code compute_output_shape} and {@code build}: the output of one example and the weights,
 * in Keras' layout). The annotations, the Keras reader, the analyzer and the runtime all read these
 * definitions; a test checks that the annotations agree with them. Adding a kind in this module is
 * adding a constant here.
 *
 * <p>Every kind also takes the common parameters {@code inputShape} and {@code inputName}, which only
 * the first layer of a sequential model may set (Keras' {@code input_shape}, and the name of the
 * implicit input in front of it); {@link ModelAnalyzer} reports them anywhere else.
 */
public enum LayerKind {
  INPUT("InputLayer", ParamDef.positiveInts("shape", null), ParamDef.of("dtype", DTYPE, DType.FLOAT32)) {
    @Override
    public String annotationName() {
      return "Input";
    }

    @Override
    Shape infer(Inference in) {
      in.dtype(in.p().getEnum("dtype", DType.class));
      return new Shape(in.p().getInts("shape"));
    }
  },
  DENSE("Dense", concat(List.of(ParamDef.atLeast("units", INT, null, 1), ParamDef.of("activation", ACTIVATION, Activation.LINEAR)),
      dense("kernel", Initializer.GLOROT_UNIFORM))) {
    @Override
    Shape infer(Inference in) {
      Shape s = in.rankAtLeast(1, "at least 2-D input (batch, features)");
      int units = in.p().getInt("units");
      in.kernelAndBias("kernel", Shape.of(s.dim(-1), units), units);
      return s.withLast(units);
    }
  },
  EMBEDDING("Embedding", ParamDef.atLeast("inputDim", INT, null, 1), ParamDef.atLeast("outputDim", INT, null, 1),
      ParamDef.atLeast("inputLength", INT, 0, 0), ParamDef.of("embeddingsInitializer", INITIALIZER, Initializer.RANDOM_UNIFORM),
      ParamDef.of("embeddingsRegularizer", REGULARIZER, Regularizer.NONE)) {
    @Override
    DType inputDType() {
      return DType.INT32;
    }

    @Override
    List<Integer> impliedInputShape(Params p) {
      return p.getInt("inputLength") > 0 ? List.of(p.getInt("inputLength")) : List.of();
    }

    @Override
    String inputShapeHint() {
      return "inputLength (the sequence length)";
    }

    /** Keras 2 checks a given {@code input_length} against the input (Keras 3 dropped the argument). */
    @Override
    Shape infer(Inference in) {
      Params p = in.p();
      int length = p.getInt("inputLength");
      if (length > 0 && !in.shape().equals(Shape.of(length))) {
        throw in.problem("inputLength", "has inputLength = " + length + ", but its input '" + in.input().name()
            + "' gives " + in.shape().keras() + ": a given inputLength must be the length of the input sequence"
            + " (or leave it out)");
      }
      in.weight("embeddings", Shape.of(p.getInt("inputDim"), p.getInt("outputDim")),
          p.initializer("embeddingsInitializer"), p.regularizer("embeddingsRegularizer"));
      return in.shape().append(p.getInt("outputDim"));
    }
  },
  LSTM("LSTM", recurrent(Activation.SIGMOID, ParamDef.of("unitForgetBias", BOOLEAN, true))) {
    @Override
    public boolean isRecurrent() {
      return true;
    }

    @Override
    Shape cell(Inference in, Params p, String prefix) {
      return Inference.recurrent(in, p, 4, false, prefix);
    }

    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      return cell(in, in.p(), "");
    }
  },
  GRU("GRU", recurrent(Activation.SIGMOID, ParamDef.of("resetAfter", BOOLEAN, true))) {
    @Override
    public boolean isRecurrent() {
      return true;
    }

    /** Keras' {@code reset_after=True} keeps separate input and recurrent biases: a (2, 3 * units) bias. */
    @Override
    Shape cell(Inference in, Params p, String prefix) {
      return Inference.recurrent(in, p, 3, p.getBoolean("resetAfter"), prefix);
    }

    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      return cell(in, in.p(), "");
    }
  },
  SIMPLE_RNN("SimpleRNN", recurrent(null, null)) {
    @Override
    public boolean isRecurrent() {
      return true;
    }

    @Override
    Shape cell(Inference in, Params p, String prefix) {
      return Inference.recurrent(in, p, 1, false, prefix);
    }

    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      return cell(in, in.p(), "");
    }
  },
  /** Wraps an LSTM, GRU or SimpleRNN layer ({@link LayerSpec#wrapped()}): one copy per direction. */
  BIDIRECTIONAL("Bidirectional", ParamDef.of("mergeMode", MERGE_MODE, MergeMode.CONCAT)) {
    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      Layer cell = in.wrapped();
      Shape o = cell.kind().cell(in, cell.params(), "forward_");
      cell.kind().cell(in, cell.params(), "backward_");
      in.wrapped(new Layer(in.name(), cell.kind(), cell.params(), in.inbound(), DType.FLOAT32, o, List.of(), null,
          false));
      boolean concat = in.p().getEnum("mergeMode", MergeMode.class) == MergeMode.CONCAT;
      return concat ? o.withLast(Math.multiplyExact(o.dim(-1), 2)) : o;
    }
  },
  DROPOUT("Dropout", ParamDef.inRange("rate", DOUBLE, null, 0, 1), ParamDef.of("seed", INT, 0)) {
    @Override
    boolean keepsActivation() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      return in.shape();
    }
  },
  FLATTEN("Flatten") {
    @Override
    boolean keepsActivation() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      return Shape.of(in.rankAtLeast(1, "at least 2-D input").size());
    }
  },
  RESHAPE("Reshape", ParamDef.ints("targetShape", null, -1)) {
    @Override
    boolean keepsActivation() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      Shape s = in.shape();
      List<Integer> given = in.p().getInts("targetShape");
      List<Integer> t = new ArrayList<>(given);
      if (t.stream().filter(d -> d == -1).count() > 1 || t.stream().anyMatch(d -> d == 0)) {
        throw in.problem("targetShape", "targetShape " + t + " may hold at most one -1 and no 0");
      }
      int unknown = t.indexOf(-1);
      int known = t.stream().filter(d -> d != -1).reduce(1, Math::multiplyExact);
      if (unknown >= 0 && s.size() % known == 0) {
        t.set(unknown, s.size() / known);
      }
      if (t.contains(-1) || new Shape(t).size() != s.size()) {
        throw in.problem("targetShape", "cannot reshape " + s.keras() + " (" + s.size() + " values) to targetShape "
            + given);
      }
      return new Shape(t);
    }
  },
  ACTIVATION_LAYER("Activation", ParamDef.of("activation", ACTIVATION, null)) {
    /** Named so because {@code Activation} is the enum of activation functions. */
    @Override
    public String annotationName() {
      return "ActivationLayer";
    }

    /** {@code @ActivationLayer(RELU)}: value, as Keras' {@code Activation('relu')} takes it positionally. */
    @Override
    public String annotationElement(String param) {
      return param.equals("activation") ? "value" : param;
    }

    @Override
    public String paramOfElement(String element) {
      return element.equals("value") ? "activation" : element;
    }

    @Override
    Shape infer(Inference in) {
      return in.shape();
    }
  },
  /** Keras 3's {@code negative_slope}; Keras 2 wrote {@code alpha} (the Keras importer renames it). */
  LEAKY_RELU("LeakyReLU", ParamDef.atLeast("negativeSlope", DOUBLE, 0.3, 0)) {
    @Override
    Shape infer(Inference in) {
      return in.shape();
    }
  },
  /**
   * A learned slope {@code alpha} for negative values, shaped like one example; {@code sharedAxes}
   * (Keras' axes, 1 = the first axis after the batch) share one slope along those axes. Empty: none.
   */
  PRELU("PReLU", ParamDef.of("alphaInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("alphaRegularizer", REGULARIZER, Regularizer.NONE), ParamDef.positiveInts("sharedAxes", List.of())) {
    @Override
    Shape infer(Inference in) {
      Shape s = in.shape();
      List<Integer> alpha = new ArrayList<>(s.dims());
      for (int axis : in.p().getInts("sharedAxes")) {
        if (axis > s.rank()) {
          throw in.problem("sharedAxes", "sharedAxes " + in.p().getInts("sharedAxes")
              + " name an axis beyond inputs of shape " + s.keras() + " (axis 1 is the first after the batch)");
        }
        alpha.set(axis - 1, 1);
      }
      in.weight("alpha", new Shape(alpha), in.p().initializer("alphaInitializer"),
          in.p().regularizer("alphaRegularizer"));
      return s;
    }
  },
  ELU("ELU", ParamDef.of("alpha", DOUBLE, 1.0)) {
    @Override
    Shape infer(Inference in) {
      return in.shape();
    }
  },
  /** Keras' {@code max_value=None} (no cap) is {@code maxValue = +Infinity}. */
  RELU("ReLU", ParamDef.atLeast("maxValue", DOUBLE, Double.POSITIVE_INFINITY, 0),
      ParamDef.atLeast("negativeSlope", DOUBLE, 0.0, 0), ParamDef.atLeast("threshold", DOUBLE, 0.0, 0)) {
    @Override
    Shape infer(Inference in) {
      return in.shape();
    }
  },
  /** Keras' {@code axis} counts the batch axis as 0; -1 is the last. */
  SOFTMAX("Softmax", ParamDef.of("axis", INT, -1)) {
    /** A softmax over the last axis is what {@code Activation("softmax")} is. */
    @Override
    Activation activation(Params p, Shape output) {
      int axis = p.getInt("axis");
      return axis == -1 || axis == output.rank() ? Activation.SOFTMAX : Activation.LINEAR;
    }

    @Override
    Shape infer(Inference in) {
      Shape s = in.shape();
      int axis = in.p().getInt("axis");
      if (axis == 0 || axis < -s.rank() || axis > s.rank()) {
        throw in.problem("axis", "axis " + axis + " is not an axis of one example of shape " + s.keras()
            + " (1 is the first after the batch, -1 the last)");
      }
      return s;
    }
  },
  CONV1D("Conv1D", conv(1)) {
    @Override
    Shape infer(Inference in) {
      return convolve(in, 1);
    }
  },
  CONV2D("Conv2D", conv(2)) {
    @Override
    Shape infer(Inference in) {
      return convolve(in, 2);
    }
  },
  MAX_POOLING1D("MaxPooling1D", pool(1)) {
    @Override
    Shape infer(Inference in) {
      return pooled(in, 1);
    }
  },
  MAX_POOLING2D("MaxPooling2D", pool(2)) {
    @Override
    Shape infer(Inference in) {
      return pooled(in, 2);
    }
  },
  AVERAGE_POOLING1D("AveragePooling1D", pool(1)) {
    @Override
    Shape infer(Inference in) {
      return pooled(in, 1);
    }
  },
  AVERAGE_POOLING2D("AveragePooling2D", pool(2)) {
    @Override
    Shape infer(Inference in) {
      return pooled(in, 2);
    }
  },
  GLOBAL_AVERAGE_POOLING1D("GlobalAveragePooling1D") {
    @Override
    Shape infer(Inference in) {
      return Shape.of(in.rank(2, STEPS).dim(-1));
    }
  },
  GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D") {
    @Override
    Shape infer(Inference in) {
      return Shape.of(in.rank(3, IMAGES).dim(-1));
    }
  },
  GLOBAL_MAX_POOLING1D("GlobalMaxPooling1D") {
    @Override
    Shape infer(Inference in) {
      return Shape.of(in.rank(2, STEPS).dim(-1));
    }
  },
  GLOBAL_MAX_POOLING2D("GlobalMaxPooling2D") {
    @Override
    Shape infer(Inference in) {
      return Shape.of(in.rank(3, IMAGES).dim(-1));
    }
  },
  BATCH_NORMALIZATION("BatchNormalization", ParamDef.of("axis", INT, -1), ParamDef.inRange("momentum", DOUBLE, 0.99, 0, 1),
      ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0), ParamDef.of("center", BOOLEAN, true),
      ParamDef.of("scale", BOOLEAN, true)) {
    @Override
    Shape infer(Inference in) {
      Shape c = normalized(in);
      in.fixedWeight("moving_mean", c, Initializer.ZEROS);
      in.fixedWeight("moving_variance", c, Initializer.ONES);
      return in.shape();
    }
  },
  LAYER_NORMALIZATION("LayerNormalization", ParamDef.of("axis", INT, -1), ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0),
      ParamDef.of("center", BOOLEAN, true), ParamDef.of("scale", BOOLEAN, true)) {
    @Override
    Shape infer(Inference in) {
      normalized(in);
      return in.shape();
    }
  },
  CONCATENATE("Concatenate", ParamDef.of("axis", INT, -1)) {
    @Override
    boolean merges() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      Shape s = in.shape();
      int axis = in.p().getInt("axis");
      int rank = s.rank();
      int a = axis < 0 ? rank + axis : axis - 1;
      if (a < 0 || a >= rank) {
        throw in.problem("axis", "axis " + axis + " is outside inputs of shape " + s.keras());
      }
      int total = 0;
      for (Layer l : in.inputs()) {
        Shape o = l.outputShape();
        for (int d = 0; d < Math.max(rank, o.rank()); d++) {
          if (o.rank() != rank || (d != a && o.dim(d) != s.dim(d))) {
            throw in.problem("from", "cannot concatenate " + in.describeInputs() + " on axis " + axis
                + ": all other dimensions must match");
          }
        }
        total = Math.addExact(total, o.dim(a));
      }
      List<Integer> dims = new ArrayList<>(s.dims());
      dims.set(a, total);
      return new Shape(dims);
    }
  },
  ADD("Add") {
    @Override
    boolean merges() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      for (Layer l : in.inputs()) {
        if (!l.outputShape().equals(in.shape())) {
          throw in.problem("from", "cannot add " + in.describeInputs() + ": all inputs must have the same shape");
        }
      }
      return in.shape();
    }
  };

  /** Parameters every layer kind takes. */
  public static final List<ParamDef> COMMON = Common.PARAMS;

  private static final String SEQUENCE = "3-D input (batch, timesteps, features)";
  private static final String STEPS = "3-D input (batch, steps, channels)";
  private static final String IMAGES = "4-D input (batch, rows, cols, channels)";

  /** Holder so that enum constructors can read the common parameters (enum statics come last). */
  private static final class Common {
    static final List<ParamDef> PARAMS =
        List.of(ParamDef.positiveInts("inputShape", List.of()), ParamDef.of("inputName", STRING, ""));
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

  /**
   * The simple name of the annotation in {@code io.github.kestimator.annotations} that declares a
   * layer of this kind: Keras' class name, except {@code Input} and {@code ActivationLayer}.
   */
  public String annotationName() {
    return kerasName;
  }

  /** The annotation element that sets {@code param}: the same name, except where the {@code value} element sets it. */
  public String annotationElement(String param) {
    return param;
  }

  /** The parameter that annotation element {@code element} sets (the inverse of {@link #annotationElement}). */
  public String paramOfElement(String element) {
    return element;
  }

  /** This kind's parameters including {@link #COMMON}, in definition order. */
  public List<ParamDef> params() {
    return params;
  }

  public ParamDef param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /** LSTM, GRU and SimpleRNN: the kinds {@link #BIDIRECTIONAL} wraps. */
  public boolean isRecurrent() {
    return false;
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

  /** The kind whose annotation ({@link #annotationName()}) has simple name {@code simpleName}, or null. */
  public static LayerKind fromAnnotation(String simpleName) {
    for (LayerKind k : values()) {
      if (k.annotationName().equals(simpleName)) {
        return k;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ what the analyzer asks of a kind

  /**
   * The shape rule: the output shape of one example from the inputs (their count and dtype already
   * checked), declaring the layer's weights on {@code in}; throws {@link Inference#problem} when the
   * input does not fit.
   */
  abstract Shape infer(Inference in);

  /** For a recurrent kind: the weights of one cell (named with {@code prefix}) and its output. */
  Shape cell(Inference in, Params p, String prefix) {
    throw new UnsupportedOperationException(kerasName + " is not recurrent");
  }

  /** Whether the layer takes two or more inputs (a merge); else exactly one (an input layer: none). */
  boolean merges() {
    return false;
  }

  /** The dtype the layer's input must have. */
  DType inputDType() {
    return DType.FLOAT32;
  }

  /** The input shape the layer's own parameters imply when it is the first (Embedding's inputLength); empty: none. */
  List<Integer> impliedInputShape(Params p) {
    return List.of();
  }

  /** How to give the first layer its input shape, for the message when it has none. */
  String inputShapeHint() {
    return "inputShape, e.g. inputShape = {32}";
  }

  /** Whether an output ending here ends with the activation of the layer before (values keep their meaning). */
  boolean keepsActivation() {
    return false;
  }

  /** The activation a layer of this kind ends with, {@link Activation#LINEAR} if it has none. */
  Activation activation(Params p, Shape output) {
    return p.has("activation") ? p.activation("activation") : Activation.LINEAR;
  }

  // ----------------------------------------------------------------------- shared shape rules

  private static Shape convolve(Inference in, int rank) {
    Shape s = in.rank(rank + 1, rank == 1 ? STEPS : IMAGES);
    Params p = in.p();
    List<Integer> dims = in.window(rank, p.perAxis("kernelSize", rank), p.perAxis("strides", rank),
        p.perAxis("dilationRate", rank), p.getEnum("padding", Padding.class), "kernelSize");
    List<Integer> kernel = new ArrayList<>();
    for (int k : p.perAxis("kernelSize", rank)) {
      kernel.add(k);
    }
    int filters = p.getInt("filters");
    kernel.add(s.dim(-1));
    kernel.add(filters);
    in.kernelAndBias("kernel", new Shape(kernel), filters);
    dims.add(filters);
    return new Shape(dims);
  }

  private static Shape pooled(Inference in, int rank) {
    Shape s = in.rank(rank + 1, rank == 1 ? STEPS : IMAGES);
    Params p = in.p();
    int[] size = p.perAxis("poolSize", rank);
    int[] strides = p.getInts("strides").isEmpty() ? size : p.perAxis("strides", rank);
    int[] ones = new int[rank];
    java.util.Arrays.fill(ones, 1);
    List<Integer> dims = in.window(rank, size, strides, ones, p.getEnum("padding", Padding.class), "poolSize");
    dims.add(s.dim(-1));
    return new Shape(dims);
  }

  /** Batch or layer normalization over the last axis: gamma and beta; returns the shape of one channel. */
  private static Shape normalized(Inference in) {
    Shape s = in.rankAtLeast(1, "at least 2-D input");
    int axis = in.p().getInt("axis");
    if (axis != -1 && axis != s.rank()) {
      throw in.problem("axis", "normalizes the last axis only (axis = -1), got axis = " + axis);
    }
    Shape c = Shape.of(s.dim(-1));
    if (in.p().getBoolean("scale")) {
      in.weight("gamma", c, Initializer.ONES, Regularizer.NONE);
    }
    if (in.p().getBoolean("center")) {
      in.weight("beta", c, Initializer.ZEROS, Regularizer.NONE);
    }
    return c;
  }

  // ----------------------------------------------------------------------- shared parameter lists

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
        ParamDef.positiveInts("strides", List.of(), 0, lengths[lengths.length - 1], 1),
        ParamDef.of("padding", PADDING, Padding.VALID));
  }

  private static List<ParamDef> concat(List<ParamDef> a, List<ParamDef> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
