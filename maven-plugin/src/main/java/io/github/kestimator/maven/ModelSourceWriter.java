package io.github.kestimator.maven;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import io.github.kestimator.model.Regularizer;
import io.github.kestimator.model.format.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes a {@link ModelSpec} as the annotated model class a user would write by hand:
 * {@code @KerasModel}, {@code @Compile}, one {@code Layer} field per layer with only the arguments
 * that differ from Keras' defaults. The annotation processor then turns it into records and an
 * estimator.
 *
 * <p>Output is deterministic (no timestamps) so that unchanged inputs give byte-identical files.
 */
public final class ModelSourceWriter {
  static final String ANNOTATIONS = "io.github.kestimator.annotations";

  private ModelSourceWriter() {}

  /**
   * The Java source of the model class.
   *
   * @param origin where the model came from, for the {@code @Generated} comment (a relative path)
   */
  public static String write(String packageName, String className, ModelSpec spec, String origin) {
    return write(packageName, className, spec, origin, null);
  }

  /**
   * The Java source of the model class, with {@code @KerasModel(weights = weights)} when {@code
   * weights} (a class path resource relative to the class's package) is not null.
   */
  public static String write(
      String packageName, String className, ModelSpec spec, String origin, String weights) {
    return write(packageName, className, spec, origin, weights, List.of());
  }

  /**
   * As {@link #write(String, String, ModelSpec, String, String)}, with a comment above the class
   * naming the Keras file's training settings that {@code @Compile} leaves out ({@code ignored},
   * {@link io.github.kestimator.keras.KerasFile#unsupportedTraining()}).
   */
  public static String write(
      String packageName,
      String className,
      ModelSpec spec,
      String origin,
      String weights,
      List<String> ignored) {
    TreeSet<String> imports = new TreeSet<>();
    imports.add(ANNOTATIONS + ".KerasModel");
    imports.add(ANNOTATIONS + ".Compile");
    imports.add(ANNOTATIONS + ".Layer");
    imports.add("javax.annotation.processing.Generated");
    StringBuilder body = new StringBuilder();
    if (!ignored.isEmpty()) {
      body.append(
          "// Training settings of the Keras file that kestimator cannot use, left out of @Compile:\n");
      for (String i : ignored) {
        body.append("//   ").append(i.replace('\n', ' ')).append('\n');
      }
    }
    body.append("@Generated(value = \"io.github.kestimator.maven\", comments = ")
        .append(quote("from " + origin))
        .append(")\n");
    List<String> model = new ArrayList<>();
    if (!className.equals(spec.name())) {
      model.add("name = " + quote(spec.name()));
    }
    if (weights != null) {
      model.add("weights = " + quote(weights));
    }
    body.append("@KerasModel")
        .append(model.isEmpty() ? "" : "(" + String.join(", ", model) + ")")
        .append('\n');
    body.append(compile(spec.compile(), imports)).append('\n');
    body.append("public class ").append(className).append(" {\n");
    String previous = null;
    List<String> fields = new ArrayList<>();
    for (LayerSpec l : spec.layers()) {
      String field = fieldName(l.name(), fields);
      fields.add(field);
      body.append("  ");
      List<String> common = new ArrayList<>();
      if (!field.equals(l.name())) {
        common.add("name = " + quote(l.name()));
      }
      boolean chained =
          l.from().isEmpty() || previous != null && l.from().equals(List.of(previous));
      if (!chained) {
        common.add("from = " + strings(l.from()));
      }
      LayerSpec annotated = l;
      if (l.kind() == LayerKind.BIDIRECTIONAL) {
        imports.add(ANNOTATIONS + ".Bidirectional");
        List<String> own = args(l, imports, false);
        body.append("@Bidirectional")
            .append(own.isEmpty() ? "" : "(" + String.join(", ", own) + ")")
            .append(' ');
        annotated = l.wrapped();
        // name, from, inputShape and inputName go on the wrapped recurrent layer's annotation
        common.addAll(args(l, imports, true));
      }
      String annotation = annotated.kind().annotationName();
      imports.add(ANNOTATIONS + "." + annotation);
      List<String> all = new ArrayList<>(args(annotated, imports, false));
      if (annotated != l) {
        all.addAll(args(annotated, imports, true));
      } else {
        all.addAll(args(l, imports, true));
      }
      all.addAll(common);
      body.append('@')
          .append(annotation)
          .append(all.isEmpty() ? "" : "(" + String.join(", ", all) + ")");
      body.append(" Layer ").append(field).append(";\n");
      previous = l.name();
    }
    body.append("}\n");
    String code = body.toString();
    if (imports.remove(ANNOTATIONS + "." + className)) {
      // A class named like an annotation or enum it uses (masking.keras -> Masking): qualify those.
      code =
          code.replaceAll(
              "(?<![\\w.\"])(?<!class )" + className + "(?=[.( ])", ANNOTATIONS + "." + className);
    }
    StringBuilder out = new StringBuilder();
    out.append("// Generated by kestimator-maven-plugin from ")
        .append(origin)
        .append(". Do not edit.\n");
    if (!packageName.isEmpty()) {
      out.append("package ").append(packageName).append(";\n\n");
    }
    for (String i : imports) {
      out.append("import ").append(i).append(";\n");
    }
    return out.append('\n').append(code).toString();
  }

  private static String fieldName(String layer, List<String> taken) {
    if (Names.isValid(layer) && !taken.contains(layer)) {
      return layer;
    }
    StringBuilder b = new StringBuilder();
    for (char c : layer.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
    }
    String base = b.length() == 0 || !Character.isLetter(b.charAt(0)) ? "layer_" + b : b.toString();
    String f = Names.isValid(base) ? base : base + "_";
    int i = 2;
    String candidate = f;
    while (taken.contains(candidate)) {
      candidate = f + "_" + i++;
    }
    return candidate;
  }

  /**
   * {@code name = value} for every argument that differs from the default; common ones or own ones.
   */
  private static List<String> args(LayerSpec l, TreeSet<String> imports, boolean commonOnly) {
    List<String> out = new ArrayList<>();
    for (ParamDef d : l.kind().params()) {
      if (LayerKind.COMMON.contains(d) != commonOnly || !l.args().containsKey(d.name())) {
        continue;
      }
      Object v = d.type().coerce(l.args().get(d.name()));
      if (d.defaultValue() != null && v.equals(d.type().coerce(d.defaultValue()))) {
        continue;
      }
      out.add(l.kind().annotationElement(d.name()) + " = " + literal(d, v, imports));
    }
    return out;
  }

  /**
   * {@code v} written for the annotation member of {@code d}: an int list that may only have one
   * element (a 1-D layer's {@code kernelSize}, {@code strides}, {@code dilationRate}, {@code
   * poolSize}) is a scalar {@code int} member, so Keras 3's {@code kernel_size: [5]} is {@code
   * kernelSize = 5}; other int lists are {@code int[]} members.
   */
  private static String literal(ParamDef d, Object v, TreeSet<String> imports) {
    if (d.type() == ParamType.INTS
        && d.lengths().equals(List.of(1))
        && v instanceof List<?> l
        && l.size() == 1) {
      return String.valueOf(l.get(0));
    }
    return literal(d.type(), v, imports);
  }

  private static String literal(ParamType type, Object v, TreeSet<String> imports) {
    return switch (type) {
      case INT, BOOLEAN -> String.valueOf(v);
      case DOUBLE -> number((Double) v);
      case STRING -> quote((String) v);
      case INTS -> {
        List<?> l = (List<?>) v;
        yield "{" + String.join(", ", l.stream().map(String::valueOf).toList()) + "}";
      }
      case LONG -> longLiteral((Long) v);
      case STRINGS ->
          "{"
              + String.join(", ", ((List<?>) v).stream().map(o -> quote((String) o)).toList())
              + "}";
      case DOUBLES ->
          "{"
              + String.join(", ", ((List<?>) v).stream().map(o -> number((Double) o)).toList())
              + "}";
      case LONGS ->
          "{"
              + String.join(", ", ((List<?>) v).stream().map(o -> longLiteral((Long) o)).toList())
              + "}";
      case REGULARIZER -> {
        Regularizer r = (Regularizer) v;
        imports.add(ANNOTATIONS + ".Regularizer");
        List<String> parts = new ArrayList<>();
        if (r.l1() != 0) {
          parts.add("l1 = " + number(r.l1()));
        }
        if (r.l2() != 0) {
          parts.add("l2 = " + number(r.l2()));
        }
        yield "@Regularizer" + (parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")");
      }
      case INITIALIZER -> {
        io.github.kestimator.model.Initializer i = (io.github.kestimator.model.Initializer) v;
        yield typed(
            "Initializer", "InitializerType", i.type(), i.type().params(), i.given(), imports);
      }
      case CONSTRAINT -> {
        io.github.kestimator.model.Constraint c = (io.github.kestimator.model.Constraint) v;
        yield typed(
            "Constraint", "ConstraintType", c.type(), c.type().params(), c.given(), imports);
      }
      case SCHEDULE -> schedule((io.github.kestimator.model.LearningRateSchedule) v, imports);
      default -> {
        Enum<?> e = (Enum<?>) v;
        String simple = e.getDeclaringClass().getSimpleName();
        imports.add(ANNOTATIONS + "." + simple);
        yield simple + "." + e.name();
      }
    };
  }

  /**
   * {@code @Initializer(InitializerType.HE_NORMAL)}, {@code @Constraint(value =
   * ConstraintType.MAX_NORM, maxValue = 3.0)}: the type and the arguments that differ from Keras'
   * defaults (a seed, a single axis as a scalar).
   */
  private static String typed(
      String annotation,
      String typeEnum,
      Enum<?> type,
      List<ParamDef> defs,
      java.util.Map<String, Object> given,
      TreeSet<String> imports) {
    imports.add(ANNOTATIONS + "." + annotation);
    imports.add(ANNOTATIONS + "." + typeEnum);
    String t = typeEnum + "." + type.name();
    if (given.isEmpty()) {
      return "@" + annotation + "(" + t + ")";
    }
    List<String> parts = new ArrayList<>(List.of("value = " + t));
    for (ParamDef d : defs) {
      Object v = given.get(d.name());
      if (v == null) {
        continue;
      }
      String lit =
          v instanceof List<?> l && l.size() == 1
              ? l.get(0) instanceof Long seed ? longLiteral(seed) : String.valueOf(l.get(0))
              : literal(d.type(), v, imports);
      parts.add(d.name() + " = " + lit);
    }
    return "@" + annotation + "(" + String.join(", ", parts) + ")";
  }

  /** A long constant: with an {@code L} only when it does not fit an int. */
  private static String longLiteral(long v) {
    return v == (int) v ? String.valueOf(v) : v + "L";
  }

  /**
   * {@code @LearningRateSchedule(value = ScheduleType.X, ...)} with the members that differ from
   * their defaults.
   */
  private static String schedule(
      io.github.kestimator.model.LearningRateSchedule s, TreeSet<String> imports) {
    imports.add(ANNOTATIONS + ".LearningRateSchedule");
    imports.add(ANNOTATIONS + ".ScheduleType");
    io.github.kestimator.model.LearningRateSchedule d =
        io.github.kestimator.model.LearningRateSchedule.NONE;
    List<String> parts = new ArrayList<>(List.of("value = ScheduleType." + s.type().name()));
    double[][] members = {
      {s.decaySteps(), d.decaySteps()},
      {s.decayRate(), d.decayRate()},
      {s.endLearningRate(), d.endLearningRate()},
      {s.power(), d.power()},
      {s.alpha(), d.alpha()},
      {s.warmupTarget(), d.warmupTarget()},
      {s.warmupSteps(), d.warmupSteps()}
    };
    String[] names = {
      "decaySteps", "decayRate", "endLearningRate", "power", "alpha", "warmupTarget", "warmupSteps"
    };
    for (int i = 0; i < names.length; i++) {
      if (members[i][0] != members[i][1]) {
        parts.add(names[i] + " = " + number(members[i][0]));
      }
    }
    if (s.staircase()) {
      parts.add("staircase = true");
    }
    if (s.cycle()) {
      parts.add("cycle = true");
    }
    if (!s.boundaries().isEmpty()) {
      parts.add(
          "boundaries = {"
              + String.join(", ", s.boundaries().stream().map(ModelSourceWriter::number).toList())
              + "}");
    }
    if (!s.values().isEmpty()) {
      parts.add(
          "values = {"
              + String.join(", ", s.values().stream().map(ModelSourceWriter::number).toList())
              + "}");
    }
    return "@LearningRateSchedule(" + String.join(", ", parts) + ")";
  }

  private static String compile(CompileSpec c, TreeSet<String> imports) {
    imports.add(ANNOTATIONS + ".Loss");
    List<String> parts = new ArrayList<>();
    OptimizerSpec o = c.optimizer();
    List<String> optArgs = new ArrayList<>();
    for (ParamDef d : o.type().params()) {
      Object raw = o.args().get(d.name());
      if (raw == null) {
        continue;
      }
      Object v = d.type().coerce(raw);
      if (!Objects.equals(v, d.type().coerce(d.defaultValue()))) {
        optArgs.add(d.name() + " = " + literal(d.type(), v, imports));
      }
    }
    if (o.type() != io.github.kestimator.model.OptimizerType.ADAM || !optArgs.isEmpty()) {
      imports.add(ANNOTATIONS + ".Optimizer");
      imports.add(ANNOTATIONS + ".OptimizerType");
      String type = "OptimizerType." + o.type().name();
      parts.add(
          "optimizer = @Optimizer("
              + (optArgs.isEmpty() ? type : "value = " + type + ", " + String.join(", ", optArgs))
              + ")");
    }
    if (c.perOutput()) {
      imports.add(ANNOTATIONS + ".OutputLoss");
      List<String> outputs = new ArrayList<>();
      for (OutputLoss each : c.outputs()) {
        outputs.add("    " + outputLoss(each, imports));
      }
      parts.add("outputs = {\n" + String.join(",\n", outputs) + "}");
      return "@Compile(" + String.join(", ", parts) + ")";
    }
    parts.add("loss = Loss." + c.loss().name());
    if (c.fromLogits()) {
      parts.add("fromLogits = true");
    }
    if (!c.metrics().isEmpty()) {
      parts.add(metrics(c.metrics(), imports));
    }
    return "@Compile(" + String.join(", ", parts) + ")";
  }

  /** {@code @OutputLoss(output = "price", loss = Loss.X, weight = 0.5, metrics = {...})}. */
  private static String outputLoss(OutputLoss o, TreeSet<String> imports) {
    List<String> parts = new ArrayList<>();
    parts.add("output = " + quote(o.output()));
    parts.add("loss = Loss." + o.loss().name());
    if (o.fromLogits()) {
      parts.add("fromLogits = true");
    }
    if (o.weight() != 1.0) {
      parts.add("weight = " + Double.toString(o.weight()));
    }
    if (!o.metrics().isEmpty()) {
      parts.add(metrics(o.metrics(), imports));
    }
    return "@OutputLoss(" + String.join(", ", parts) + ")";
  }

  private static String metrics(List<Metric> metrics, TreeSet<String> imports) {
    imports.add(ANNOTATIONS + ".Metric");
    List<String> m = new ArrayList<>();
    for (Metric metric : metrics) {
      m.add("Metric." + metric.name());
    }
    return "metrics = {" + String.join(", ", m) + "}";
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return Double.toString(d);
  }

  private static String strings(List<String> l) {
    return l.size() == 1
        ? quote(l.get(0))
        : "{" + String.join(", ", l.stream().map(ModelSourceWriter::quote).toList()) + "}";
  }

  static String quote(String s) {
    return Json.quote(
        s); // a JSON string of ASCII characters is a Java string literal with the same value
  }
}
