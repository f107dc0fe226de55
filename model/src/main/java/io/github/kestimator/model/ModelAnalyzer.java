package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a {@link ModelSpec} and infers every layer's output shape and weights, with Keras'
 * semantics. This is the only place models are validated and shapes inferred: the processor, the
 * runtime and the Maven plugin all call it. What is particular to a layer kind or an optimizer (its
 * parameters, and a layer's shape rule) is defined with it, in {@link LayerKind} and {@link
 * OptimizerType}; this class checks parameters against those definitions on one path for both,
 * wires the layers, runs each kind's shape rule, and checks outputs against the loss and metrics.
 *
 * <p>It reports every problem it can find in one pass. A layer whose own parameters are wrong is
 * skipped by shape inference, and so are the layers it feeds, so one mistake gives one message.
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

  /** Each output's loss, weight and metrics, by output name ({@link #resolveLosses}). */
  private Map<String, OutputLoss> losses = Map.of();

  private ModelAnalyzer(ModelSpec spec) {
    this.spec = spec;
  }

  public static Analysis analyze(ModelSpec spec) {
    return new ModelAnalyzer(spec).run();
  }

  private Analysis run() {
    if (spec.layers().isEmpty()) {
      problem(
          null,
          null,
          Diagnostic.EMPTY_MODEL,
          "model '"
              + spec.name()
              + "' has no layers: give it one Layer field per layer, e.g. @Dense(units = 1) Layer out;");
    }
    Params optimizer = null;
    if (spec.compile() == null) {
      problem(
          null,
          "compile",
          Diagnostic.NO_COMPILE,
          "model '"
              + spec.name()
              + "' has no @Compile: say how it trains, e.g. @Compile(loss = BINARY_CROSSENTROPY, optimizer = @Optimizer(ADAM))");
    } else {
      OptimizerSpec o = spec.compile().optimizer();
      optimizer =
          normalize(
              null,
              "optimizer " + o.type() + ": ",
              o.type().paramsFor(o.args()),
              o.args(),
              given -> unknownOptimizerParam(o.type(), given));
    }
    if (spec.layers().isEmpty()) {
      return new Analysis(List.copyOf(problems), null);
    }
    Set<String> names = checkNames();
    List<Layer> layers = new ArrayList<>();
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec ls = spec.layers().get(i);
      Params params = normalizeLayer(ls.name(), ls.kind(), ls.args());
      Layer wrapped = null;
      if (ls.kind() == LayerKind.BIDIRECTIONAL) {
        if (ls.wrapped() == null || !ls.wrapped().kind().isRecurrent()) {
          problem(
              ls.name(),
              null,
              Diagnostic.BIDIRECTIONAL,
              "Bidirectional layer '"
                  + ls.name()
                  + "' must wrap an LSTM, GRU or SimpleRNN on the same field, e.g. @Bidirectional @LSTM(units = 32)"
                  + (ls.wrapped() == null ? "" : ", not " + ls.wrapped().kind().kerasName()));
          params = null;
        } else {
          Params inner = normalizeLayer(ls.name(), ls.wrapped().kind(), ls.wrapped().args());
          wrapped =
              inner == null
                  ? null
                  : new Layer(
                      ls.name(),
                      ls.wrapped().kind(),
                      inner,
                      List.of(),
                      DType.FLOAT32,
                      Shape.scalar(),
                      List.of(),
                      null,
                      false);
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
      } catch (ArithmeticException
          | IllegalArgumentException e) { // sizes past int: Math.*Exact, Shape.size()
        layer =
            shapeProblem(
                ls,
                "units",
                "has sizes past "
                    + Shape.MAX_SIZE
                    + " ("
                    + e.getMessage()
                    + "): its parameters"
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
    return new Analysis(
        List.of(),
        new Model(
            spec.name(),
            layers,
            features,
            outputs,
            spec.compile(),
            optimizer,
            outputLosses(outputs),
            metrics));
  }

  // ---------------------------------------------------------------------------------- names

  private Set<String> checkNames() {
    Set<String> seen = new HashSet<>();
    for (LayerSpec l : spec.layers()) {
      if (!Names.isValid(l.name())) {
        problem(
            l.name(),
            "name",
            Diagnostic.INVALID_NAME,
            "layer name '"
                + l.name()
                + "' cannot be used: names must start with a letter and hold only letters, digits and '_' (TensorFlow op"
                + " names and Java identifiers at once), and must not be a Java keyword");
      } else if (!seen.add(l.name())) {
        problem(
            l.name(),
            "name",
            Diagnostic.DUPLICATE_LAYER,
            "duplicate layer name '"
                + l.name()
                + "': every layer needs its own name (rename the field or set name = \"...\")");
      }
    }
    return seen;
  }

  // ------------------------------------------------------------------------------- params

  private Params normalizeLayer(String layer, LayerKind kind, Map<String, Object> args) {
    String where = where(layer);
    return normalize(
        layer,
        where,
        kind.params(),
        args,
        given ->
            where
                + "has no parameter '"
                + given
                + "'"
                + Names.didYouMean(given, kind.params().stream().map(ParamDef::name).toList()));
  }

  /**
   * Normalizes raw args against definitions: a given value must be of the parameter's type and in
   * its range; one not given takes the default. Null (with problems reported) when any is wrong.
   *
   * @param where the start of each message: {@code layer 'x' (Dense): }, {@code optimizer SGD: }
   * @param unknown the message for a given parameter that has no definition
   */
  private Params normalize(
      String layer,
      String where,
      List<ParamDef> defs,
      Map<String, Object> args,
      Function<String, String> unknown) {
    boolean ok = true;
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    defs.forEach(d -> names.add(d.name()));
    for (String given : args.keySet()) {
      if (!names.contains(given)) {
        problem(layer, given, Diagnostic.UNKNOWN_PARAM, unknown.apply(given));
        ok = false;
      }
    }
    for (ParamDef d : defs) {
      boolean given = args.containsKey(d.name());
      Object raw = given ? args.get(d.name()) : d.defaultValue();
      if (raw == null) {
        problem(layer, d.name(), Diagnostic.MISSING_PARAM, where + "needs " + d.name());
        ok = false;
        continue;
      }
      try {
        Object v = d.type().coerce(raw);
        String range =
            given ? d.check(v) : null; // a default may stand for Keras' None, outside the range
        if (range != null) {
          problem(layer, d.name(), Diagnostic.BAD_PARAM, where + d.name() + " " + range);
          ok = false;
        }
        values.put(d.name(), v);
      } catch (IllegalArgumentException e) {
        problem(
            layer,
            d.name(),
            e instanceof ParamException pe ? pe.diagnostic() : Diagnostic.BAD_PARAM,
            where + d.name() + ": " + e.getMessage());
        ok = false;
      }
    }
    return ok ? new Params(values) : null;
  }

  /**
   * {@code optimizer SGD takes no parameter 'beta1' (ADAM, ... take it); SGD takes learningRate,
   * ...}.
   */
  private static String unknownOptimizerParam(OptimizerType type, String given) {
    List<String> takers =
        Arrays.stream(OptimizerType.values())
            .filter(t -> t.param(given) != null)
            .map(Enum::name)
            .toList();
    List<String> own = type.params().stream().map(ParamDef::name).toList();
    String others =
        takers.isEmpty()
            ? Names.didYouMean(given, own)
            : " (" + and(takers) + (takers.size() == 1 ? " takes" : " take") + " it)";
    return "optimizer "
        + type
        + " takes no parameter '"
        + given
        + "'"
        + others
        + "; "
        + type
        + " takes "
        + and(own);
  }

  private static String and(List<String> words) {
    return words.size() == 1
        ? words.get(0)
        : String.join(", ", words.subList(0, words.size() - 1))
            + " and "
            + words.get(words.size() - 1);
  }

  private String where(String layer) {
    LayerSpec ls =
        spec.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElse(null);
    return "layer '" + layer + "'" + (ls == null ? "" : " (" + ls.kind().kerasName() + ")") + ": ";
  }

  // ------------------------------------------------------------------------------- wiring

  /** The inbound layer names of layer i (adding implicit or explicit input layers), or null. */
  private List<String> wire(
      int i,
      LayerSpec ls,
      Set<String> names,
      Params params,
      List<Layer> layers,
      List<Feature> features) {
    if (params != null && !firstLayerParams(i, ls, params)) {
      return null;
    }
    if (ls.kind() == LayerKind.INPUT) {
      if (!ls.from().isEmpty()) {
        problem(
            ls.name(),
            "from",
            Diagnostic.INPUT_FROM,
            "input layer '" + ls.name() + "' is fed by data, so it takes no 'from'");
        return null;
      }
      if (params != null) {
        if (params.getInts("shape").isEmpty()) {
          problem(
              ls.name(),
              "shape",
              Diagnostic.MISSING_INPUT_SHAPE,
              "input layer '"
                  + ls.name()
                  + "' needs a shape (one example, without the batch axis), e.g. shape = {32}");
          return null;
        }
        String feature =
            params.getString("inputName").isEmpty()
                ? Names.inputOf(ls.name())
                : params.getString("inputName");
        if (!checkFeatureName(ls.name(), feature)) {
          return null;
        }
        features.add(
            new Feature(
                feature,
                ls.name(),
                params.getEnum("dtype", DType.class),
                new Shape(params.getInts("shape"))));
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
          problem(
              ls.name(),
              "from",
              Diagnostic.FORWARD_REFERENCE,
              "layer '"
                  + ls.name()
                  + "' takes input from '"
                  + f
                  + "', which is declared "
                  + (f.equals(ls.name()) ? "as this very layer" : "after it")
                  + ": declare layers in the order data flows through them");
        } else {
          problem(
              ls.name(),
              "from",
              Diagnostic.UNKNOWN_LAYER,
              "layer '"
                  + ls.name()
                  + "' takes input from '"
                  + f
                  + "', but the model has no layer of that name"
                  + Names.didYouMean(f, names));
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
    if (shape.isEmpty()) {
      shape = ls.kind().impliedInputShape(params);
    }
    if (shape.isEmpty()) {
      problem(
          ls.name(),
          "inputShape",
          Diagnostic.MISSING_INPUT_SHAPE,
          "first layer '"
              + ls.name()
              + "' ("
              + ls.kind().kerasName()
              + ") needs the shape of one input example: set "
              + ls.kind().inputShapeHint()
              + ", or start the model with an @Input layer");
      return null;
    }
    String inputLayer = Names.inputOf(ls.name());
    String feature =
        params.getString("inputName").isEmpty() ? inputLayer : params.getString("inputName");
    if (names.contains(inputLayer)) {
      problem(
          ls.name(),
          "name",
          Diagnostic.DUPLICATE_LAYER,
          "layer name '"
              + inputLayer
              + "' is taken by the implicit input of '"
              + ls.name()
              + "'; rename one of them");
      return null;
    }
    if (!checkFeatureName(ls.name(), feature)) {
      return null;
    }
    DType dtype = ls.kind().inputDType();
    Shape s = new Shape(shape);
    Layer input =
        new Layer(
            inputLayer,
            LayerKind.INPUT,
            Params.empty(),
            List.of(),
            dtype,
            s,
            List.of(),
            null,
            true);
    resolved.put(inputLayer, input);
    layers.add(input);
    features.add(new Feature(feature, inputLayer, dtype, s));
    return List.of(inputLayer);
  }

  /**
   * Whether {@code inputShape} and {@code inputName} are only where they mean something: on the
   * first layer of a sequential model, which Keras' implicit input feeds (an input layer keeps its
   * {@code inputName}). Elsewhere Keras ignores {@code input_shape}; here it is a mistake.
   */
  private boolean firstLayerParams(int i, LayerSpec ls, Params params) {
    boolean input = ls.kind() == LayerKind.INPUT;
    if (i == 0 && !input) {
      return true;
    }
    List<String> from =
        input
            ? List.of()
            : ls.from().isEmpty() ? List.of(spec.layers().get(i - 1).name()) : ls.from();
    String fedBy =
        "; '"
            + ls.name()
            + "' is fed by "
            + String.join(", ", from.stream().map(n -> "'" + n + "'").toList());
    String only = where(ls.name()) + "only the first layer of a sequential model takes ";
    boolean ok = true;
    if (!params.getInts("inputShape").isEmpty()) {
      problem(
          ls.name(),
          "inputShape",
          Diagnostic.BAD_PARAM,
          only
              + "inputShape (the shape of the model's input)"
              + (input
                  ? "; an input layer's shape is its shape"
                  : fedBy + ", whose output shape it takes: remove inputShape here"));
      ok = false;
    }
    if (!input && !params.getString("inputName").isEmpty()) {
      problem(
          ls.name(),
          "inputName",
          Diagnostic.BAD_PARAM,
          only
              + "inputName (the feature feeding the model's input)"
              + fedBy
              + ": remove inputName here, or feed it from an @Input(inputName = ...) named in from");
      ok = false;
    }
    return ok;
  }

  private boolean checkFeatureName(String layer, String feature) {
    if (!Names.isValid(layer) && feature.startsWith(layer)) {
      return false; // the layer's own name was reported; a derived feature name would only repeat
      // it
    }
    if (!Names.isValid(feature)) {
      problem(
          layer,
          "inputName",
          Diagnostic.INVALID_NAME,
          "feature name '"
              + feature
              + "' of layer '"
              + layer
              + "' cannot be used: it must start with a letter and hold only letters, digits and '_'");
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------------ shape inference

  /**
   * The layer with its output and weights by its kind's shape rule ({@link LayerKind}), or null
   * (reported).
   */
  private Layer infer(
      LayerSpec ls, Params p, Layer wrapped, List<String> inbound, List<Layer> inputs) {
    LayerKind kind = ls.kind();
    if (kind != LayerKind.INPUT) {
      if (kind.merges() && inputs.size() < 2) {
        return shapeProblem(
            ls, "from", "takes two or more inputs: name them with from = {\"a\", \"b\"}");
      }
      if (!kind.merges() && inputs.size() != 1) {
        return shapeProblem(
            ls, "from", "takes one input, got " + inputs.size() + " from " + inbound);
      }
      for (Layer in : inputs) {
        if (!kind.inputDTypes().contains(in.dtype())) {
          return shapeProblem(ls, null, wrongDType(kind, in));
        }
      }
    }
    Inference in = new Inference(ls.name(), kind, p, inbound, inputs, wrapped);
    Shape out;
    try {
      out = kind.infer(in);
    } catch (Inference.Failure f) {
      problem(
          ls.name(),
          f.param(),
          f.code(),
          kind.kerasName() + " layer '" + ls.name() + "' " + f.getMessage());
      return null;
    }
    return new Layer(
        ls.name(),
        kind,
        p,
        inbound,
        in.dtype(),
        out,
        in.weights(),
        in.wrapped(),
        false,
        in.masked());
  }

  /** What a layer of {@code kind} says when {@code in} gives a dtype it does not take. */
  private static String wrongDType(LayerKind kind, Layer in) {
    String gives = "'" + in.name() + "' gives " + in.dtype().keras();
    if (kind.inputDType() == DType.INT32) {
      return "needs integer token ids, but "
          + gives
          + ": feed it from an @Input(dtype = INT32), a lookup or a"
          + " Discretization, or make it the first layer";
    }
    if (kind.inputDType() == DType.FLOAT32) {
      return "expects float input, but "
          + gives
          + (in.dtype() == DType.STRING
              ? "; strings go into a TextVectorization, StringLookup or Hashing first"
              : "; integer ids go into an Embedding or a CategoryEncoding first");
    }
    return "takes "
        + String.join(" or ", kind.inputDTypes().stream().map(DType::keras).toList())
        + " input, but "
        + gives
        + ": feed it from an @Input(dtype = "
        + kind.inputDType()
        + ") or make it the first layer";
  }

  /**
   * Reports an output or a weight with more values than {@link Shape#MAX_SIZE} (Keras users meet it
   * as an overflow elsewhere).
   */
  private boolean tooLarge(LayerSpec ls, Layer layer) {
    if (layer.outputShape().exactSize() > Shape.MAX_SIZE
        || layer.outputShape().dims().stream().anyMatch(d -> d < 0)) {
      shapeProblem(
          ls,
          "inputShape",
          "gives "
              + layer.outputShape().keras()
              + ": "
              + sizeText(layer.outputShape())
              + " values per example, more than the "
              + Shape.MAX_SIZE
              + " a tensor may hold here");
      return true;
    }
    for (Weight w : layer.weights()) {
      if (w.shape().exactSize() > Shape.MAX_SIZE
          || w.shape().dims().stream().anyMatch(d -> d < 0)) { // < 0: int overflow
        shapeProblem(
            ls,
            "units",
            "has a weight '"
                + w.name()
                + "' of shape "
                + w.shape().dims()
                + ": "
                + sizeText(w.shape())
                + " values, more than the "
                + Shape.MAX_SIZE
                + " a tensor may hold here");
        return true;
      }
    }
    return false;
  }

  private static String sizeText(Shape s) {
    long n = s.exactSize();
    return n == Long.MAX_VALUE || n < 0
        ? "more than " + Shape.MAX_SIZE
        : String.format(java.util.Locale.ROOT, "%,d", n);
  }

  private Layer shapeProblem(LayerSpec ls, String param, String what) {
    problem(
        ls.name(),
        param,
        Diagnostic.SHAPE,
        ls.kind().kerasName() + " layer '" + ls.name() + "' " + what);
    return null;
  }

  // ------------------------------------------------------------------------ outputs, loss, metrics

  private List<Output> outputs(List<Layer> layers) {
    Set<String> consumed = new HashSet<>();
    layers.forEach(l -> consumed.addAll(l.inbound()));
    List<Layer> outs = new ArrayList<>();
    Set<String> masked = new HashSet<>();
    for (Layer l : layers) {
      if (consumed.contains(l.name())) {
        continue;
      }
      if (l.kind() == LayerKind.INPUT) {
        problem(
            l.implicit() ? null : l.name(),
            null,
            Diagnostic.UNUSED_INPUT,
            "input layer '" + l.name() + "' feeds no layer: name it in some layer's from = {...}");
        continue;
      }
      if (l.masked()) {
        problem(
            l.name(),
            null,
            Diagnostic.MASK,
            l.kind().kerasName()
                + " layer '"
                + l.name()
                + "' is an output that carries a mask (from an Embedding with maskZero or a"
                + " Masking layer upstream): Keras weighs its loss and metrics by that mask, which"
                + " kestimator does not do; end the model after a layer that consumes the mask (an"
                + " LSTM, GRU or SimpleRNN without returnSequences, GlobalAveragePooling1D) or drops"
                + " it (Flatten, GlobalMaxPooling1D)");
        masked.add(l.name());
        continue;
      }
      outs.add(l);
    }
    losses = resolveLosses(outs.stream().map(Layer::name).toList(), masked, consumed);
    List<Output> outputs = new ArrayList<>();
    for (Layer l : outs) {
      Shape s = l.outputShape();
      OutputLoss setting = losses.get(l.name());
      boolean sparse = setting != null && setting.loss() == Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
      outputs.add(
          new Output(
              l.name(),
              s,
              finalActivation(l),
              sparse ? DType.INT32 : DType.FLOAT32,
              sparse && s.rank() > 0 ? s.dropLast() : s));
    }
    return outputs;
  }

  /**
   * Each output's loss, weight and metrics by output name: the one loss and metric list for every
   * output (weight 1), or the per-output settings, checked against the outputs. Without compile
   * settings every output is trained with mean squared error (so labels have a type). The
   * {@code @OutputLoss} of a {@code refused} output (already reported) is skipped.
   */
  private Map<String, OutputLoss> resolveLosses(
      List<String> outputs, Set<String> refused, Set<String> consumed) {
    Map<String, OutputLoss> out = new LinkedHashMap<>();
    CompileSpec c = spec.compile();
    if (c == null || !c.perOutput()) {
      Loss loss = c == null ? Loss.MEAN_SQUARED_ERROR : c.loss();
      if (c != null && loss == null) {
        problem(
            null,
            "loss",
            Diagnostic.NO_LOSS,
            "model '"
                + spec.name()
                + "' has no loss: give one for every output (loss = ...) or one per output"
                + " (outputs = {@OutputLoss(output = \"...\", loss = ...), ...})");
        return out;
      }
      for (String o : outputs) {
        out.put(
            o,
            new OutputLoss(
                o, loss, c != null && c.fromLogits(), 1.0, c == null ? List.of() : c.metrics()));
      }
      return out;
    }
    if (c.loss() != null || c.fromLogits() || !c.metrics().isEmpty()) {
      problem(
          null,
          c.loss() != null ? "loss" : c.fromLogits() ? "fromLogits" : "metrics",
          Diagnostic.OUTPUT_LOSS,
          "give either one loss for every output (loss, fromLogits, metrics) or one per output"
              + " (outputs = {@OutputLoss(...)}), not both: with outputs, put each output's"
              + " fromLogits and metrics in its @OutputLoss");
    }
    int before = problems.size();
    for (int i = 0; i < c.outputs().size(); i++) {
      OutputLoss ol = c.outputs().get(i);
      String at = "outputs[" + i + "]";
      if (refused.contains(ol.output())) {
        continue;
      }
      if (!outputs.contains(ol.output())) {
        boolean layer =
            spec.layers().stream().anyMatch(l -> l.name().equals(ol.output()))
                || consumed.contains(ol.output());
        problem(
            null,
            at + ".output",
            Diagnostic.OUTPUT_LOSS,
            "@OutputLoss(output = \""
                + ol.output()
                + "\") "
                + (layer
                    ? "names layer '" + ol.output() + "', which feeds other layers: not an output"
                    : "names no layer of model '" + spec.name() + "'")
                + "; the outputs (layers no other layer takes input from) are "
                + outputs
                + (layer ? "" : Names.didYouMean(ol.output(), outputs)));
        continue;
      }
      if (out.containsKey(ol.output())) {
        problem(
            null,
            at + ".output",
            Diagnostic.OUTPUT_LOSS,
            "output '" + ol.output() + "' has two @OutputLoss: give each output one");
        continue;
      }
      if (!Double.isFinite(ol.weight()) || ol.weight() < 0) {
        problem(
            null,
            at + ".weight",
            Diagnostic.OUTPUT_LOSS,
            "@OutputLoss(output = \""
                + ol.output()
                + "\") weight must be a finite number >= 0 (Keras loss_weights), got "
                + ol.weight());
      }
      out.put(ol.output(), ol);
    }
    List<String> missing = outputs.stream().filter(o -> !out.containsKey(o)).toList();
    if (!missing.isEmpty() && problems.size() == before) { // not after a misspelt output name
      problem(
          null,
          "outputs",
          Diagnostic.OUTPUT_LOSS,
          "output"
              + (missing.size() == 1 ? " '" + missing.get(0) + "' has" : "s " + missing + " have")
              + " no @OutputLoss: with a loss per output, give every output of model '"
              + spec.name()
              + "' its loss (the outputs are "
              + outputs
              + ")");
    }
    return out;
  }

  /**
   * The activation an output ends with, looking through layers that do not change values' meaning.
   */
  private Activation finalActivation(Layer l) {
    while (l.kind().keepsActivation() && resolved.containsKey(l.inbound().get(0))) {
      l = resolved.get(l.inbound().get(0));
    }
    return l.activation();
  }

  /** Each output's settings, in output order (all present: checked by {@link #resolveLosses}). */
  private List<OutputLoss> outputLosses(List<Output> outputs) {
    return outputs.stream().map(o -> losses.get(o.layer())).toList();
  }

  private List<CompiledMetric> compileChecks(List<Output> outputs) {
    CompileSpec c = spec.compile();
    if (c == null) {
      return List.of();
    }
    List<CompiledMetric> metrics = new ArrayList<>();
    boolean perOutput = c.perOutput();
    outputs = outputs.stream().filter(o -> losses.containsKey(o.layer())).toList();
    for (Output o : outputs) {
      OutputLoss setting = losses.get(o.layer());
      String at = perOutput ? "outputs[" + c.outputs().indexOf(setting) + "]." : "";
      checkLoss(o, setting, at);
    }
    // The one-loss form lists metrics once for every output: report each mistake once, in the
    // order of the metric list; the per-output form in the order of its outputs.
    if (perOutput) {
      for (Output o : outputs) {
        OutputLoss setting = losses.get(o.layer());
        String at = "outputs[" + c.outputs().indexOf(setting) + "].metrics";
        Set<Metric> seen = new HashSet<>();
        for (Metric m : setting.metrics()) {
          if (!seen.add(m)) {
            problem(
                null,
                at,
                Diagnostic.METRIC,
                "metric " + m + " is listed twice for output '" + o.layer() + "'");
            continue;
          }
          metric(m, o, setting.loss(), losses.size(), at, metrics);
        }
      }
    } else {
      Set<Metric> seen = new HashSet<>();
      for (Metric m : c.metrics()) {
        if (!seen.add(m)) {
          problem(null, "metrics", Diagnostic.METRIC, "metric " + m + " is listed twice");
          continue;
        }
        for (Output o : outputs) {
          metric(m, o, c.loss(), losses.size(), "metrics", metrics);
        }
      }
    }
    return metrics;
  }

  /** Checks {@code o}'s loss against it; {@code at} prefixes the parameter names reported. */
  private void checkLoss(Output o, OutputLoss setting, String at) {
    Loss loss = setting.loss();
    boolean fromLogits = setting.fromLogits();
    String what =
        "output '"
            + o.layer()
            + "' "
            + o.shape().keras()
            + " with "
            + o.activation().name().toLowerCase()
            + " activation";
    int classes = o.shape().rank() == 0 ? 1 : o.shape().dim(-1);
    if (loss == Loss.BINARY_CROSSENTROPY && o.activation() == Activation.SOFTMAX) {
      problem(
          null,
          at + "loss",
          Diagnostic.LOSS,
          "BINARY_CROSSENTROPY does not fit "
              + what
              + ": a softmax gives one distribution over classes; use CATEGORICAL_CROSSENTROPY (one-hot labels) or"
              + " SPARSE_CATEGORICAL_CROSSENTROPY (class ids), or end in a sigmoid");
    } else if (loss.isMultiClass() && classes < 2) {
      problem(
          null,
          at + "loss",
          Diagnostic.LOSS,
          loss
              + " does not fit "
              + what
              + ": it needs one output unit per class;"
              + " for two classes use one sigmoid unit with BINARY_CROSSENTROPY");
    } else if (loss.isMultiClass()
        && o.activation() != Activation.SOFTMAX
        && !(fromLogits && o.activation() == Activation.LINEAR)) {
      problem(
          null,
          at + "loss",
          Diagnostic.LOSS,
          loss
              + " does not fit "
              + what
              + ": it expects class probabilities from a softmax, or logits from a linear output with fromLogits = true");
    } else if (fromLogits
        && (o.activation() == Activation.SOFTMAX || o.activation() == Activation.SIGMOID)) {
      problem(
          null,
          at + "fromLogits",
          Diagnostic.LOSS,
          "fromLogits = true does not fit "
              + what
              + ": logits come from a linear output; drop fromLogits or the "
              + o.activation().name().toLowerCase()
              + " activation");
    }
  }

  /**
   * Checks metric {@code m} on output {@code o} trained with {@code loss}, and adds it to {@code
   * metrics} (under Keras' name: prefixed by the output when the model has several) if it fits.
   */
  private void metric(
      Metric m, Output o, Loss loss, int outputCount, String param, List<CompiledMetric> metrics) {
    int classes = o.shape().rank() == 0 ? 1 : o.shape().dim(-1);
    String what = "output '" + o.layer() + "' " + o.shape().keras() + " trained with " + loss;
    Metric kind = m;
    if (m == Metric.ACCURACY) {
      kind =
          loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY
              ? Metric.SPARSE_CATEGORICAL_ACCURACY
              : loss == Loss.CATEGORICAL_CROSSENTROPY || classes > 1
                  ? Metric.CATEGORICAL_ACCURACY
                  : Metric.BINARY_ACCURACY;
    }
    String problem =
        switch (kind) {
          case BINARY_ACCURACY, AUC, PRECISION, RECALL ->
              loss.isMultiClass()
                  ? m
                      + " needs a binary (or multi-label sigmoid) output, but "
                      + what
                      + " is multi-class; use ACCURACY"
                      + (m == Metric.AUC ? " or TOP_K_CATEGORICAL_ACCURACY" : "")
                  : null;
          case CATEGORICAL_ACCURACY, TOP_K_CATEGORICAL_ACCURACY ->
              loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                  ? m
                      + " compares one-hot labels, but "
                      + what
                      + " has class-id labels; use SPARSE_"
                      + m
                  : classes < 2
                      ? m + " needs one output unit per class, but " + what + " has " + classes
                      : null;
          case SPARSE_CATEGORICAL_ACCURACY, SPARSE_TOP_K_CATEGORICAL_ACCURACY ->
              loss != Loss.SPARSE_CATEGORICAL_CROSSENTROPY
                  ? m
                      + " compares class-id labels, which only SPARSE_CATEGORICAL_CROSSENTROPY uses; "
                      + what
                  : null;
          default -> null;
        };
    if (problem != null) {
      problem(null, param, Diagnostic.METRIC, problem);
      return;
    }
    String key = outputCount == 1 ? m.keras() : o.layer() + "_" + m.keras();
    metrics.add(new CompiledMetric(key, kind, o.layer()));
  }

  private void problem(String layer, String param, Diagnostic code, String message) {
    problems.add(new Problem(layer, param, code, message));
  }
}
