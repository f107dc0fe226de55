package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a {@link ModelSpec} and infers every layer's output shape and weights, with Keras'
 * semantics. This is the only place shapes are inferred and models validated: the processor, the
 * runtime and the Maven plugin all call it.
 *
 * <p>It reports every problem it can find in one pass. A layer whose own parameters are wrong
 * is skipped by shape inference, and so are the layers it feeds, so one mistake gives one message.
 */
public final class ModelAnalyzer {

  /** The outcome: either problems, or a model (never both). */
  public record Analysis(List<Problem> problems, Model model) {
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The model, or an exception listing every problem. */
    public Model orThrow() {
      if (!ok()) {
        StringBuilder b = new StringBuilder("invalid model:");
        problems.forEach(p -> b.append("\n  ").append(p));
        throw new IllegalArgumentException(b.toString());
      }
      return model;
    }
  }

  private final ModelSpec spec;
  private final List<Problem> problems = new ArrayList<>();
  /** Output of each layer that inferred cleanly; absent for broken layers. */
  private final Map<String, Layer> resolved = new LinkedHashMap<>();

  private ModelAnalyzer(ModelSpec spec) {
    this.spec = spec;
  }

  public static Analysis analyze(ModelSpec spec) {
    return new ModelAnalyzer(spec).run();
  }

  private Analysis run() {
    if (spec.layers().isEmpty()) {
      problem(null, null, Diagnostic.EMPTY_MODEL, "model '" + spec.name()
          + "' has no layers: give it one Layer field per layer, e.g. @Dense(units = 1) Layer out;");
    }
    Params optimizer = null;
    if (spec.compile() == null) {
      problem(null, "compile", Diagnostic.NO_COMPILE, "model '" + spec.name()
          + "' has no @Compile: say how it trains, e.g. @Compile(loss = BINARY_CROSSENTROPY, optimizer = @Optimizer(ADAM))");
    } else {
      optimizer = normalize(null, "optimizer", OptimizerSpec.PARAMS, spec.compile().optimizer().args());
    }
    if (spec.layers().isEmpty()) {
      return new Analysis(List.copyOf(problems), null);
    }
    Set<String> names = checkNames();
    List<Layer> layers = new ArrayList<>();
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec ls = spec.layers().get(i);
      Params params = normalize(ls.name(), null, ls.kind().params(), ls.args());
      Layer wrapped = null;
      if (ls.kind() == LayerKind.BIDIRECTIONAL) {
        if (ls.wrapped() == null || !ls.wrapped().kind().isRecurrent()) {
          problem(ls.name(), null, Diagnostic.BIDIRECTIONAL, "Bidirectional layer '" + ls.name()
              + "' must wrap an LSTM, GRU or SimpleRNN on the same field, e.g. @Bidirectional @LSTM(units = 32)"
              + (ls.wrapped() == null ? "" : ", not " + ls.wrapped().kind().kerasName()));
          params = null;
        } else {
          Params inner = normalize(ls.name(), null, ls.wrapped().kind().params(), ls.wrapped().args());
          wrapped = inner == null ? null : new Layer(ls.name(), ls.wrapped().kind(), inner, List.of(), DType.FLOAT32,
              Shape.scalar(), List.of(), null, false);
          params = inner == null ? null : params;
        }
      }
      List<String> inbound = wire(i, ls, names, params, layers, features);
      if (params == null || inbound == null) {
        continue;
      }
      List<Layer> inputs = new ArrayList<>();
      for (String in : inbound) {
        Layer l = resolved.get(in);
        if (l == null) {
          inputs = null; // an upstream layer is broken and was reported already
          break;
        }
        inputs.add(l);
      }
      if (inputs == null) {
        continue;
      }
      Layer layer;
      try {
        layer = infer(ls, params, wrapped, inbound, inputs);
      } catch (ArithmeticException | IllegalArgumentException e) { // sizes past int: Math.*Exact, Shape.size()
        layer = shapeProblem(ls, "units", "has sizes past " + Shape.MAX_SIZE + " (" + e.getMessage() + "): its parameters"
            + " or its input are too large for a tensor");
      }
      if (layer != null && tooLarge(ls, layer)) {
        layer = null;
      }
      if (layer != null) {
        resolved.put(ls.name(), layer);
        layers.add(layer);
      }
    }
    if (!problems.isEmpty()) {
      return new Analysis(List.copyOf(problems), null);
    }
    List<Output> outputs = outputs(layers);
    List<CompiledMetric> metrics = compileChecks(outputs);
    if (!problems.isEmpty()) {
      return new Analysis(List.copyOf(problems), null);
    }
    return new Analysis(List.of(), new Model(spec.name(), layers, features, outputs, spec.compile(), optimizer, metrics));
  }

  // ---------------------------------------------------------------------------------- names

  private Set<String> checkNames() {
    Set<String> seen = new HashSet<>();
    for (LayerSpec l : spec.layers()) {
      if (!Names.isValid(l.name())) {
        problem(l.name(), "name", Diagnostic.INVALID_NAME, "layer name '" + l.name()
            + "' cannot be used: names must start with a letter and hold only letters, digits and '_' (TensorFlow op"
            + " names and Java identifiers at once), and must not be a Java keyword");
      } else if (!seen.add(l.name())) {
        problem(l.name(), "name", Diagnostic.DUPLICATE_LAYER, "duplicate layer name '" + l.name()
            + "': every layer needs its own name (rename the field or set name = \"...\")");
      }
    }
    return seen;
  }

  // ------------------------------------------------------------------------------- params

  /** Normalizes raw args against definitions; null (with problems reported) when any is wrong. */
  private Params normalize(String layer, String paramPrefix, List<ParamDef> defs, Map<String, Object> args) {
    boolean ok = true;
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, ParamDef> byName = new HashMap<>();
    defs.forEach(d -> byName.put(d.name(), d));
    for (String given : args.keySet()) {
      if (!byName.containsKey(given)) {
        problem(layer, given, Diagnostic.UNKNOWN_PARAM, where(layer, paramPrefix) + "has no parameter '" + given + "'"
            + Names.didYouMean(given, byName.keySet()));
        ok = false;
      }
    }
    for (ParamDef d : defs) {
      Object raw = args.containsKey(d.name()) ? args.get(d.name()) : d.defaultValue();
      if (raw == null) {
        problem(layer, d.name(), Diagnostic.MISSING_PARAM, where(layer, paramPrefix) + "needs " + d.name());
        ok = false;
        continue;
      }
      try {
        Object v = d.type().coerce(raw);
        String range = d.check(v);
        if (range != null) {
          problem(layer, d.name(), Diagnostic.BAD_PARAM, where(layer, paramPrefix) + d.name() + " " + range);
          ok = false;
        }
        values.put(d.name(), v);
      } catch (IllegalArgumentException e) {
        problem(layer, d.name(), Diagnostic.BAD_PARAM, where(layer, paramPrefix) + d.name() + ": " + e.getMessage());
        ok = false;
      }
    }
    return ok ? new Params(values) : null;
  }

  private String where(String layer, String paramPrefix) {
    if (layer == null) {
      return paramPrefix + " ";
    }
    LayerSpec ls = spec.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElse(null);
    return "layer '" + layer + "'" + (ls == null ? "" : " (" + ls.kind().kerasName() + ")") + ": ";
  }

  // ------------------------------------------------------------------------------- wiring

  /** The inbound layer names of layer i (adding implicit or explicit input layers), or null. */
  private List<String> wire(int i, LayerSpec ls, Set<String> names, Params params, List<Layer> layers, List<Feature> features) {
    if (ls.kind() == LayerKind.INPUT) {
      if (!ls.from().isEmpty()) {
        problem(ls.name(), "from", Diagnostic.INPUT_FROM, "input layer '" + ls.name() + "' is fed by data, so it takes no 'from'");
        return null;
      }
      if (params != null) {
        if (params.getInts("shape").isEmpty()) {
          problem(ls.name(), "shape", Diagnostic.MISSING_INPUT_SHAPE, "input layer '" + ls.name()
              + "' needs a shape (one example, without the batch axis), e.g. shape = {32}");
          return null;
        }
        String feature = params.getString("inputName").isEmpty() ? Names.inputOf(ls.name()) : params.getString("inputName");
        if (!checkFeatureName(ls.name(), feature)) {
          return null;
        }
        features.add(new Feature(feature, ls.name(), params.getEnum("dtype", DType.class), new Shape(params.getInts("shape"))));
      }
      return List.of();
    }
    if (!ls.from().isEmpty()) {
      List<String> earlier = spec.layers().subList(0, i).stream().map(LayerSpec::name).toList();
      boolean ok = true;
      for (String f : ls.from()) {
        if (earlier.contains(f)) {
          continue;
        }
        ok = false;
        if (names.contains(f)) {
          problem(ls.name(), "from", Diagnostic.FORWARD_REFERENCE, "layer '" + ls.name() + "' takes input from '" + f
              + "', which is declared " + (f.equals(ls.name()) ? "as this very layer" : "after it")
              + ": declare layers in the order data flows through them");
        } else {
          problem(ls.name(), "from", Diagnostic.UNKNOWN_LAYER, "layer '" + ls.name() + "' takes input from '" + f
              + "', but the model has no layer of that name" + Names.didYouMean(f, names));
        }
      }
      return ok ? ls.from() : null;
    }
    if (i > 0) {
      return List.of(spec.layers().get(i - 1).name());
    }
    // Keras' implicit InputLayer in front of a sequential model: "<first layer>_input".
    if (params == null) {
      return null;
    }
    List<Integer> shape = params.getInts("inputShape");
    if (shape.isEmpty() && ls.kind() == LayerKind.EMBEDDING && params.getInt("inputLength") > 0) {
      shape = List.of(params.getInt("inputLength"));
    }
    if (shape.isEmpty()) {
      problem(ls.name(), "inputShape", Diagnostic.MISSING_INPUT_SHAPE, "first layer '" + ls.name() + "' ("
          + ls.kind().kerasName() + ") needs the shape of one input example: set "
          + (ls.kind() == LayerKind.EMBEDDING ? "inputLength (the sequence length)" : "inputShape, e.g. inputShape = {32}")
          + ", or start the model with an @Input layer");
      return null;
    }
    String inputLayer = Names.inputOf(ls.name());
    String feature = params.getString("inputName").isEmpty() ? inputLayer : params.getString("inputName");
    if (names.contains(inputLayer)) {
      problem(ls.name(), "name", Diagnostic.DUPLICATE_LAYER, "layer name '" + inputLayer + "' is taken by the implicit input of '"
          + ls.name() + "'; rename one of them");
      return null;
    }
    if (!checkFeatureName(ls.name(), feature)) {
      return null;
    }
    DType dtype = ls.kind() == LayerKind.EMBEDDING ? DType.INT32 : DType.FLOAT32;
    Shape s = new Shape(shape);
    Layer input = new Layer(inputLayer, LayerKind.INPUT, Params.empty(), List.of(), dtype, s, List.of(), null, true);
    resolved.put(inputLayer, input);
    layers.add(input);
    features.add(new Feature(feature, inputLayer, dtype, s));
    return List.of(inputLayer);
  }

  private boolean checkFeatureName(String layer, String feature) {
    if (!Names.isValid(layer) && feature.startsWith(layer)) {
      return false; // the layer's own name was reported; a derived feature name would only repeat it
    }
    if (!Names.isValid(feature)) {
      problem(layer, "inputName", Diagnostic.INVALID_NAME, "feature name '" + feature + "' of layer '" + layer
          + "' cannot be used: it must start with a letter and hold only letters, digits and '_'");
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------------ shape inference

  private Layer infer(LayerSpec ls, Params p, Layer wrapped, List<String> inbound, List<Layer> inputs) {
    LayerKind kind = ls.kind();
    String name = ls.name();
    if (kind == LayerKind.INPUT) {
      Layer l = new Layer(name, kind, p, List.of(), p.getEnum("dtype", DType.class), new Shape(p.getInts("shape")),
          List.of(), null, false);
      return l;
    }
    boolean merge = kind == LayerKind.CONCATENATE || kind == LayerKind.ADD;
    if (merge && inputs.size() < 2) {
      return shapeProblem(ls, "from", "takes two or more inputs: name them with from = {\"a\", \"b\"}");
    }
    if (!merge && inputs.size() != 1) {
      return shapeProblem(ls, "from", "takes one input, got " + inputs.size() + " from " + inbound);
    }
    Layer in = inputs.get(0);
    Shape s = in.outputShape();
    if (kind == LayerKind.EMBEDDING && in.dtype() != DType.INT32) {
      return shapeProblem(ls, null, "needs integer token ids, but '" + in.name() + "' gives " + in.dtype().keras()
          + ": feed it from an @Input(dtype = INT32) or make it the first layer");
    }
    if (kind != LayerKind.EMBEDDING && kind != LayerKind.INPUT && inputs.stream().anyMatch(l -> l.dtype() != DType.FLOAT32)) {
      return shapeProblem(ls, null, "expects float input, but '" + in.name()
          + "' gives int32; integer ids go into an Embedding first");
    }
    List<Weight> w = new ArrayList<>();
    Shape out;
    switch (kind) {
      case DENSE -> {
        if (s.rank() < 1) {
          return rankProblem(ls, in, "at least 2-D input (batch, features)");
        }
        int units = p.getInt("units");
        kernelAndBias(w, p, "kernel", Shape.of(s.dim(-1), units), units);
        out = s.withLast(units);
      }
      case EMBEDDING -> {
        w.add(new Weight("embeddings", Shape.of(p.getInt("inputDim"), p.getInt("outputDim")),
            p.initializer("embeddingsInitializer"), true, p.regularizer("embeddingsRegularizer")));
        out = s.append(p.getInt("outputDim"));
      }
      case LSTM, GRU, SIMPLE_RNN -> {
        if (s.rank() != 2) {
          return rankProblem(ls, in, "3-D input (batch, timesteps, features)");
        }
        out = recurrent(kind, p, s, w, "");
      }
      case BIDIRECTIONAL -> {
        if (s.rank() != 2) {
          return rankProblem(ls, in, "3-D input (batch, timesteps, features)");
        }
        Shape o = recurrent(wrapped.kind(), wrapped.params(), s, w, "forward_");
        recurrent(wrapped.kind(), wrapped.params(), s, w, "backward_");
        out = p.getEnum("mergeMode", MergeMode.class) == MergeMode.CONCAT ? o.withLast(Math.multiplyExact(o.dim(-1), 2)) : o;
        wrapped = new Layer(name, wrapped.kind(), wrapped.params(), inbound, DType.FLOAT32, o, List.of(), null, false);
      }
      case DROPOUT, ACTIVATION_LAYER, LEAKY_RELU, ELU, RELU -> out = s;
      case PRELU -> {
        List<Integer> alpha = new ArrayList<>(s.dims());
        for (int axis : p.getInts("sharedAxes")) {
          if (axis > s.rank()) {
            return shapeProblem(ls, "sharedAxes", "sharedAxes " + p.getInts("sharedAxes") + " name an axis beyond inputs of shape "
                + s.keras() + " (axis 1 is the first after the batch)");
          }
          alpha.set(axis - 1, 1);
        }
        w.add(new Weight("alpha", new Shape(alpha), p.initializer("alphaInitializer"), true, p.regularizer("alphaRegularizer")));
        out = s;
      }
      case SOFTMAX -> {
        int axis = p.getInt("axis");
        if (axis == 0 || axis < -s.rank() || axis > s.rank()) {
          return shapeProblem(ls, "axis", "axis " + axis + " is not an axis of one example of shape " + s.keras()
              + " (1 is the first after the batch, -1 the last)");
        }
        out = s;
      }
      case FLATTEN -> {
        if (s.rank() < 1) {
          return rankProblem(ls, in, "at least 2-D input");
        }
        out = Shape.of(s.size());
      }
      case RESHAPE -> {
        List<Integer> t = new ArrayList<>(p.getInts("targetShape"));
        int unknown = t.indexOf(-1);
        int known = t.stream().filter(d -> d != -1).reduce(1, Math::multiplyExact);
        if (t.stream().filter(d -> d == -1).count() > 1 || t.stream().anyMatch(d -> d == 0)) {
          return shapeProblem(ls, "targetShape", "targetShape " + t + " may hold at most one -1 and no 0");
        }
        if (unknown >= 0 && s.size() % known == 0) {
          t.set(unknown, s.size() / known);
        }
        if (new Shape(t).size() != s.size() || t.contains(-1)) {
          return shapeProblem(ls, "targetShape", "cannot reshape " + s.keras() + " (" + s.size() + " values) to targetShape "
              + p.getInts("targetShape"));
        }
        out = new Shape(t);
      }
      case CONV1D, CONV2D -> {
        int rank = kind == LayerKind.CONV1D ? 1 : 2;
        if (s.rank() != rank + 1) {
          return rankProblem(ls, in, rank == 1 ? "3-D input (batch, steps, channels)" : "4-D input (batch, rows, cols, channels)");
        }
        int[] k = p.perAxis("kernelSize", rank);
        int[] st = p.perAxis("strides", rank);
        int[] dl = p.perAxis("dilationRate", rank);
        Padding pad = p.getEnum("padding", Padding.class);
        List<Integer> dims = new ArrayList<>();
        List<Integer> kernel = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
          int n = outLength(s.dim(i), k[i], st[i], dl[i], pad);
          if (n <= 0) {
            return shapeProblem(ls, "kernelSize", "input " + s.keras() + " is too small for kernelSize " + p.getInts("kernelSize")
                + " with padding VALID");
          }
          dims.add(n);
          kernel.add(k[i]);
        }
        int filters = p.getInt("filters");
        kernel.add(s.dim(-1));
        kernel.add(filters);
        kernelAndBias(w, p, "kernel", new Shape(kernel), filters);
        dims.add(filters);
        out = new Shape(dims);
      }
      case MAX_POOLING1D, MAX_POOLING2D, AVERAGE_POOLING1D, AVERAGE_POOLING2D -> {
        int rank = kind == LayerKind.MAX_POOLING1D || kind == LayerKind.AVERAGE_POOLING1D ? 1 : 2;
        if (s.rank() != rank + 1) {
          return rankProblem(ls, in, rank == 1 ? "3-D input (batch, steps, channels)" : "4-D input (batch, rows, cols, channels)");
        }
        int[] k = p.perAxis("poolSize", rank);
        int[] st = p.getInts("strides").isEmpty() ? k : p.perAxis("strides", rank);
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
          int n = outLength(s.dim(i), k[i], st[i], 1, p.getEnum("padding", Padding.class));
          if (n <= 0) {
            return shapeProblem(ls, "poolSize", "input " + s.keras() + " is too small for poolSize " + p.getInts("poolSize"));
          }
          dims.add(n);
        }
        dims.add(s.dim(-1));
        out = new Shape(dims);
      }
      case GLOBAL_AVERAGE_POOLING1D, GLOBAL_MAX_POOLING1D -> {
        if (s.rank() != 2) {
          return rankProblem(ls, in, "3-D input (batch, steps, channels)");
        }
        out = Shape.of(s.dim(-1));
      }
      case GLOBAL_AVERAGE_POOLING2D, GLOBAL_MAX_POOLING2D -> {
        if (s.rank() != 3) {
          return rankProblem(ls, in, "4-D input (batch, rows, cols, channels)");
        }
        out = Shape.of(s.dim(-1));
      }
      case BATCH_NORMALIZATION, LAYER_NORMALIZATION -> {
        if (s.rank() < 1) {
          return rankProblem(ls, in, "at least 2-D input");
        }
        int axis = p.getInt("axis");
        if (axis != -1 && axis != s.rank()) {
          return shapeProblem(ls, "axis", "normalizes the last axis only (axis = -1), got axis = " + axis);
        }
        Shape c = Shape.of(s.dim(-1));
        if (p.getBoolean("scale")) {
          w.add(new Weight("gamma", c, Initializer.ONES, true, Regularizer.NONE));
        }
        if (p.getBoolean("center")) {
          w.add(new Weight("beta", c, Initializer.ZEROS, true, Regularizer.NONE));
        }
        if (kind == LayerKind.BATCH_NORMALIZATION) {
          w.add(new Weight("moving_mean", c, Initializer.ZEROS, false, Regularizer.NONE));
          w.add(new Weight("moving_variance", c, Initializer.ONES, false, Regularizer.NONE));
        }
        out = s;
      }
      case CONCATENATE -> {
        int axis = p.getInt("axis");
        int rank = s.rank();
        int a = axis < 0 ? rank + axis : axis - 1;
        if (a < 0 || a >= rank) {
          return shapeProblem(ls, "axis", "axis " + axis + " is outside inputs of shape " + s.keras());
        }
        int total = 0;
        for (Layer l : inputs) {
          Shape o = l.outputShape();
          for (int d = 0; d < Math.max(rank, o.rank()); d++) {
            if (o.rank() != rank || (d != a && o.dim(d) != s.dim(d))) {
              return shapeProblem(ls, "from", "cannot concatenate " + describe(inputs) + " on axis " + axis
                  + ": all other dimensions must match");
            }
          }
          total += o.dim(a);
        }
        List<Integer> dims = new ArrayList<>(s.dims());
        dims.set(a, total);
        out = new Shape(dims);
      }
      case ADD -> {
        for (Layer l : inputs) {
          if (!l.outputShape().equals(s)) {
            return shapeProblem(ls, "from", "cannot add " + describe(inputs) + ": all inputs must have the same shape");
          }
        }
        out = s;
      }
      default -> throw new IllegalStateException("no shape rule for " + kind);
    }
    return new Layer(name, kind, p, inbound, DType.FLOAT32, out, w, wrapped, false);
  }

  private static Shape recurrent(LayerKind kind, Params p, Shape s, List<Weight> w, String prefix) {
    int units = p.getInt("units");
    int gates = kind == LayerKind.LSTM ? 4 : kind == LayerKind.GRU ? 3 : 1;
    w.add(new Weight(prefix + "kernel", Shape.of(s.dim(-1), Math.multiplyExact(gates, units)), p.initializer("kernelInitializer"), true,
        p.regularizer("kernelRegularizer")));
    w.add(new Weight(prefix + "recurrent_kernel", Shape.of(units, Math.multiplyExact(gates, units)), p.initializer("recurrentInitializer"), true,
        p.regularizer("recurrentRegularizer")));
    if (p.getBoolean("useBias")) {
      Shape b = kind == LayerKind.GRU && p.getBoolean("resetAfter") ? Shape.of(2, Math.multiplyExact(gates, units)) : Shape.of(Math.multiplyExact(gates, units));
      w.add(new Weight(prefix + "bias", b, p.initializer("biasInitializer"), true, p.regularizer("biasRegularizer")));
    }
    return p.getBoolean("returnSequences") ? Shape.of(s.dim(0), units) : Shape.of(units);
  }

  private static void kernelAndBias(List<Weight> w, Params p, String kernel, Shape kernelShape, int units) {
    w.add(new Weight(kernel, kernelShape, p.initializer(kernel + "Initializer"), true, p.regularizer(kernel + "Regularizer")));
    if (p.getBoolean("useBias")) {
      w.add(new Weight("bias", Shape.of(units), p.initializer("biasInitializer"), true, p.regularizer("biasRegularizer")));
    }
  }

  /** Keras' conv_output_length. */
  static int outLength(int n, int k, int stride, int dilation, Padding padding) {
    int effective = Math.addExact(Math.multiplyExact(dilation, k - 1), 1);
    return padding == Padding.SAME ? (n + stride - 1) / stride : n < effective ? 0 : (n - effective) / stride + 1;
  }

  private static String describe(List<Layer> inputs) {
    return String.join(", ", inputs.stream().map(l -> "'" + l.name() + "' " + l.outputShape().keras()).toList());
  }

  private Layer rankProblem(LayerSpec ls, Layer in, String expected) {
    return shapeProblem(ls, null, "expects " + expected + ", but '" + in.name() + "' gives " + in.outputShape().keras());
  }

  /** Reports an output or a weight with more values than {@link Shape#MAX_SIZE} (Keras users meet it as an overflow elsewhere). */
  private boolean tooLarge(LayerSpec ls, Layer layer) {
    if (layer.outputShape().exactSize() > Shape.MAX_SIZE || layer.outputShape().dims().stream().anyMatch(d -> d < 0)) {
      shapeProblem(ls, "inputShape", "gives " + layer.outputShape().keras() + ": " + sizeText(layer.outputShape())
          + " values per example, more than the " + Shape.MAX_SIZE + " a tensor may hold here");
      return true;
    }
    for (Weight w : layer.weights()) {
      if (w.shape().exactSize() > Shape.MAX_SIZE || w.shape().dims().stream().anyMatch(d -> d < 0)) { // < 0: int overflow
        shapeProblem(ls, "units", "has a weight '" + w.name() + "' of shape " + w.shape().dims() + ": " + sizeText(w.shape())
            + " values, more than the " + Shape.MAX_SIZE + " a tensor may hold here");
        return true;
      }
    }
    return false;
  }

  private static String sizeText(Shape s) {
    long n = s.exactSize();
    return n == Long.MAX_VALUE || n < 0 ? "more than " + Shape.MAX_SIZE : String.format(java.util.Locale.ROOT, "%,d", n);
  }

  private Layer shapeProblem(LayerSpec ls, String param, String what) {
    problem(ls.name(), param, Diagnostic.SHAPE, ls.kind().kerasName() + " layer '" + ls.name() + "' " + what);
    return null;
  }

  // ------------------------------------------------------------------------ outputs, loss, metrics

  private List<Output> outputs(List<Layer> layers) {
    Set<String> consumed = new HashSet<>();
    layers.forEach(l -> consumed.addAll(l.inbound()));
    List<Output> outputs = new ArrayList<>();
    Loss loss = spec.compile() == null ? Loss.MEAN_SQUARED_ERROR : spec.compile().loss();
    for (Layer l : layers) {
      if (consumed.contains(l.name())) {
        continue;
      }
      if (l.kind() == LayerKind.INPUT) {
        problem(l.implicit() ? null : l.name(), null, Diagnostic.UNUSED_INPUT, "input layer '" + l.name()
            + "' feeds no layer: name it in some layer's from = {...}");
        continue;
      }
      Shape s = l.outputShape();
      boolean sparse = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
      outputs.add(new Output(l.name(), s, finalActivation(l), sparse ? DType.INT32 : DType.FLOAT32, sparse && s.rank() > 0 ? s.dropLast() : s));
    }
    return outputs;
  }

  /** The activation an output ends with, looking through layers that do not change values' meaning. */
  private Activation finalActivation(Layer l) {
    while ((l.kind() == LayerKind.DROPOUT || l.kind() == LayerKind.FLATTEN || l.kind() == LayerKind.RESHAPE)
        && resolved.containsKey(l.inbound().get(0))) {
      l = resolved.get(l.inbound().get(0));
    }
    return l.activation();
  }

  private List<CompiledMetric> compileChecks(List<Output> outputs) {
    CompileSpec c = spec.compile();
    if (c == null) {
      return List.of();
    }
    Loss loss = c.loss();
    for (Output o : outputs) {
      String what = "output '" + o.layer() + "' " + o.shape().keras() + " with " + o.activation().name().toLowerCase() + " activation";
      int classes = o.shape().rank() == 0 ? 1 : o.shape().dim(-1);
      if (loss == Loss.BINARY_CROSSENTROPY && o.activation() == Activation.SOFTMAX) {
        problem(null, "loss", Diagnostic.LOSS, "BINARY_CROSSENTROPY does not fit " + what
            + ": a softmax gives one distribution over classes; use CATEGORICAL_CROSSENTROPY (one-hot labels) or"
            + " SPARSE_CATEGORICAL_CROSSENTROPY (class ids), or end in a sigmoid");
      } else if (loss.isMultiClass() && classes < 2) {
        problem(null, "loss", Diagnostic.LOSS, loss + " does not fit " + what + ": it needs one output unit per class;"
            + " for two classes use one sigmoid unit with BINARY_CROSSENTROPY");
      } else if (loss.isMultiClass() && o.activation() != Activation.SOFTMAX && !(c.fromLogits() && o.activation() == Activation.LINEAR)) {
        problem(null, "loss", Diagnostic.LOSS, loss + " does not fit " + what
            + ": it expects class probabilities from a softmax, or logits from a linear output with fromLogits = true");
      } else if (c.fromLogits() && (o.activation() == Activation.SOFTMAX || o.activation() == Activation.SIGMOID)) {
        problem(null, "fromLogits", Diagnostic.LOSS, "fromLogits = true does not fit " + what
            + ": logits come from a linear output; drop fromLogits or the " + o.activation().name().toLowerCase() + " activation");
      }
    }
    List<CompiledMetric> metrics = new ArrayList<>();
    Set<Metric> seen = new HashSet<>();
    for (Metric m : c.metrics()) {
      if (!seen.add(m)) {
        problem(null, "metrics", Diagnostic.METRIC, "metric " + m + " is listed twice");
        continue;
      }
      for (Output o : outputs) {
        int classes = o.shape().rank() == 0 ? 1 : o.shape().dim(-1);
        String what = "output '" + o.layer() + "' " + o.shape().keras() + " trained with " + loss;
        Metric kind = m;
        if (m == Metric.ACCURACY) {
          kind = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? Metric.SPARSE_CATEGORICAL_ACCURACY
              : loss == Loss.CATEGORICAL_CROSSENTROPY || classes > 1 ? Metric.CATEGORICAL_ACCURACY : Metric.BINARY_ACCURACY;
        }
        String problem = switch (kind) {
          case BINARY_ACCURACY, AUC, PRECISION, RECALL -> loss.isMultiClass()
              ? m + " needs a binary (or multi-label sigmoid) output, but " + what + " is multi-class; use ACCURACY"
                  + (m == Metric.AUC ? " or TOP_K_CATEGORICAL_ACCURACY" : "")
              : null;
          case CATEGORICAL_ACCURACY, TOP_K_CATEGORICAL_ACCURACY -> loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY
              ? m + " compares one-hot labels, but " + what + " has class-id labels; use SPARSE_" + m
              : classes < 2 ? m + " needs one output unit per class, but " + what + " has " + classes : null;
          case SPARSE_CATEGORICAL_ACCURACY, SPARSE_TOP_K_CATEGORICAL_ACCURACY -> loss != Loss.SPARSE_CATEGORICAL_CROSSENTROPY
              ? m + " compares class-id labels, which only SPARSE_CATEGORICAL_CROSSENTROPY uses; " + what : null;
          default -> null;
        };
        if (problem != null) {
          problem(null, "metrics", Diagnostic.METRIC, problem);
          continue;
        }
        String key = outputs.size() == 1 ? m.keras() : o.layer() + "_" + m.keras();
        metrics.add(new CompiledMetric(key, kind, o.layer()));
      }
    }
    return metrics;
  }

  private void problem(String layer, String param, Diagnostic code, String message) {
    problems.add(new Problem(layer, param, code, message));
  }
}
