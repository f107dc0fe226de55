package io.github.kestimator.model;

import static io.github.kestimator.model.ParamType.ACTIVATION;
import static io.github.kestimator.model.ParamType.BOOLEAN;
import static io.github.kestimator.model.ParamType.CONSTRAINT;
import static io.github.kestimator.model.ParamType.DOUBLE;
import static io.github.kestimator.model.ParamType.DOUBLES;
import static io.github.kestimator.model.ParamType.DTYPE;
import static io.github.kestimator.model.ParamType.INITIALIZER;
import static io.github.kestimator.model.ParamType.INT;
import static io.github.kestimator.model.ParamType.LONG;
import static io.github.kestimator.model.ParamType.LONGS;
import static io.github.kestimator.model.ParamType.MERGE_MODE;
import static io.github.kestimator.model.ParamType.OUTPUT_MODE;
import static io.github.kestimator.model.ParamType.PADDING;
import static io.github.kestimator.model.ParamType.REGULARIZER;
import static io.github.kestimator.model.ParamType.SPLIT;
import static io.github.kestimator.model.ParamType.STANDARDIZE;
import static io.github.kestimator.model.ParamType.STRING;
import static io.github.kestimator.model.ParamType.STRINGS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every layer kind the project supports, each defined in one place: Keras' class name, its
 * parameters (Keras' argument names in camelCase, Keras' defaults and ranges) and its shape rule
 * (Keras' {@code compute_output_shape} and {@code build}: the output of one example and the
 * weights, in Keras' layout) with its mask rule (Keras' {@code compute_mask}: whether the output
 * carries a mask, {@link Layer#masked()}; by default a mask is dropped, as by Keras' layers without
 * {@code supports_masking}). The annotations, the Keras reader, the analyzer and the runtime all
 * read these definitions; a test checks that the annotations agree with them. Adding a kind in this
 * module is adding a constant here.
 *
 * <p>Every kind also takes the common parameters {@code inputShape} and {@code inputName}, which
 * only the first layer of a sequential model may set (Keras' {@code input_shape}, and the name of
 * the implicit input in front of it); {@link ModelAnalyzer} reports them anywhere else.
 */
public enum LayerKind {
  INPUT(
      "InputLayer",
      ParamDef.positiveInts("shape", null),
      ParamDef.of("dtype", DTYPE, DType.FLOAT32)) {
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
  DENSE(
      "Dense",
      concat(
          List.of(
              ParamDef.atLeast("units", INT, null, 1),
              ParamDef.of("activation", ACTIVATION, Activation.LINEAR)),
          dense("kernel", Initializer.GLOROT_UNIFORM))) {
    @Override
    Shape infer(Inference in) {
      Shape s = in.rankAtLeast(1, "at least 2-D input (batch, features)");
      int units = in.p().getInt("units");
      in.kernelAndBias("kernel", Shape.of(s.dim(-1), units), units);
      in.passMask();
      return s.withLast(units);
    }
  },
  EMBEDDING(
      "Embedding",
      ParamDef.atLeast("inputDim", INT, null, 1),
      ParamDef.atLeast("outputDim", INT, null, 1),
      ParamDef.atLeast("inputLength", INT, 0, 0),
      ParamDef.of("embeddingsInitializer", INITIALIZER, Initializer.RANDOM_UNIFORM),
      ParamDef.of("embeddingsRegularizer", REGULARIZER, Regularizer.NONE),
      ParamDef.of("embeddingsConstraint", CONSTRAINT, Constraint.NONE),
      ParamDef.of("maskZero", BOOLEAN, false)) {
    @Override
    DType inputDType() {
      return DType.INT32;
    }

    /** Ids from a lookup or TextVectorization are int64. */
    @Override
    List<DType> inputDTypes() {
      return List.of(DType.INT32, DType.INT64);
    }

    @Override
    List<Integer> impliedInputShape(Params p) {
      return p.getInt("inputLength") > 0 ? List.of(p.getInt("inputLength")) : List.of();
    }

    @Override
    String inputShapeHint() {
      return "inputLength (the sequence length)";
    }

    /**
     * Keras 2 checks a given {@code input_length} against the input (Keras 3 dropped the argument).
     * With {@code maskZero} the output carries a mask: id 0 is padding (Keras' {@code mask_zero});
     * an incoming mask is dropped, as Keras' Embedding does.
     */
    @Override
    Shape infer(Inference in) {
      Params p = in.p();
      int length = p.getInt("inputLength");
      if (length > 0 && !in.shape().equals(Shape.of(length))) {
        throw in.problem(
            "inputLength",
            "has inputLength = "
                + length
                + ", but its input '"
                + in.input().name()
                + "' gives "
                + in.shape().keras()
                + ": a given inputLength must be the length of the input sequence"
                + " (or leave it out)");
      }
      in.weight("embeddings", Shape.of(p.getInt("inputDim"), p.getInt("outputDim")), "embeddings");
      in.mask(p.getBoolean("maskZero"));
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
      return recurrentOutput(in, in.p(), cell(in, in.p(), ""));
    }
  },
  GRU("GRU", recurrent(Activation.SIGMOID, ParamDef.of("resetAfter", BOOLEAN, true))) {
    @Override
    public boolean isRecurrent() {
      return true;
    }

    /**
     * Keras' {@code reset_after=True} keeps separate input and recurrent biases: a (2, 3 * units)
     * bias.
     */
    @Override
    Shape cell(Inference in, Params p, String prefix) {
      return Inference.recurrent(in, p, 3, p.getBoolean("resetAfter"), prefix);
    }

    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      return recurrentOutput(in, in.p(), cell(in, in.p(), ""));
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
      return recurrentOutput(in, in.p(), cell(in, in.p(), ""));
    }
  },
  /**
   * Wraps an LSTM, GRU or SimpleRNN layer ({@link LayerSpec#wrapped()}): one copy per direction.
   */
  BIDIRECTIONAL("Bidirectional", ParamDef.of("mergeMode", MERGE_MODE, MergeMode.CONCAT)) {
    @Override
    Shape infer(Inference in) {
      in.rank(2, SEQUENCE);
      Layer cell = in.wrapped();
      Shape o = cell.kind().cell(in, cell.params(), "forward_");
      cell.kind().cell(in, cell.params(), "backward_");
      in.wrapped(
          new Layer(
              in.name(),
              cell.kind(),
              cell.params(),
              in.inbound(),
              DType.FLOAT32,
              o,
              List.of(),
              null,
              false));
      boolean concat = in.p().getEnum("mergeMode", MergeMode.class) == MergeMode.CONCAT;
      return recurrentOutput(
          in, cell.params(), concat ? o.withLast(Math.multiplyExact(o.dim(-1), 2)) : o);
    }
  },
  DROPOUT("Dropout", ParamDef.inRange("rate", DOUBLE, null, 0, 1), ParamDef.of("seed", INT, 0)) {
    @Override
    boolean keepsActivation() {
      return true;
    }

    @Override
    Shape infer(Inference in) {
      in.passMask();
      return in.shape();
    }
  },
  /**
   * Keras' {@code Masking}: a step whose values all equal {@code maskValue} is masked (the output
   * carries the mask) and its values become 0; the others pass unchanged.
   */
  MASKING("Masking", ParamDef.of("maskValue", DOUBLE, 0.0)) {
    @Override
    Shape infer(Inference in) {
      in.mask(true);
      return in.rankAtLeast(1, "at least 2-D input (batch, steps, features)");
    }
  },
  /** Drops a mask (Keras' Flatten does not support masking), as Reshape does. */
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
        throw in.problem(
            "targetShape",
            "cannot reshape " + s.keras() + " (" + s.size() + " values) to targetShape " + given);
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

    /**
     * {@code @ActivationLayer(RELU)}: value, as Keras' {@code Activation('relu')} takes it
     * positionally.
     */
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
      in.passMask();
      return in.shape();
    }
  },
  /**
   * Keras 3's {@code negative_slope}; Keras 2 wrote {@code alpha} (the Keras importer renames it).
   */
  LEAKY_RELU("LeakyReLU", ParamDef.atLeast("negativeSlope", DOUBLE, 0.3, 0)) {
    @Override
    Shape infer(Inference in) {
      in.passMask();
      return in.shape();
    }
  },
  /**
   * A learned slope {@code alpha} for negative values, shaped like one example; {@code sharedAxes}
   * (Keras' axes, 1 = the first axis after the batch) share one slope along those axes. Empty:
   * none.
   */
  PRELU(
      "PReLU",
      ParamDef.of("alphaInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("alphaRegularizer", REGULARIZER, Regularizer.NONE),
      ParamDef.of("alphaConstraint", CONSTRAINT, Constraint.NONE),
      ParamDef.positiveInts("sharedAxes", List.of())) {
    @Override
    Shape infer(Inference in) {
      Shape s = in.shape();
      List<Integer> alpha = new ArrayList<>(s.dims());
      for (int axis : in.p().getInts("sharedAxes")) {
        if (axis > s.rank()) {
          throw in.problem(
              "sharedAxes",
              "sharedAxes "
                  + in.p().getInts("sharedAxes")
                  + " name an axis beyond inputs of shape "
                  + s.keras()
                  + " (axis 1 is the first after the batch)");
        }
        alpha.set(axis - 1, 1);
      }
      in.weight("alpha", new Shape(alpha), "alpha");
      in.passMask();
      return s;
    }
  },
  ELU("ELU", ParamDef.of("alpha", DOUBLE, 1.0)) {
    @Override
    Shape infer(Inference in) {
      in.passMask();
      return in.shape();
    }
  },
  /** Keras' {@code max_value=None} (no cap) is {@code maxValue = +Infinity}. */
  RELU(
      "ReLU",
      ParamDef.atLeast("maxValue", DOUBLE, Double.POSITIVE_INFINITY, 0),
      ParamDef.atLeast("negativeSlope", DOUBLE, 0.0, 0),
      ParamDef.atLeast("threshold", DOUBLE, 0.0, 0)) {
    @Override
    Shape infer(Inference in) {
      in.passMask();
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
        throw in.problem(
            "axis",
            "axis "
                + axis
                + " is not an axis of one example of shape "
                + s.keras()
                + " (1 is the first after the batch, -1 the last)");
      }
      in.refuseMask(
          "Keras' Softmax takes a mask of the input's shape (attention scores), and fails or"
              + " masks the wrong axis with a per-step mask");
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
  /**
   * With a mask on its input: the mean over the unmasked steps (NaN when all are masked, as Keras).
   */
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
  /** The max over every step: Keras 3's GlobalMaxPooling1D does not support masking (drops it). */
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
  BATCH_NORMALIZATION(
      "BatchNormalization",
      ParamDef.of("axis", INT, -1),
      ParamDef.inRange("momentum", DOUBLE, 0.99, 0, 1),
      ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0),
      ParamDef.of("center", BOOLEAN, true),
      ParamDef.of("scale", BOOLEAN, true),
      ParamDef.of("betaInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("gammaInitializer", INITIALIZER, Initializer.ONES),
      ParamDef.of("movingMeanInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("movingVarianceInitializer", INITIALIZER, Initializer.ONES),
      ParamDef.of("betaConstraint", CONSTRAINT, Constraint.NONE),
      ParamDef.of("gammaConstraint", CONSTRAINT, Constraint.NONE)) {
    @Override
    Shape infer(Inference in) {
      Shape c = normalized(in);
      in.refuseMask(
          "Keras' BatchNormalization computes its batch statistics over unmasked steps only");
      in.fixedWeight("moving_mean", c, "movingMeanInitializer");
      in.fixedWeight("moving_variance", c, "movingVarianceInitializer");
      return in.shape();
    }
  },
  LAYER_NORMALIZATION(
      "LayerNormalization",
      ParamDef.of("axis", INT, -1),
      ParamDef.atLeast("epsilon", DOUBLE, 1e-3, 0),
      ParamDef.of("center", BOOLEAN, true),
      ParamDef.of("scale", BOOLEAN, true),
      ParamDef.of("betaInitializer", INITIALIZER, Initializer.ZEROS),
      ParamDef.of("gammaInitializer", INITIALIZER, Initializer.ONES),
      ParamDef.of("betaConstraint", CONSTRAINT, Constraint.NONE),
      ParamDef.of("gammaConstraint", CONSTRAINT, Constraint.NONE)) {
    @Override
    Shape infer(Inference in) {
      normalized(in);
      in.passMask();
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
            throw in.problem(
                "from",
                "cannot concatenate "
                    + in.describeInputs()
                    + " on axis "
                    + axis
                    + ": all other dimensions must match");
          }
        }
        total = Math.addExact(total, o.dim(a));
      }
      List<Integer> dims = new ArrayList<>(s.dims());
      dims.set(a, total);
      // Keras: an unmasked input counts as all steps kept; the masks are joined along the axis, or
      // or-ed when the axis is the last (features).
      in.mask(in.inputs().stream().anyMatch(Layer::masked));
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
          throw in.problem(
              "from",
              "cannot add " + in.describeInputs() + ": all inputs must have the same shape");
        }
      }
      // Keras' merge layers: the masks or-ed when every input has one, else none.
      in.mask(in.inputs().stream().allMatch(Layer::masked));
      return in.shape();
    }
  },
  // ------------------------------------------------------------------ preprocessing layers
  // Their state (vocabulary, idf weights, mean and variance) is a parameter: given, or, when empty,
  // adapted from data before training (needsAdapt). They have no weights.
  /**
   * Text to token ids ({@code int}: {@code outputSequenceLength} int64 ids, padded with 0 or cut)
   * or to one float vector per text ({@code multi_hot}, {@code count}, {@code tf_idf}: one entry
   * per index of the vocabulary, {@code maxTokens} when adapted). Input: one string per example,
   * shape (1). {@code ngrams} n means 1..n as Keras' int form; 0 = none. Index layout: {@link
   * Vocabulary}.
   */
  TEXT_VECTORIZATION(
      "TextVectorization",
      ParamDef.atLeast("maxTokens", INT, 0, 2),
      ParamDef.of("standardize", STANDARDIZE, Standardize.LOWER_AND_STRIP_PUNCTUATION),
      ParamDef.of("split", SPLIT, Split.WHITESPACE),
      ParamDef.atLeast("ngrams", INT, 0, 1),
      ParamDef.of("outputMode", OUTPUT_MODE, OutputMode.INT),
      ParamDef.atLeast("outputSequenceLength", INT, 0, 1),
      ParamDef.list("vocabulary", STRINGS, List.of()),
      ParamDef.list("idfWeights", DOUBLES, List.of())) {
    @Override
    DType inputDType() {
      return DType.STRING;
    }

    @Override
    List<Integer> impliedInputShape(Params p) {
      return List.of(1);
    }

    @Override
    public boolean needsAdapt(Params p) {
      return p.getStrings("vocabulary").isEmpty();
    }

    @Override
    Shape infer(Inference in) {
      Params p = in.p();
      if (!(in.shape().rank() == 0 || in.shape().equals(Shape.of(1)))) {
        throw in.problem(
            null,
            "takes one string per example, shape (None, 1), but '"
                + in.input().name()
                + "' gives "
                + in.shape().keras()
                + ": give it inputShape = {1}");
      }
      OutputMode mode = p.getEnum("outputMode", OutputMode.class);
      if (mode == OutputMode.ONE_HOT) {
        throw in.bad(
            "outputMode",
            "takes outputMode INT, MULTI_HOT, COUNT or TF_IDF, not ONE_HOT (as Keras)");
      }
      int length = p.getInt("outputSequenceLength");
      if (mode == OutputMode.INT && length == 0) {
        throw in.missing(
            "outputSequenceLength",
            "in outputMode INT needs outputSequenceLength: kestimator's tensors have"
                + " static shapes, so every text becomes that many ids (padded with 0, or cut)");
      }
      if (mode != OutputMode.INT && length != 0) {
        throw in.bad(
            "outputSequenceLength",
            "takes outputSequenceLength only in outputMode INT, not " + mode);
      }
      if (mode == OutputMode.INT) {
        lookup(in, false);
        in.dtype(DType.INT64);
        return Shape.of(length);
      }
      return Shape.of(lookup(in, false));
    }
  },
  /**
   * Strings to indices, Keras' {@code StringLookup}: {@code int} gives an int64 index per string,
   * same shape; {@code one_hot} a float vector per string (an input of shape (1) gives (tokens));
   * {@code multi_hot}, {@code count}, {@code tf_idf} one vector per example (input of rank 1 at
   * most). Tokens: the vocabulary's size with the special indices, or {@code maxTokens} when
   * adapted. {@code maskToken}: none, or one string ({@code {""}}). Index layout: {@link
   * Vocabulary}.
   */
  STRING_LOOKUP("StringLookup", lookupParams(STRINGS, STRING, "[UNK]")) {
    @Override
    DType inputDType() {
      return DType.STRING;
    }

    @Override
    public boolean needsAdapt(Params p) {
      return p.getStrings("vocabulary").isEmpty();
    }

    @Override
    Shape infer(Inference in) {
      return lookedUp(in);
    }
  },
  /**
   * Integers to indices, Keras' {@code IntegerLookup}: as {@link #STRING_LOOKUP}, with int64 tokens
   * (OOV token -1).
   */
  INTEGER_LOOKUP("IntegerLookup", lookupParams(LONGS, LONG, -1L)) {
    @Override
    DType inputDType() {
      return DType.INT64;
    }

    @Override
    List<DType> inputDTypes() {
      return List.of(DType.INT64, DType.INT32);
    }

    @Override
    public boolean needsAdapt(Params p) {
      return p.getLongs("vocabulary").isEmpty();
    }

    @Override
    Shape infer(Inference in) {
      return lookedUp(in);
    }
  },
  /**
   * Strings (or integers, as their decimal text) to {@code numBins} int64 bins by TensorFlow's
   * FarmHash fingerprint, or with a {@code salt} (one value: used twice; two) SipHash, as Keras;
   * same shape. {@code maskValue}: none, or one value (for integer input its decimal text) that
   * goes to bin 0 while the others take bins 1..numBins-1.
   */
  HASHING(
      "Hashing",
      ParamDef.atLeast("numBins", INT, null, 1),
      ParamDef.list("salt", LONGS, List.of(), 0, 1, 2),
      ParamDef.optional("maskValue", STRINGS)) {
    @Override
    DType inputDType() {
      return DType.STRING;
    }

    @Override
    List<DType> inputDTypes() {
      return List.of(DType.STRING, DType.INT64, DType.INT32);
    }

    @Override
    Shape infer(Inference in) {
      if (in.p().optional("maskValue") != null && in.p().getInt("numBins") < 2) {
        throw in.bad("numBins", "with a maskValue needs numBins >= 2 (bin 0 is the mask's)");
      }
      in.dtype(DType.INT64);
      return in.shape();
    }
  },
  /**
   * {@code (x - mean) / sqrt(variance)} over the last axis ({@code invert}: the other way); mean
   * and variance have one value per feature of that axis, or one for all; both empty: adapted from
   * data.
   */
  NORMALIZATION(
      "Normalization",
      ParamDef.of("axis", INT, -1),
      ParamDef.list("mean", DOUBLES, List.of()),
      ParamDef.list("variance", DOUBLES, List.of()),
      ParamDef.of("invert", BOOLEAN, false)) {
    @Override
    public boolean needsAdapt(Params p) {
      return p.getDoubles("mean").isEmpty();
    }

    @Override
    Shape infer(Inference in) {
      Shape s = in.rankAtLeast(1, "at least 2-D input (batch, features)");
      Params p = in.p();
      int axis = p.getInt("axis");
      if (axis != -1 && axis != s.rank()) {
        throw in.problem("axis", "normalizes the last axis only (axis = -1), got axis = " + axis);
      }
      List<Double> mean = p.getDoubles("mean");
      List<Double> variance = p.getDoubles("variance");
      if (mean.isEmpty() != variance.isEmpty()) {
        String given = mean.isEmpty() ? "variance" : "mean";
        String other = mean.isEmpty() ? "mean" : "variance";
        throw in.bad(
            given,
            "has a "
                + given
                + " but no "
                + other
                + ": give both, or neither to adapt them from data");
      }
      for (String name : List.of("mean", "variance")) {
        int n = p.getDoubles(name).size();
        if (n != 0 && n != 1 && n != s.dim(-1)) {
          throw in.bad(
              name,
              "has "
                  + n
                  + " "
                  + name
                  + " values, but its input '"
                  + in.input().name()
                  + "' gives "
                  + s.keras()
                  + ": give one per feature ("
                  + s.dim(-1)
                  + ") or one for all");
        }
      }
      if (variance.stream().anyMatch(v -> v < 0)) {
        throw in.bad(
            "variance", "has a negative variance " + variance + ": every variance must be >= 0");
      }
      in.passMask();
      return s;
    }
  },
  /**
   * Floats to int64 bin indices: bin i holds values in [binBoundaries[i-1], binBoundaries[i]); same
   * shape.
   */
  DISCRETIZATION(
      "Discretization",
      ParamDef.list("binBoundaries", DOUBLES, null),
      ParamDef.of("outputMode", OUTPUT_MODE, OutputMode.INT)) {
    @Override
    Shape infer(Inference in) {
      Params p = in.p();
      if (p.getEnum("outputMode", OutputMode.class) != OutputMode.INT) {
        throw in.bad(
            "outputMode",
            "supports outputMode INT only (bin indices; encode them with a CategoryEncoding)");
      }
      List<Double> b = p.getDoubles("binBoundaries");
      if (b.isEmpty()) {
        throw in.bad("binBoundaries", "needs at least one bin boundary");
      }
      for (int i = 1; i < b.size(); i++) {
        if (!(b.get(i) > b.get(i - 1))) {
          throw in.bad("binBoundaries", "binBoundaries " + b + " must be increasing");
        }
      }
      in.dtype(DType.INT64);
      return in.shape();
    }
  },
  /**
   * Integer ids in [0, numTokens) to float vectors of numTokens: {@code multi_hot} and {@code
   * count} one per example, {@code one_hot} one per id (an input of shape (1) gives (numTokens)).
   * Input of rank 1 at most, as Keras.
   */
  CATEGORY_ENCODING(
      "CategoryEncoding",
      ParamDef.atLeast("numTokens", INT, null, 1),
      ParamDef.of("outputMode", OUTPUT_MODE, OutputMode.MULTI_HOT)) {
    @Override
    DType inputDType() {
      return DType.INT32;
    }

    @Override
    List<DType> inputDTypes() {
      return List.of(DType.INT32, DType.INT64);
    }

    @Override
    Shape infer(Inference in) {
      OutputMode mode = in.p().getEnum("outputMode", OutputMode.class);
      if (mode == OutputMode.INT || mode == OutputMode.TF_IDF) {
        throw in.bad(
            "outputMode",
            "takes outputMode ONE_HOT, MULTI_HOT or COUNT, not " + mode + " (as Keras)");
      }
      return encoded(in, mode, in.p().getInt("numTokens"));
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
        List.of(
            ParamDef.positiveInts("inputShape", List.of()), ParamDef.of("inputName", STRING, ""));
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

  /**
   * The annotation element that sets {@code param}: the same name, except where the {@code value}
   * element sets it.
   */
  public String annotationElement(String param) {
    return param;
  }

  /**
   * The parameter that annotation element {@code element} sets (the inverse of {@link
   * #annotationElement}).
   */
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

  /**
   * The kind whose annotation ({@link #annotationName()}) has simple name {@code simpleName}, or
   * null.
   */
  public static LayerKind fromAnnotation(String simpleName) {
    for (LayerKind k : values()) {
      if (k.annotationName().equals(simpleName)) {
        return k;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ what the analyzer asks of a
  // kind

  /**
   * The shape rule: the output shape of one example from the inputs (their count and dtype already
   * checked), declaring the layer's weights on {@code in}; throws {@link Inference#problem} when
   * the input does not fit.
   */
  abstract Shape infer(Inference in);

  /** For a recurrent kind: the weights of one cell (named with {@code prefix}) and its output. */
  Shape cell(Inference in, Params p, String prefix) {
    throw new UnsupportedOperationException(kerasName + " is not recurrent");
  }

  /**
   * Whether the layer takes two or more inputs (a merge); else exactly one (an input layer: none).
   */
  boolean merges() {
    return false;
  }

  /**
   * The dtype of the implicit input in front of a first layer of this kind (and the one its input
   * must have).
   */
  DType inputDType() {
    return DType.FLOAT32;
  }

  /**
   * The dtypes the layer's input may have; the first is {@link #inputDType()}'s unless overridden.
   */
  List<DType> inputDTypes() {
    return List.of(inputDType());
  }

  /**
   * Whether a layer with these parameters learns its state from data before training (Keras' {@code
   * adapt}): a TextVectorization, StringLookup or IntegerLookup without a vocabulary, a
   * Normalization without a mean.
   */
  public boolean needsAdapt(Params p) {
    return false;
  }

  /**
   * The input shape the layer's own parameters imply when it is the first (Embedding's
   * inputLength); empty: none.
   */
  List<Integer> impliedInputShape(Params p) {
    return List.of();
  }

  /** How to give the first layer its input shape, for the message when it has none. */
  String inputShapeHint() {
    return "inputShape, e.g. inputShape = {32}";
  }

  /**
   * Whether an output ending here ends with the activation of the layer before (values keep their
   * meaning).
   */
  boolean keepsActivation() {
    return false;
  }

  /** The activation a layer of this kind ends with, {@link Activation#LINEAR} if it has none. */
  Activation activation(Params p, Shape output) {
    return p.has("activation") ? p.activation("activation") : Activation.LINEAR;
  }

  // ----------------------------------------------------------------------- shared shape rules

  /**
   * A recurrent layer's mask rule: Keras' RNN passes its input's mask on with {@code
   * returnSequences} and consumes it otherwise (steps it masks keep the previous state).
   */
  private static Shape recurrentOutput(Inference in, Params cell, Shape out) {
    in.mask(in.input().masked() && cell.getBoolean("returnSequences"));
    return out;
  }

  private static Shape convolve(Inference in, int rank) {
    Shape s = in.rank(rank + 1, rank == 1 ? STEPS : IMAGES);
    Params p = in.p();
    List<Integer> dims =
        in.window(
            rank,
            p.perAxis("kernelSize", rank),
            p.perAxis("strides", rank),
            p.perAxis("dilationRate", rank),
            p.getEnum("padding", Padding.class),
            "kernelSize");
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
    List<Integer> dims =
        in.window(rank, size, strides, ones, p.getEnum("padding", Padding.class), "poolSize");
    dims.add(s.dim(-1));
    return new Shape(dims);
  }

  /**
   * Batch or layer normalization over the last axis: gamma and beta; returns the shape of one
   * channel.
   */
  private static Shape normalized(Inference in) {
    Shape s = in.rankAtLeast(1, "at least 2-D input");
    int axis = in.p().getInt("axis");
    if (axis != -1 && axis != s.rank()) {
      throw in.problem("axis", "normalizes the last axis only (axis = -1), got axis = " + axis);
    }
    Shape c = Shape.of(s.dim(-1));
    if (in.p().getBoolean("scale")) {
      in.weight("gamma", c, "gamma");
    }
    if (in.p().getBoolean("center")) {
      in.weight("beta", c, "beta");
    }
    return c;
  }

  /**
   * StringLookup's and IntegerLookup's shape rule: ids shaped like the input, or encoded vectors.
   */
  private static Shape lookedUp(Inference in) {
    OutputMode mode = in.p().getEnum("outputMode", OutputMode.class);
    int tokens = lookup(in, true);
    if (mode == OutputMode.INT) {
      in.dtype(DType.INT64);
      return in.shape();
    }
    return encoded(in, mode, tokens);
  }

  /**
   * Checks a lookup's vocabulary and idf weights; returns the depth of its encoded outputs (the
   * vocabulary's size with the special indices, or {@code maxTokens} when adapted), 0 in int mode
   * without either.
   */
  private static int lookup(Inference in, boolean oovToken) {
    Params p = in.p();
    LayerKind kind = in.kind();
    OutputMode mode = p.getEnum("outputMode", OutputMode.class);
    Vocabulary v = Vocabulary.of(kind, p);
    Set<Object> seen = new HashSet<>();
    for (Object t : v.tokens()) {
      if (t.equals(v.oovToken())
          || t.equals(kind == TEXT_VECTORIZATION ? "" : p.optional("maskToken"))) {
        throw in.bad(
            "vocabulary",
            "has the "
                + (t.equals(v.oovToken()) ? "OOV" : "mask")
                + " token "
                + quote(t)
                + " among its tokens: give the tokens only (the special tokens come first by themselves)");
      }
      if (!seen.add(t)) {
        throw in.bad(
            "vocabulary", "has the token " + quote(t) + " twice: every token needs its own index");
      }
    }
    int maxTokens = p.getInt("maxTokens");
    if (!v.adapted() && maxTokens > 0 && v.size() > maxTokens) {
      throw in.bad(
          "vocabulary",
          "has "
              + v.size()
              + " entries with its special tokens, more than maxTokens = "
              + maxTokens);
    }
    List<Double> idf = p.getDoubles("idfWeights");
    if (mode != OutputMode.TF_IDF && !idf.isEmpty()) {
      throw in.bad("idfWeights", "takes idfWeights only in outputMode TF_IDF, not " + mode);
    }
    if (mode == OutputMode.TF_IDF && v.adapted() && !idf.isEmpty()) {
      throw in.bad(
          "idfWeights",
          "has idfWeights but no vocabulary: give both, or neither to adapt both from data");
    }
    if (mode == OutputMode.TF_IDF
        && !v.adapted()
        && idf.size() != v.tokens().size()
        && idf.size() != v.size()) {
      throw in.missing(
          "idfWeights",
          "in outputMode TF_IDF with a vocabulary of "
              + v.tokens().size()
              + " tokens needs "
              + "one idfWeight per token, got "
              + idf.size());
    }
    int tokens = v.adapted() ? maxTokens : v.size();
    if (mode != OutputMode.INT && tokens == 0) {
      throw in.missing(
          "maxTokens",
          "in outputMode "
              + mode
              + " needs maxTokens or a vocabulary: the output has one"
              + " value per index of the vocabulary, and kestimator's tensors have static shapes");
    }
    return tokens;
  }

  /** One-hot, multi-hot or count vectors of {@code tokens} values, Keras' shape rule for them. */
  private static Shape encoded(Inference in, OutputMode mode, int tokens) {
    Shape s = in.shape();
    if (mode == OutputMode.ONE_HOT) {
      if (s.rank() > 1) {
        throw in.problem(
            null,
            "in outputMode ONE_HOT takes input of shape (None, n) at most, but '"
                + in.input().name()
                + "' gives "
                + s.keras());
      }
      return s.rank() == 0 || s.dim(-1) == 1 ? Shape.of(tokens) : s.append(tokens);
    }
    if (s.rank() > 1) {
      throw in.problem(
          null,
          "in outputMode "
              + mode
              + " takes input of shape (None, n) at most (one vector per example),"
              + " but '"
              + in.input().name()
              + "' gives "
              + s.keras());
    }
    return Shape.of(tokens);
  }

  private static String quote(Object token) {
    return token instanceof String ? "\"" + token + "\"" : String.valueOf(token);
  }

  // ----------------------------------------------------------------------- shared parameter lists

  /**
   * StringLookup's and IntegerLookup's parameters, with tokens of the given types and Keras' OOV
   * token.
   */
  private static List<ParamDef> lookupParams(ParamType tokens, ParamType token, Object oovToken) {
    return List.of(
        ParamDef.atLeast("maxTokens", INT, 0, 2),
        ParamDef.atLeast("numOovIndices", INT, 1, 0),
        ParamDef.optional("maskToken", tokens),
        ParamDef.of("oovToken", token, oovToken),
        ParamDef.list("vocabulary", tokens, List.of()),
        ParamDef.list("idfWeights", DOUBLES, List.of()),
        ParamDef.of("outputMode", OUTPUT_MODE, OutputMode.INT));
  }

  private static List<ParamDef> dense(String kernel, Initializer kernelInit) {
    return List.of(
        ParamDef.of("useBias", BOOLEAN, true),
        ParamDef.of(kernel + "Initializer", INITIALIZER, kernelInit),
        ParamDef.of("biasInitializer", INITIALIZER, Initializer.ZEROS),
        ParamDef.of(kernel + "Regularizer", REGULARIZER, Regularizer.NONE),
        ParamDef.of("biasRegularizer", REGULARIZER, Regularizer.NONE),
        ParamDef.of(kernel + "Constraint", CONSTRAINT, Constraint.NONE),
        ParamDef.of("biasConstraint", CONSTRAINT, Constraint.NONE));
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
    l.add(ParamDef.of("recurrentConstraint", CONSTRAINT, Constraint.NONE));
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
    return concat(
        List.of(
            ParamDef.atLeast("filters", INT, null, 1),
            ParamDef.positiveInts("kernelSize", null, lengths),
            ParamDef.positiveInts("strides", ones, lengths),
            ParamDef.of("padding", PADDING, Padding.VALID),
            ParamDef.positiveInts("dilationRate", ones, lengths),
            ParamDef.of("activation", ACTIVATION, Activation.LINEAR)),
        dense("kernel", Initializer.GLOROT_UNIFORM));
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
