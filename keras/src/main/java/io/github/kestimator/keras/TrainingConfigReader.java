package io.github.kestimator.keras;

import static io.github.kestimator.keras.ConfigJson.show;
import static io.github.kestimator.keras.ConfigJson.string;

import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a Keras {@code training_config} (HDF5, Keras 1/2 and Keras 3's legacy {@code .h5}) or
 * {@code compile_config} ({@code .keras}, {@code to_json()}) into {@link KerasModel.Training},
 * leniently: what kestimator cannot train with (a learning-rate schedule it does not have, an
 * unknown metric or loss, an output without a loss, weighted metrics, EMA, ...) never fails the
 * read. It is left out and named in {@link KerasModel.Training#unsupported()}, so a summary, a
 * prediction, an export or a warm start works, and training refuses the file with that list ({@link
 * KerasFile#checkTrainable()}). Nothing here throws.
 *
 * <p>Losses, loss weights and metrics per output come as Keras 3's {@code compile_config} and the
 * legacy {@code training_config} write them: a list in output order or a dict by output layer name
 * ({@code loss}, {@code loss_weights}), and for metrics a flat list (every output's), a list of
 * lists or a dict. When every output gets the same loss, weight 1 and the same metrics, the result
 * is the one-loss form ({@link KerasModel.Training#loss()}); otherwise each output's settings
 * ({@link KerasModel.Training#outputs()}).
 */
final class TrainingConfigReader {
  private static final Map<String, String> OPTIMIZER_RENAMES =
      Map.of(
          "lr",
          "learningRate",
          "beta_1",
          "beta1",
          "beta_2",
          "beta2",
          "clipnorm",
          "clipNorm",
          "clipvalue",
          "clipValue");

  /** Optimizer arguments with no effect on the updates (or none while {@code use_ema} is off). */
  private static final Set<String> OPTIMIZER_IGNORED =
      Set.of(
          "name", "is_legacy_optimizer", "jit_compile", "ema_momentum", "ema_overwrite_frequency");

  private final List<String> unsupported = new ArrayList<>();

  private TrainingConfigReader() {}

  /**
   * @param outputs the model's output layers, in output order: what a loss or metric list's
   *     positions and a dict's keys refer to
   */
  static KerasModel.Training read(Map<String, Object> config, List<String> outputs) {
    return new TrainingConfigReader().training(config, outputs);
  }

  /** One loss as read: null and noted when kestimator does not have it. */
  private record OneLoss(Loss loss, Boolean fromLogits) {}

  private KerasModel.Training training(Map<String, Object> t, List<String> outputs) {
    Object l = t.get("loss");
    Object weights = t.get("loss_weights");
    Object m = t.get("metrics");
    Object weighted = t.get("weighted_metrics");
    List<Object> losses = perOutput(l, outputs, "loss");
    List<Object> lossWeights =
        weights instanceof Number // Keras 3: one float for a model's one output
            ? java.util.Collections.nCopies(outputs.size(), weights)
            : perOutput(weights, outputs, "loss_weights");
    boolean metricsPerOutput = metricsPerOutput(m, outputs);
    List<Object> metricLists = metricsPerOutput ? perOutput(m, outputs, "metrics") : null;
    boolean oneForAll =
        (losses == null || losses.stream().map(ConfigJson::show).distinct().count() <= 1)
            && (weights == null || allOnes(weights))
            && (metricLists == null
                || metricLists.stream().map(ConfigJson::show).distinct().count() <= 1);
    // a loss per output (a list, or a dict by output name rather than one serialized loss)
    boolean given =
        l instanceof List<?> || l instanceof Map<?, ?> lm && !lm.containsKey("class_name");
    if (oneForAll || outputs.isEmpty()) {
      Object single = losses != null ? losses.get(0) : given ? null : l;
      if (losses != null && single == null) {
        unsupported.add("loss " + show(l) + " (an output trained without a loss)");
      }
      OneLoss one = single == null ? new OneLoss(null, null) : oneLoss(single, "");
      if (weights != null && !allOnes(weights) && outputs.isEmpty()) {
        unsupported.add("loss_weights=" + show(weights) + " (a model without outputs)");
      }
      weightedMetrics(weighted);
      List<Metric> metrics = null;
      if (m != null || t.containsKey("metrics")) {
        metrics = metrics(metricLists == null ? m : metricLists.get(0));
      }
      OptimizerSpec optimizer = optimizer(t);
      return new KerasModel.Training(
          one.loss(), one.fromLogits(), optimizer, metrics, List.of(), unsupported, t);
    }
    // A loss, weight and metrics per output; a list or dict that does not fit the outputs was
    // noted by perOutput and gives none.
    boolean complete = losses != null || !given;
    List<OneLoss> read = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Object entry = losses == null ? l : losses.get(i);
      if (entry == null && complete) {
        unsupported.add(
            "loss of output '"
                + outputs.get(i)
                + "' is None (an output trained without a loss; kestimator trains every output)");
      }
      read.add(
          entry == null || !complete
              ? null
              : oneLoss(entry, "of output '" + outputs.get(i) + "' "));
    }
    weightedMetrics(weighted);
    List<OutputLoss> perOutput = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      String out = outputs.get(i);
      OneLoss one = read.get(i);
      Object w = lossWeights == null ? null : lossWeights.get(i);
      double weight = 1.0;
      if (w instanceof Number n) {
        weight = n.doubleValue();
      } else if (w != null) {
        unsupported.add(
            "loss_weights of output '" + out + "': " + show(w) + " (expected a number)");
      }
      List<Metric> metrics = metrics(metricLists == null ? m : metricLists.get(i));
      if (one == null || one.loss() == null) {
        complete = false;
        continue;
      }
      perOutput.add(
          new OutputLoss(out, one.loss(), Boolean.TRUE.equals(one.fromLogits()), weight, metrics));
    }
    OptimizerSpec optimizer = optimizer(t);
    return new KerasModel.Training(
        null, null, optimizer, null, complete ? perOutput : List.of(), unsupported, t);
  }

  private void weightedMetrics(Object weighted) {
    if (weighted != null && !isEmpty(weighted)) {
      unsupported.add(
          "weighted_metrics="
              + show(weighted)
              + " (kestimator has no sample weights; give them as metrics)");
    }
  }

  private OptimizerSpec optimizer(Map<String, Object> t) {
    Object opt = t.containsKey("optimizer_config") ? t.get("optimizer_config") : t.get("optimizer");
    return opt == null ? null : optimizer(opt);
  }

  private static boolean isEmpty(Object o) {
    if (o instanceof List<?> l) {
      return l.stream().allMatch(TrainingConfigReader::isEmpty);
    }
    if (o instanceof Map<?, ?> m && !m.containsKey("class_name")) {
      return m.values().stream().allMatch(TrainingConfigReader::isEmpty);
    }
    return o == null;
  }

  /**
   * A per-output value as one entry per output, in output order: a list by position, a dict (not a
   * serialized object) by output name; null for a value that is one for all outputs. A list of
   * another length, a dict with keys that are no outputs or without an output are noted.
   */
  private List<Object> perOutput(Object value, List<String> outputs, String what) {
    if (value instanceof List<?> list) {
      if (list.size() != outputs.size()) {
        unsupported.add(
            what
                + " "
                + show(value)
                + " has "
                + list.size()
                + " entries, but the model has "
                + outputs.size()
                + " outputs "
                + outputs);
        return null;
      }
      return new ArrayList<>(list);
    }
    if (value instanceof Map<?, ?> map && !map.containsKey("class_name")) {
      List<String> unknown =
          map.keySet().stream().map(String::valueOf).filter(k -> !outputs.contains(k)).toList();
      if (!unknown.isEmpty()) {
        unsupported.add(
            what
                + " "
                + show(value)
                + " names "
                + unknown
                + ", which are no outputs of the model (outputs: "
                + outputs
                + ")");
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (String o : outputs) {
        if (!map.containsKey(o) && what.equals("loss")) {
          unsupported.add(
              "loss "
                  + show(value)
                  + " has no entry for output '"
                  + o
                  + "' (Keras 3 refuses it too; kestimator trains every output)");
          return null;
        }
        out.add(map.get(o));
      }
      return out;
    }
    return null;
  }

  /**
   * Whether {@code metrics} lists metrics per output: a dict by output name, or a list of lists
   * (Keras 3's {@code [["mae"], ["accuracy"]]}); a flat list is every output's.
   */
  private static boolean metricsPerOutput(Object metrics, List<String> outputs) {
    if (metrics instanceof Map<?, ?> m) {
      return !m.containsKey("class_name");
    }
    return metrics instanceof List<?> l
        && !l.isEmpty()
        && l.size() == outputs.size()
        && l.stream().allMatch(e -> e == null || e instanceof List<?>);
  }

  private List<Metric> metrics(Object o) {
    Set<Metric> found = new LinkedHashSet<>();
    collectMetrics(o, found);
    return List.copyOf(found);
  }

  /** A loss string or serialized loss object; {@code what} names the output in notes. */
  private OneLoss oneLoss(Object l, String what) {
    Loss loss = null;
    Boolean fromLogits = null;
    if (l instanceof String s) {
      loss = loss(s);
    } else if (l instanceof Map<?, ?> m) {
      String cls = string(m.get("class_name"));
      loss = loss(cls);
      if (m.get("config") instanceof Map<?, ?> c) {
        for (Map.Entry<?, ?> e : c.entrySet()) {
          String k = String.valueOf(e.getKey());
          Object v = e.getValue();
          if (k.equals("from_logits") && v instanceof Boolean b) {
            fromLogits = b;
          } else if (!neutralLossArgument(k, v)) {
            unsupported.add("loss " + what + cls + ": argument " + k + "=" + show(v));
          }
        }
      }
    } else if (l != null) {
      unsupported.add("loss " + what + show(l));
    }
    return new OneLoss(loss, fromLogits);
  }

  private static boolean neutralLossArgument(String key, Object v) {
    return switch (key) {
      case "name", "dtype", "fn" -> true;
      case "reduction" -> v == null || "auto".equals(v) || "sum_over_batch_size".equals(v);
      case "label_smoothing" -> v == null || v instanceof Number n && n.doubleValue() == 0;
      case "axis" -> v == null || v instanceof Number n && n.intValue() == -1;
      case "delta" -> v instanceof Number n && n.doubleValue() == 1.0; // Huber's default
      default -> v == null;
    };
  }

  private static boolean allOnes(Object o) {
    Iterable<?> values =
        o instanceof Map<?, ?> m ? m.values() : o instanceof List<?> l ? l : List.of(o);
    for (Object v : values) {
      if (!(v instanceof Number n && n.doubleValue() == 1.0)) {
        return false;
      }
    }
    return true;
  }

  private Loss loss(String id) {
    Loss loss = KerasIdentifiers.loss(id);
    if (loss == null) {
      List<String> supported = Arrays.stream(Loss.values()).map(Loss::keras).toList();
      unsupported.add(
          "loss '"
              + id
              + "' (supported: "
              + String.join(", ", supported)
              + ")"
              + Names.didYouMean(id == null ? "" : id, supported));
    }
    return loss;
  }

  private void collectMetrics(Object o, Set<Metric> out) {
    if (o == null) {
      return;
    }
    if (o instanceof List<?> l) {
      l.forEach(e -> collectMetrics(e, out));
      return;
    }
    if (o instanceof Map<?, ?> m && !m.containsKey("class_name")) {
      m.values().forEach(e -> collectMetrics(e, out)); // per-output metrics
      return;
    }
    String id =
        o instanceof String s ? s : o instanceof Map<?, ?> m ? string(m.get("class_name")) : null;
    if (o instanceof Map<?, ?> m
        && "MeanMetricWrapper".equals(id)
        && m.get("config") instanceof Map<?, ?> c) {
      id = string(c.get("name"));
    }
    Metric metric = KerasIdentifiers.metric(id);
    if (metric != null) {
      out.add(metric);
      return;
    }
    List<String> supported = Arrays.stream(Metric.values()).map(Metric::keras).toList();
    String shown = id != null ? id : show(o);
    unsupported.add(
        "metric '"
            + shown
            + "' (supported: "
            + String.join(", ", supported)
            + ")"
            + Names.didYouMean(shown, supported));
  }

  private OptimizerSpec optimizer(Object o) {
    if (o instanceof String s) {
      OptimizerType type = optimizerType(s);
      return type == null ? null : OptimizerSpec.of(type);
    }
    if (!(o instanceof Map<?, ?> m)) {
      unsupported.add("optimizer " + show(o));
      return null;
    }
    String cls = string(m.get("class_name"));
    OptimizerType type = optimizerType(cls);
    if (type == null) {
      return null;
    }
    String what = "optimizer " + cls + ": ";
    Map<?, ?> c = m.get("config") instanceof Map<?, ?> cm ? cm : Map.of();
    Map<String, Object> args = new LinkedHashMap<>();
    Set<String> known = type.params().stream().map(ParamDef::name).collect(Collectors.toSet());
    boolean ema = Boolean.TRUE.equals(c.get("use_ema"));
    for (Map.Entry<?, ?> e : c.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      String param = OPTIMIZER_RENAMES.getOrDefault(key, Names.camel(key));
      if (OPTIMIZER_IGNORED.contains(key) || v == null) {
        continue;
      }
      if ((key.equals("learning_rate") || key.equals("lr")) && v instanceof Map<?, ?> schedule) {
        Double initial = learningRateSchedule(what + key + "=", schedule, args);
        if (initial != null) {
          args.put("learningRate", float32(initial));
        }
        continue;
      }
      if (key.equals("decay")) {
        if (v instanceof Number n && n.doubleValue() != 0) {
          args.put("decay", float32(n.doubleValue())); // Keras 2: lr / (1 + decay * iterations)
        }
        continue;
      }
      if (key.equals("use_ema")) {
        if (ema) {
          unsupported.add(what + "use_ema=True (an exponential moving average of the weights)");
        }
        continue;
      }
      if (key.equals("weight_decay") && type != OptimizerType.ADAMW) {
        if (!(v instanceof Number n && n.doubleValue() == 0)) {
          unsupported.add(what + "weight_decay=" + v);
        }
        continue;
      }
      if (v instanceof Boolean b && !b && !known.contains(param)) {
        continue;
      }
      if ((key.equals("clipnorm") || key.equals("clipvalue"))
          && v instanceof Number n
          && n.doubleValue() == 0) {
        continue; // Keras clips only by a positive norm or value
      }
      if (!known.contains(param) || !(v instanceof Number || v instanceof Boolean)) {
        unsupported.add(what + "argument " + key + "=" + show(v));
        continue;
      }
      Object value = v instanceof Number n ? (Object) float32(n.doubleValue()) : v;
      ParamDef def = type.param(param);
      if (def.check(value)
          != null) { // Keras checks fewer ranges than kestimator does (a learning rate of 0)
        unsupported.add(
            what
                + "argument "
                + key
                + "="
                + show(v)
                + " ("
                + param
                + " must be "
                + def.range()
                + ")");
        continue;
      }
      args.put(param, value);
    }
    return new OptimizerSpec(type, args);
  }

  /**
   * A Keras 3 schedule given as the optimizer's {@code learning_rate} ({@code {"class_name":
   * "ExponentialDecay", "config": {...}}}): puts the spec's schedule into {@code args} and returns
   * its initial learning rate (PiecewiseConstantDecay: its first value); null, and noted, when
   * kestimator does not have that schedule.
   */
  private Double learningRateSchedule(String what, Map<?, ?> schedule, Map<String, Object> args) {
    LearningRateSchedule.Type type = KerasIdentifiers.schedule(string(schedule.get("class_name")));
    if (type == null) {
      unsupported.add(
          what
              + show(schedule)
              + " (a learning-rate schedule kestimator does not have;"
              + " supported: ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay, CosineDecay)");
      return null;
    }
    Map<?, ?> c = schedule.get("config") instanceof Map<?, ?> cm ? cm : Map.of();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("value", type.name());
    c.forEach(
        (k, v) ->
            fields.put(
                Names.camel(String.valueOf(k)),
                v instanceof Number n ? (Object) float32(n.doubleValue()) : v));
    if (type == LearningRateSchedule.Type.COSINE_DECAY && c.get("warmup_target") == null) {
      fields.put("warmupTarget", -1.0);
    }
    try {
      args.put("schedule", ParamType.SCHEDULE.coerce(fields));
    } catch (IllegalArgumentException e) {
      unsupported.add(what + show(schedule) + " (" + e.getMessage() + ")");
      return null;
    }
    Object initial =
        type == LearningRateSchedule.Type.PIECEWISE_CONSTANT_DECAY
                && c.get("values") instanceof List<?> l
                && !l.isEmpty()
            ? l.get(0)
            : c.get("initial_learning_rate");
    return initial instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * The optimizer of a Keras class name or string id ({@link KerasIdentifiers#optimizer}); null,
   * and noted, when unknown.
   */
  private OptimizerType optimizerType(String id) {
    OptimizerType type = KerasIdentifiers.optimizer(id);
    if (type == null) {
      unsupported.add(
          "optimizer '"
              + id
              + "' (supported: "
              + Arrays.stream(OptimizerType.values())
                  .map(t -> t.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return type;
  }

  /**
   * Keras 2 stores optimizer hyper-parameters as float32 ({@code 0.0010000000474974513}); the
   * shortest decimal of that float ({@code 0.001}) is what the user wrote.
   */
  private static double float32(double v) {
    float f = (float) v;
    return (double) f == v ? Double.parseDouble(Float.toString(f)) : v;
  }
}
