package io.github.kestimator.model.format;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import io.github.kestimator.model.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelSpec} as JSON: how the annotation processor hands the model it validated to the
 * runtime. Generated code holds this text as a string constant, so compiled user code depends on
 * this format, not on the model classes' constructors, and the model module can change them. One
 * layer per line, deterministic:
 *
 * <pre>
 * {"format":1,"name":"Sentiment","layers":[
 * {"name":"words","kind":"EMBEDDING","args":{"inputDim":10000,"outputDim":64}},
 * {"name":"score","kind":"DENSE","args":{"units":1,"activation":"SIGMOID"}}],
 * "compile":{"optimizer":{"type":"ADAM","args":{"learningRate":0.001}},"loss":"BINARY_CROSSENTROPY",
 * "fromLogits":false,"metrics":["ACCURACY","AUC"]}}
 * </pre>
 *
 * <p>Kinds, losses, metrics, optimizers and enum arguments are written by their constant names; a
 * layer's {@code from} and {@code wrapped} (a Bidirectional layer's recurrent layer, an object like
 * a layer) and empty {@code args} are left out; {@code compile} is null when the spec has none. A
 * compile with a loss per output has no {@code loss} but {@code "outputs":[{"output":"price",
 * "loss":"MEAN_SQUARED_ERROR","fromLogits":false,"weight":1.0,"metrics":[...]},...]}; one with one
 * loss has no {@code outputs}. Arguments keep their kind of value: integers without a fraction,
 * other numbers with one ({@link Json#write}), a {@link Regularizer} as {@code {"l1":..,"l2":..}},
 * an {@link Initializer} or {@link Constraint} as {@code {"value":"RANDOM_NORMAL","stddev":0.3}}
 * (its type and the arguments that differ from Keras' defaults), a {@link LearningRateSchedule} as
 * an object of its fields. Reading turns integers back into {@link Integer} (a {@link Long} past
 * its range), other numbers into {@link Double}, and by the parameter's {@link ParamType} enum
 * names into constants, regularizer, initializer, constraint and schedule objects into their
 * records, and the values of {@code LONG}, {@code LONGS} and {@code DOUBLES} parameters into {@link
 * Long}s and {@link Double}s: the spec read analyzes to the same model as the one written.
 *
 * <p>{@code format} is 1; a reader rejects a later one, naming it, so a model compiled by a newer
 * processor than the runtime fails with that message rather than a confusing one.
 */
public final class ModelSpecJson {
  /** The format this class writes and the newest it reads. */
  public static final int FORMAT = 1;

  private ModelSpecJson() {}

  /**
   * The spec as JSON text, one line per layer.
   *
   * @throws IllegalArgumentException naming the layer and argument whose value JSON cannot hold
   */
  public static String write(ModelSpec spec) {
    StringBuilder b =
        new StringBuilder("{\"format\":")
            .append(FORMAT)
            .append(",\"name\":")
            .append(Json.write(spec.name()))
            .append(",\"layers\":[");
    String sep = "\n";
    for (LayerSpec l : spec.layers()) {
      b.append(sep).append(Json.write(layer(l)));
      sep = ",\n";
    }
    b.append("],\n\"compile\":")
        .append(Json.write(spec.compile() == null ? null : compile(spec.compile())))
        .append('}');
    return b.toString();
  }

  private static Map<String, Object> layer(LayerSpec l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", l.name());
    m.put("kind", l.kind().name());
    if (!l.from().isEmpty()) {
      m.put("from", l.from());
    }
    if (!l.args().isEmpty()) {
      m.put("args", args(l.args(), "layer '" + l.name() + "'"));
    }
    if (l.wrapped() != null) {
      m.put("wrapped", layer(l.wrapped()));
    }
    return m;
  }

  private static Map<String, Object> compile(CompileSpec c) {
    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("type", c.optimizer().type().name());
    if (!c.optimizer().args().isEmpty()) {
      optimizer.put("args", args(c.optimizer().args(), "the optimizer"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("optimizer", optimizer);
    if (c.loss() != null) {
      m.put("loss", c.loss().name());
    }
    m.put("fromLogits", c.fromLogits());
    m.put("metrics", c.metrics().stream().map(Metric::name).toList());
    if (c.perOutput()) {
      List<Object> outputs = new ArrayList<>();
      for (OutputLoss o : c.outputs()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("output", o.output());
        e.put("loss", o.loss().name());
        e.put("fromLogits", o.fromLogits());
        e.put("weight", o.weight());
        e.put("metrics", o.metrics().stream().map(Metric::name).toList());
        outputs.add(e);
      }
      m.put("outputs", outputs);
    }
    return m;
  }

  private static Map<String, Object> args(Map<String, Object> args, String owner) {
    Map<String, Object> m = new LinkedHashMap<>();
    args.forEach(
        (name, value) -> {
          try {
            m.put(name, plain(value));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "argument '" + name + "' of " + owner + ": " + e.getMessage(), e);
          }
        });
    return m;
  }

  /** A raw argument as the maps, lists, strings, numbers and booleans {@link Json#write} takes. */
  private static Object plain(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Initializer i) {
      return i.toMap();
    }
    if (value instanceof Constraint c) {
      return c.toMap();
    }
    if (value instanceof Regularizer r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("l1", r.l1());
      m.put("l2", r.l2());
      return m;
    }
    if (value instanceof LearningRateSchedule s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", s.type().name());
      m.put("decaySteps", s.decaySteps());
      m.put("decayRate", s.decayRate());
      m.put("staircase", s.staircase());
      m.put("endLearningRate", s.endLearningRate());
      m.put("power", s.power());
      m.put("cycle", s.cycle());
      m.put("alpha", s.alpha());
      m.put("warmupTarget", s.warmupTarget());
      m.put("warmupSteps", s.warmupSteps());
      m.put("boundaries", s.boundaries());
      m.put("values", s.values());
      return m;
    }
    if (value instanceof int[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (value instanceof double[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    Json.write(value); // a string, number, boolean or null; else throws naming the value
    return value;
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException saying what is wrong and where: bad JSON, a later format, a
   *     missing or mistyped field, an unknown kind or enum name
   */
  public static ModelSpec read(String json) {
    Map<?, ?> root = object(Json.parse(json), "the model description");
    Object format = root.get("format");
    if (!(format instanceof Long f) || f < 1) {
      throw new IllegalArgumentException(
          "the model description: expected \"format\" to be a positive integer, got " + format);
    }
    if (f > FORMAT) {
      throw new IllegalArgumentException(
          "the model description has format "
              + f
              + ", written by a newer kestimator"
              + " processor; this runtime reads format "
              + FORMAT
              + " (use the same kestimator version for both)");
    }
    String name = string(root, "name", "the model description");
    List<LayerSpec> layers = new ArrayList<>();
    List<?> list = list(root.get("layers"), "\"layers\" of the model description");
    for (int i = 0; i < list.size(); i++) {
      layers.add(layer(object(list.get(i), "layer " + (i + 1)), "layer " + (i + 1)));
    }
    Object compile = root.get("compile");
    return new ModelSpec(
        name, layers, compile == null ? null : compile(object(compile, "\"compile\"")));
  }

  private static LayerSpec layer(Map<?, ?> m, String where) {
    String name = string(m, "name", where);
    String at = where + " ('" + name + "')";
    LayerKind kind = constant(LayerKind.class, string(m, "kind", at), "\"kind\" of " + at);
    List<String> from = new ArrayList<>();
    if (m.containsKey("from")) {
      for (Object o : list(m.get("from"), "\"from\" of " + at)) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException(
              "\"from\" of " + at + ": expected layer names, got " + o);
        }
        from.add(s);
      }
    }
    Map<String, Object> args = args(m.get("args"), kind.params(), "layer '" + name + "'");
    LayerSpec wrapped =
        m.get("wrapped") == null
            ? null
            : layer(object(m.get("wrapped"), "\"wrapped\" of " + at), "the layer wrapped by " + at);
    return new LayerSpec(name, kind, from, args, wrapped);
  }

  private static CompileSpec compile(Map<?, ?> m) {
    Map<?, ?> optimizer = object(m.get("optimizer"), "\"optimizer\" of \"compile\"");
    OptimizerType type =
        constant(
            OptimizerType.class,
            string(optimizer, "type", "the optimizer"),
            "the optimizer's \"type\"");
    Loss loss =
        m.get("loss") == null && m.containsKey("outputs")
            ? null
            : constant(Loss.class, string(m, "loss", "\"compile\""), "\"loss\"");
    List<OutputLoss> outputs = new ArrayList<>();
    if (m.containsKey("outputs")) {
      for (Object o : list(m.get("outputs"), "\"outputs\" of \"compile\"")) {
        Map<?, ?> e = object(o, "an entry of \"outputs\"");
        String output = string(e, "output", "an entry of \"outputs\"");
        String at = "output '" + output + "' of \"outputs\"";
        if (!(e.get("weight") instanceof Number weight)) {
          throw new IllegalArgumentException(
              at + ": expected \"weight\" to be a number, got " + e.get("weight"));
        }
        outputs.add(
            new OutputLoss(
                output,
                constant(Loss.class, string(e, "loss", at), "\"loss\" of " + at),
                bool(e, at),
                weight.doubleValue(),
                metrics(e, at)));
      }
    }
    return new CompileSpec(
        new OptimizerSpec(type, args(optimizer.get("args"), type.params(), "the optimizer")),
        loss,
        bool(m, "\"compile\""),
        metrics(m, "\"compile\""),
        outputs);
  }

  private static boolean bool(Map<?, ?> m, String where) {
    if (!(m.get("fromLogits") instanceof Boolean fromLogits)) {
      throw new IllegalArgumentException(
          where + ": expected \"fromLogits\" to be true or false, got " + m.get("fromLogits"));
    }
    return fromLogits;
  }

  private static List<Metric> metrics(Map<?, ?> m, String where) {
    List<Metric> metrics = new ArrayList<>();
    for (Object o : list(m.get("metrics"), "\"metrics\" of " + where)) {
      metrics.add(
          constant(Metric.class, o instanceof String s ? s : String.valueOf(o), "a metric"));
    }
    return metrics;
  }

  private static Map<String, Object> args(Object json, List<ParamDef> defs, String owner) {
    Map<String, Object> args = new LinkedHashMap<>();
    if (json == null) {
      return args;
    }
    object(json, "the arguments of " + owner)
        .forEach(
            (k, v) -> {
              String name = (String) k;
              ParamDef def =
                  defs.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
              args.put(name, typed(natural(v), def == null ? null : def.type(), name, owner));
            });
    return args;
  }

  /** Integers as {@link Integer} where they fit; lists and maps element by element. */
  private static Object natural(Object json) {
    if (json instanceof Long l) {
      return l == l.intValue() ? (Object) l.intValue() : l;
    }
    if (json instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(natural(v)));
      return out;
    }
    if (json instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, natural(v)));
      return out;
    }
    return json;
  }

  /**
   * Enum names, regularizer and schedule objects, 64-bit integers and number lists as the values a
   * spec holds (a {@code long} that fits an int reads as one, so it is coerced back); other values
   * as they are.
   */
  private static Object typed(Object value, ParamType type, String name, String owner) {
    if (value == null
        || type == null
        || type.enumType() == null
            && !List.of(
                    ParamType.REGULARIZER,
                    ParamType.INITIALIZER,
                    ParamType.CONSTRAINT,
                    ParamType.SCHEDULE,
                    ParamType.LONG,
                    ParamType.LONGS,
                    ParamType.DOUBLES)
                .contains(type)) {
      return value;
    }
    try {
      return type.coerce(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "argument '" + name + "' of " + owner + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String what) {
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        what
            + ": expected one of "
            + Arrays.toString(type.getEnumConstants())
            + ", got \""
            + name
            + "\"");
  }

  private static Map<?, ?> object(Object json, String what) {
    if (json instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(what + ": expected a JSON object, got " + json);
  }

  private static List<?> list(Object json, String what) {
    if (json instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + ": expected a JSON array, got " + json);
  }

  private static String string(Map<?, ?> m, String key, String where) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        where + ": expected \"" + key + "\" to be a string, got " + m.get(key));
  }
}
