package io.github.kestimator.processor;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.processor.ModelSource.LayerSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @KerasModel} class into a {@link ModelSource}: one {@link LayerSpec} per layer
 * field in declaration order, and the {@code @Compile} settings. It only transcribes what the user
 * wrote (explicit values, not defaults: the model module owns defaults and validation); it reports
 * only what the model description cannot express, such as a Layer field without a layer annotation.
 */
final class ModelReader {
  static final String ANNOTATIONS = "io.github.kestimator.annotations";
  private static final String LAYER_TYPE = ANNOTATIONS + ".Layer";

  /** Elements that place a layer in the graph rather than configure it. */
  private static final Set<String> STRUCTURAL = Set.of("name", "from");

  /** The annotation element naming a vocabulary file, read here into {@code vocabulary}. */
  private static final String RESOURCE = "vocabularyResource";

  /**
   * Common parameters that belong to a Bidirectional layer although they are written on the layer
   * it wraps.
   */
  private static final Set<String> WRAPPER_PARAMS = Set.of("inputShape", "inputName");

  private final AnnotationValues values;
  private final Report report;
  private final VocabularyResources resources;

  ModelReader(AnnotationValues values, Report report, VocabularyResources resources) {
    this.values = values;
    this.report = report;
    this.resources = resources;
  }

  /**
   * The layer kind an annotation declares ({@link LayerKind#annotationName()}), or null if it
   * declares none.
   */
  static LayerKind kindOf(TypeElement annotation) {
    if (!annotation
        .getQualifiedName()
        .contentEquals(ANNOTATIONS + "." + annotation.getSimpleName())) {
      return null;
    }
    return LayerKind.fromAnnotation(annotation.getSimpleName().toString());
  }

  static AnnotationMirror annotation(Element element, String simpleName) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(ANNOTATIONS + "." + simpleName)) {
        return m;
      }
    }
    return null;
  }

  /** The model as written, or null when it could not be read (errors were reported). */
  ModelSource read(TypeElement type) {
    AnnotationMirror kerasModel = annotation(type, "KerasModel");
    AnnotationMirror compile = annotation(type, "Compile");
    boolean ok = true;
    List<LayerSource> sources = new ArrayList<>();
    List<LayerSpec> layers = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      LayerSource source = layerSource(field);
      if (source == null) {
        continue;
      }
      LayerSpec layer = layerSpec(source);
      if (layer == null) {
        ok = false;
        continue;
      }
      sources.add(new LayerSource(layer.name(), field, source.layer(), source.bidirectional()));
      layers.add(layer);
    }
    CompileSpec compileSpec = null;
    if (compile != null) {
      compileSpec = compileSpec(type, compile);
      ok &= compileSpec != null;
    }
    if (!ok) {
      return null;
    }
    String name =
        values.toJava(AnnotationValues.given(kerasModel, "name")) instanceof String s
                && !s.isEmpty()
            ? s
            : type.getSimpleName().toString();
    String weights =
        values.toJava(AnnotationValues.given(kerasModel, "weights")) instanceof String s
                && !s.isEmpty()
            ? s
            : null;
    return new ModelSource(
        type, kerasModel, compile, sources, new ModelSpec(name, layers, compileSpec), weights);
  }

  /**
   * The layer annotations of a field; null when it is no layer field. Reports a field with zero or
   * two layer annotations, or one of the wrong type (and returns a source without layer).
   */
  private LayerSource layerSource(VariableElement field) {
    List<AnnotationMirror> layers = new ArrayList<>();
    AnnotationMirror bidirectional = null;
    for (AnnotationMirror m : field.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) m.getAnnotationType().asElement();
      LayerKind kind = kindOf(annotation);
      if (kind == LayerKind.BIDIRECTIONAL) {
        bidirectional = m;
      } else if (kind != null) {
        layers.add(m);
      }
    }
    String name = field.getSimpleName().toString();
    boolean isLayer = field.asType().toString().equals(LAYER_TYPE);
    if (layers.isEmpty() && bidirectional == null) {
      if (isLayer) {
        report.error(Messages.noLayerAnnotation(name), field);
        return new LayerSource(name, field, null, null);
      }
      return null;
    }
    AnnotationMirror first = layers.isEmpty() ? bidirectional : layers.get(0);
    if (!isLayer) {
      report.error(
          Messages.notALayerField(name, simpleName(first), field.asType().toString()),
          field,
          first);
      return new LayerSource(name, field, null, null);
    }
    if (layers.size() > 1) {
      report.error(
          Messages.twoLayerAnnotations(name, layers.stream().map(ModelReader::simpleName).toList()),
          field,
          layers.get(1));
      return new LayerSource(name, field, null, null);
    }
    return new LayerSource(name, field, layers.isEmpty() ? null : layers.get(0), bidirectional);
  }

  /** The spec of a layer field, or null if its annotations were wrong (already reported). */
  private LayerSpec layerSpec(LayerSource source) {
    if (source.layer() == null && source.bidirectional() == null) {
      return null;
    }
    String name = source.field().getSimpleName().toString();
    if (source.layer() == null) {
      // A lone @Bidirectional: the analyzer explains that it needs a recurrent layer to wrap.
      return new LayerSpec(
          name,
          LayerKind.BIDIRECTIONAL,
          List.of(),
          args(LayerKind.BIDIRECTIONAL, source.bidirectional()),
          null);
    }
    LayerKind kind = kindOf((TypeElement) source.layer().getAnnotationType().asElement());
    if (values.toJava(AnnotationValues.given(source.layer(), "name")) instanceof String s
        && !s.isEmpty()) {
      name = s;
    }
    List<String> from = strings(values.toJava(AnnotationValues.given(source.layer(), "from")));
    Map<String, Object> args = args(kind, source.layer());
    if (!vocabularyResource(kind, name, source, args)) {
      return null;
    }
    if (source.bidirectional() == null) {
      return new LayerSpec(name, kind, from, args, null);
    }
    Map<String, Object> outer = args(LayerKind.BIDIRECTIONAL, source.bidirectional());
    for (String p : WRAPPER_PARAMS) {
      if (args.containsKey(p)) {
        outer.put(p, args.remove(p));
      }
    }
    return new LayerSpec(
        name,
        LayerKind.BIDIRECTIONAL,
        from,
        outer,
        new LayerSpec(name, kind, List.of(), args, null));
  }

  /**
   * Replaces a given {@code vocabularyResource} by the {@code vocabulary} it holds; false
   * (reported) when it cannot be read or a vocabulary is given as well.
   */
  private boolean vocabularyResource(
      LayerKind kind, String layer, LayerSource source, Map<String, Object> args) {
    if (!(args.remove(RESOURCE) instanceof String resource) || resource.isEmpty()) {
      return true;
    }
    AnnotationValue value = AnnotationValues.given(source.layer(), RESOURCE);
    if (args.containsKey("vocabulary")) {
      report.error(
          Diagnostic.VOCABULARY_RESOURCE.format(
              "layer '"
                  + layer
                  + "' has both vocabulary and vocabularyResource:"
                  + " give one of them"),
          source.field(),
          source.layer(),
          value);
      return false;
    }
    Element type = source.field().getEnclosingElement();
    while (type.getEnclosingElement() != null
        && !(type.getEnclosingElement() instanceof PackageElement)) {
      type = type.getEnclosingElement();
    }
    String pkg =
        type.getEnclosingElement() instanceof PackageElement p
            ? p.getQualifiedName().toString()
            : "";
    try {
      args.put("vocabulary", resources.read(kind, layer, pkg, resource));
      return true;
    } catch (VocabularyResources.Unreadable e) {
      report.error(e.getMessage(), source.field(), source.layer(), value);
      return false;
    }
  }

  /** The explicitly given, non-structural values of a layer annotation, by spec parameter name. */
  private Map<String, Object> args(LayerKind kind, AnnotationMirror annotation) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      String element = e.getKey().getSimpleName().toString();
      if (!STRUCTURAL.contains(element)) {
        args.put(kind.paramOfElement(element), values.toJava(e.getValue()));
      }
    }
    return args;
  }

  /** The compile settings, or null if they cannot be read (reported). */
  private CompileSpec compileSpec(TypeElement type, AnnotationMirror compile) {
    OptimizerType optimizer = OptimizerType.ADAM;
    Map<String, Object> optimizerArgs = new LinkedHashMap<>();
    boolean ok = true;
    if (values.toJava(AnnotationValues.given(compile, "optimizer")) != null
        && AnnotationValues.given(compile, "optimizer").getValue() instanceof AnnotationMirror o) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
          o.getElementValues().entrySet()) {
        String element = e.getKey().getSimpleName().toString();
        Object value = values.toJava(e.getValue());
        if (element.equals("value")) {
          optimizer = constant(OptimizerType.class, value, type, compile);
          ok &= optimizer != null;
        } else {
          optimizerArgs.put(element, value);
        }
      }
    }
    Object lossName = values.toJava(AnnotationValues.given(compile, "loss"));
    List<OutputLoss> outputs = new ArrayList<>();
    for (AnnotationMirror o : mirrors(AnnotationValues.given(compile, "outputs"))) {
      OutputLoss ol = outputLoss(type, compile, o);
      ok &= ol != null;
      outputs.add(ol);
    }
    Loss loss = null;
    if (lossName == null && outputs.isEmpty()) {
      report.error(Messages.missingLoss(), type, compile);
      ok = false;
    } else if (lossName != null) {
      loss = constant(Loss.class, lossName, type, compile);
      ok &= loss != null;
    }
    boolean fromLogits =
        Boolean.TRUE.equals(values.toJava(AnnotationValues.given(compile, "fromLogits")));
    List<Metric> metrics = metrics(type, compile, compile);
    ok &= !metrics.contains(null);
    return ok
        ? new CompileSpec(
            new OptimizerSpec(optimizer, optimizerArgs), loss, fromLogits, metrics, outputs)
        : null;
  }

  /** One {@code @OutputLoss}, defaults included; null if it cannot be read (reported). */
  private OutputLoss outputLoss(TypeElement type, AnnotationMirror compile, AnnotationMirror o) {
    Object output = values.toJava(AnnotationValues.given(o, "output"));
    Object lossName = values.toJava(AnnotationValues.given(o, "loss"));
    if (!(output instanceof String name) || lossName == null) {
      return null; // javac reports the missing element itself
    }
    Loss loss = constant(Loss.class, lossName, type, compile);
    Object weight = values.toJava(AnnotationValues.given(o, "weight"));
    List<Metric> metrics = metrics(type, compile, o);
    if (loss == null || metrics.contains(null)) {
      return null;
    }
    return new OutputLoss(
        name,
        loss,
        Boolean.TRUE.equals(values.toJava(AnnotationValues.given(o, "fromLogits"))),
        weight instanceof Number n ? n.doubleValue() : 1.0,
        metrics);
  }

  /**
   * The {@code metrics} written on {@code owner}; a null entry for a constant not read (reported).
   */
  private List<Metric> metrics(TypeElement type, AnnotationMirror compile, AnnotationMirror owner) {
    List<Metric> metrics = new ArrayList<>();
    for (String m : strings(values.toJava(AnnotationValues.given(owner, "metrics")))) {
      metrics.add(constant(Metric.class, m, type, compile));
    }
    return metrics;
  }

  /** The annotations of an array (or single) annotation-valued element. */
  static List<AnnotationMirror> mirrors(AnnotationValue value) {
    List<AnnotationMirror> out = new ArrayList<>();
    Object v = value == null ? null : value.getValue();
    if (v instanceof AnnotationMirror m) {
      out.add(m);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof AnnotationValue av && av.getValue() instanceof AnnotationMirror m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * The model enum constant named as the annotations' one; reported and null if the model module
   * lacks it.
   */
  private <E extends Enum<E>> E constant(
      Class<E> type, Object name, Element element, AnnotationMirror annotation) {
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    report.error(
        Messages.unknownConstant(type.getSimpleName(), String.valueOf(name)), element, annotation);
    return null;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static String simpleName(AnnotationMirror m) {
    return m.getAnnotationType().asElement().getSimpleName().toString();
  }
}
