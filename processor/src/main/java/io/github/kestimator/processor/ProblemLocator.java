package io.github.kestimator.processor;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Problem;
import io.github.kestimator.processor.ModelSource.LayerSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * Reports a spec {@link Problem} on the source that caused it: a layer's problem on its field, and
 * on the annotation value of the parameter it names (so the caret lands on {@code units = 0}); a
 * model's problem on {@code @Compile} and its {@code loss}, {@code metrics} or optimizer value, or
 * on a value inside one of its {@code outputs} ({@code outputs[1].weight}); anything else on the
 * class.
 */
final class ProblemLocator {
  private static final Set<String> COMPILE_ELEMENTS =
      Set.of("loss", "metrics", "fromLogits", "optimizer", "outputs");

  /** A per-output setting's parameter: {@code outputs[1].weight}. */
  private static final Pattern PER_OUTPUT = Pattern.compile("outputs\\[(\\d+)]\\.(\\w+)");

  private final ModelSource source;
  private final Report report;

  /**
   * How many duplicate-name problems each name has had: the n-th is about the (n+1)-th field of
   * that name.
   */
  private final Map<String, Integer> duplicates = new HashMap<>();

  ProblemLocator(ModelSource source, Report report) {
    this.source = source;
    this.report = report;
  }

  void report(Problem problem) {
    String message = problem.toString();
    List<LayerSource> fields =
        problem.layer() == null
            ? List.of()
            : source.layers().stream().filter(l -> l.name().equals(problem.layer())).toList();
    if (!fields.isEmpty()) {
      int index = 0;
      if (problem.code() == Diagnostic.DUPLICATE_LAYER) {
        index = Math.min(fields.size() - 1, duplicates.merge(problem.layer(), 1, Integer::sum));
      }
      reportOnLayer(fields.get(index), problem.param(), message);
    } else {
      reportOnModel(problem.param(), message);
    }
  }

  private void reportOnLayer(LayerSource layer, String param, String message) {
    AnnotationMirror primary = layer.layer() != null ? layer.layer() : layer.bidirectional();
    if (param != null) {
      for (AnnotationMirror m : new AnnotationMirror[] {layer.layer(), layer.bidirectional()}) {
        if (m == null) {
          continue;
        }
        LayerKind kind = ModelReader.kindOf((TypeElement) m.getAnnotationType().asElement());
        AnnotationValue value = AnnotationValues.given(m, kind.annotationElement(param));
        if (value != null) {
          report.error(message, layer.field(), m, value);
          return;
        }
      }
    }
    report.error(message, layer.field(), primary);
  }

  private void reportOnModel(String param, String message) {
    TypeElement type = source.type();
    AnnotationMirror compile = source.compile();
    if (compile == null || param == null || param.equals("compile")) {
      report.error(message, type, compile != null && param != null ? compile : source.kerasModel());
      return;
    }
    Matcher perOutput = PER_OUTPUT.matcher(param);
    if (perOutput.matches()) {
      // On the value inside the n-th @OutputLoss, or on that @OutputLoss as a whole.
      AnnotationValue outputs = AnnotationValues.given(compile, "outputs");
      List<AnnotationMirror> given = ModelReader.mirrors(outputs);
      int i = Integer.parseInt(perOutput.group(1));
      AnnotationValue value = outputs;
      if (i < given.size()) {
        AnnotationValue element = AnnotationValues.given(given.get(i), perOutput.group(2));
        value = element != null ? element : arrayElement(outputs, i);
      }
      report.error(message, type, compile, value);
      return;
    }
    AnnotationValue value = AnnotationValues.given(compile, param);
    if (value == null && !COMPILE_ELEMENTS.contains(param)) {
      // An optimizer parameter: point at it inside @Optimizer, or at the optimizer as a whole.
      AnnotationValue optimizer = AnnotationValues.given(compile, "optimizer");
      value =
          optimizer != null && optimizer.getValue() instanceof AnnotationMirror o
              ? orElse(AnnotationValues.given(o, param), optimizer)
              : null;
    }
    report.error(message, type, compile, value);
  }

  /** The {@code i}-th value of an array value (the value itself when it is a single one). */
  private static AnnotationValue arrayElement(AnnotationValue array, int i) {
    return array.getValue() instanceof List<?> l && l.get(i) instanceof AnnotationValue v
        ? v
        : array;
  }

  private static AnnotationValue orElse(AnnotationValue value, AnnotationValue fallback) {
    return value != null ? value : fallback;
  }
}
