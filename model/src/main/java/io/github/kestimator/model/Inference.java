package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a layer kind's shape rule ({@code LayerKind.infer}) works with: the layer's normalized
 * parameters and its inputs, already checked for count and dtype by {@link ModelAnalyzer}. The rule
 * declares the layer's weights here and returns its output shape; when the input does not fit, it
 * throws {@link #problem}, which the analyzer reports as {@link Diagnostic#SHAPE} on that parameter
 * (or {@link #bad} and {@link #missing}, for parameters that do not fit together).
 */
final class Inference {
  private final String name;
  private final LayerKind kind;
  private final Params params;
  private final List<String> inbound;
  private final List<Layer> inputs;
  private final List<Weight> weights = new ArrayList<>();
  private Layer wrapped;
  private DType dtype = DType.FLOAT32;
  private boolean masked;

  Inference(
      String name,
      LayerKind kind,
      Params params,
      List<String> inbound,
      List<Layer> inputs,
      Layer wrapped) {
    this.name = name;
    this.kind = kind;
    this.params = params;
    this.inbound = inbound;
    this.inputs = inputs;
    this.wrapped = wrapped;
  }

  /** The layer's parameters, normalized and completed with defaults. */
  Params p() {
    return params;
  }

  String name() {
    return name;
  }

  LayerKind kind() {
    return kind;
  }

  List<String> inbound() {
    return inbound;
  }

  /** The first (for most kinds the only) input. */
  Layer input() {
    return inputs.get(0);
  }

  List<Layer> inputs() {
    return inputs;
  }

  /** The shape of one example of the first input. */
  Shape shape() {
    return input().outputShape();
  }

  /**
   * The first input's shape, or a problem when its rank (without the batch axis) is not {@code
   * rank}.
   */
  Shape rank(int rank, String expected) {
    if (shape().rank() != rank) {
      throw rankProblem(expected);
    }
    return shape();
  }

  /**
   * The first input's shape, or a problem when its rank (without the batch axis) is below {@code
   * rank}.
   */
  Shape rankAtLeast(int rank, String expected) {
    if (shape().rank() < rank) {
      throw rankProblem(expected);
    }
    return shape();
  }

  private Failure rankProblem(String expected) {
    return problem(
        null, "expects " + expected + ", but '" + input().name() + "' gives " + shape().keras());
  }

  /**
   * A problem to throw: the input does not fit; {@code what} follows {@code Dense layer 'out' } in
   * the message, which is about {@code param} (or the layer, when null).
   */
  Failure problem(String param, String what) {
    return new Failure(param, Diagnostic.SHAPE, what);
  }

  /**
   * A problem to throw: a parameter's value does not fit the others ({@link Diagnostic#BAD_PARAM}).
   */
  Failure bad(String param, String what) {
    return new Failure(param, Diagnostic.BAD_PARAM, what);
  }

  /**
   * A problem to throw: a parameter the others make necessary is not given ({@link
   * Diagnostic#MISSING_PARAM}).
   */
  Failure missing(String param, String what) {
    return new Failure(param, Diagnostic.MISSING_PARAM, what);
  }

  /** For Bidirectional: the wrapped recurrent layer (validated like any layer); else null. */
  Layer wrapped() {
    return wrapped;
  }

  void wrapped(Layer layer) {
    wrapped = layer;
  }

  DType dtype() {
    return dtype;
  }

  /** The output's dtype, when it is not float32 (an input of ids). */
  void dtype(DType d) {
    dtype = d;
  }

  List<Weight> weights() {
    return weights;
  }

  /** Whether the output carries a mask; false (Keras drops it) unless the rule says otherwise. */
  boolean masked() {
    return masked;
  }

  /** Sets whether the output carries a mask ({@link Layer#masked()}). */
  void mask(boolean m) {
    masked = m;
  }

  /**
   * The output carries the first input's mask when it has one: Keras' default {@code compute_mask}
   * of a layer with {@code supports_masking} (Dense, Dropout, the activation layers, ...).
   */
  void passMask() {
    masked = input().masked();
  }

  /**
   * A problem to throw when the input carries a mask: the layer would use it in a way kestimator
   * does not reproduce ({@link Diagnostic#MASK}); {@code why} says how Keras uses it.
   */
  void refuseMask(String why) {
    if (input().masked()) {
      throw new Failure(
          null,
          Diagnostic.MASK,
          "receives a mask from '"
              + input().name()
              + "' (an Embedding with maskZero or a Masking layer upstream): "
              + why
              + ", which kestimator does not reproduce; put this layer before the masking layer, or"
              + " after a layer that consumes the mask (an LSTM, GRU or SimpleRNN without"
              + " returnSequences, GlobalAveragePooling1D)");
    }
  }

  /**
   * Adds the trainable weight {@code weight} from the parameters {@code param + "Initializer"},
   * {@code param + "Regularizer"} and {@code param + "Constraint"} (each optional: none, or Keras'
   * default); an initializer that cannot fill the shape is a problem on its parameter.
   */
  void weight(String weight, Shape shape, String param) {
    weight(params, weight, shape, param);
  }

  /** As {@link #weight(String, Shape, String)}, from the parameters {@code params}. */
  void weight(Params params, String weight, Shape shape, String param) {
    Initializer init = params.initializer(param + "Initializer");
    String unfit = unfit(init, weight, shape);
    if (unfit != null) {
      throw bad(param + "Initializer", unfit);
    }
    Constraint constraint =
        params.has(param + "Constraint")
            ? params.constraint(param + "Constraint")
            : Constraint.NONE;
    OptionalInt outside = constraint.axisOutside(shape.rank());
    if (outside.isPresent()) {
      throw bad(
          param + "Constraint",
          "has a "
              + constraint.type().kerasName()
              + " constraint over axis "
              + outside.getAsInt()
              + ", but its weight '"
              + weight
              + "' has shape "
              + shape.dims()
              + " (axes 0 to "
              + (shape.rank() - 1)
              + ", or negative from the end)");
    }
    weights.add(
        new Weight(
            weight,
            shape,
            init,
            true,
            params.has(param + "Regularizer")
                ? params.regularizer(param + "Regularizer")
                : Regularizer.NONE,
            constraint));
  }

  /**
   * Adds a weight that training does not change (a moving statistic), filled by the initializer
   * {@code param}; an initializer that cannot fill the shape is a problem on {@code param}.
   */
  void fixedWeight(String weight, Shape shape, String param) {
    Initializer init = params.initializer(param);
    String unfit = unfit(init, weight, shape);
    if (unfit != null) {
      throw bad(param, unfit);
    }
    weights.add(new Weight(weight, shape, init, false, Regularizer.NONE));
  }

  /** Why {@code init} cannot fill {@code shape}, or null: Keras' Identity and Orthogonal checks. */
  private static String unfit(Initializer init, String weight, Shape shape) {
    if (init.type() == InitializerType.IDENTITY && shape.rank() != 2) {
      return "has an Identity initializer for its weight '"
          + weight
          + "' of shape "
          + shape.dims()
          + ": Identity fills 2-D weights only";
    }
    if (init.type() == InitializerType.ORTHOGONAL && shape.rank() < 2) {
      return "has an Orthogonal initializer for its weight '"
          + weight
          + "' of shape "
          + shape.dims()
          + ": Orthogonal fills weights of at least 2 dimensions";
    }
    return null;
  }

  /**
   * The weight {@code kernel} (from the parameters {@code kernel + "Initializer"}, {@code kernel +
   * "Regularizer"} and {@code kernel + "Constraint"}) and, with {@code useBias}, the bias.
   */
  void kernelAndBias(String kernel, Shape kernelShape, int units) {
    weight(kernel, kernelShape, kernel);
    if (params.getBoolean("useBias")) {
      weight("bias", Shape.of(units), "bias");
    }
  }

  /**
   * A recurrent layer's weights (each {@code gates} blocks of {@code units}, named with {@code
   * prefix}) and output: the last step, or every step with {@code returnSequences}.
   */
  static Shape recurrent(Inference in, Params p, int gates, boolean splitBias, String prefix) {
    Shape s = in.shape();
    int units = p.getInt("units");
    int width = Math.multiplyExact(gates, units);
    in.weight(p, prefix + "kernel", Shape.of(s.dim(-1), width), "kernel");
    in.weight(p, prefix + "recurrent_kernel", Shape.of(units, width), "recurrent");
    if (p.getBoolean("useBias")) {
      in.weight(p, prefix + "bias", splitBias ? Shape.of(2, width) : Shape.of(width), "bias");
    }
    return p.getBoolean("returnSequences") ? Shape.of(s.dim(0), units) : Shape.of(units);
  }

  /**
   * The output of a sliding window over {@code rank} spatial axes (convolution, pooling): one
   * length per axis, or a problem on {@code param} when the input is too small for the window.
   */
  List<Integer> window(
      int rank, int[] size, int[] strides, int[] dilation, Padding padding, String param) {
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      int n = outLength(shape().dim(i), size[i], strides[i], dilation[i], padding);
      if (n <= 0) {
        throw problem(
            param,
            "input "
                + shape().keras()
                + " is too small for "
                + param
                + " "
                + params.getInts(param)
                + (param.equals("kernelSize") ? " with padding VALID" : ""));
      }
      dims.add(n);
    }
    return dims;
  }

  /** Keras' conv_output_length. */
  static int outLength(int n, int k, int stride, int dilation, Padding padding) {
    int effective = Math.addExact(Math.multiplyExact(dilation, k - 1), 1);
    return padding == Padding.SAME
        ? (n + stride - 1) / stride
        : n < effective ? 0 : (n - effective) / stride + 1;
  }

  /** {@code 'a' (None, 3), 'b' (None, 4)}: the inputs with their shapes, for messages. */
  String describeInputs() {
    return String.join(
        ", ", inputs.stream().map(l -> "'" + l.name() + "' " + l.outputShape().keras()).toList());
  }

  /** The input does not fit the layer: reported on {@link #param} (or the layer, when null). */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String param;
    private final transient Diagnostic code;

    private Failure(String param, Diagnostic code, String what) {
      super(what, null, false, false);
      this.param = param;
      this.code = code;
    }

    String param() {
      return param;
    }

    Diagnostic code() {
      return code;
    }
  }
}
