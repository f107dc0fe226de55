package io.github.kestimator.processor;

import com.palantir.javapoet.ClassName;
import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Checks that only the processor can make: can generated code reach the model class and take its
 * names?
 */
final class ClassChecks {
  /** Names a record component may not have (JLS 8.10.1). */
  private static final Set<String> RESERVED =
      Set.of(
          "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private ClassChecks() {}

  /** A class that the generated code, in the same package, can reach. */
  static void checkAccess(TypeElement type, Report report) {
    if (type.getKind() != ElementKind.CLASS) {
      report.error(Messages.notAClass(type.getQualifiedName().toString()), type);
      return;
    }
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(Messages.privateClass(t.getQualifiedName().toString()), type);
        return;
      }
      if (t.getNestingKind().isNested()
          && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        report.error(Messages.innerClass(t.getQualifiedName().toString()), type);
        return;
      }
    }
  }

  /**
   * Reports generated names that source files of this compilation already declare. Only source
   * types count: class files of an earlier build of the same module hold our own generated types.
   */
  static void checkCollisions(
      TypeElement type, GeneratedTypes names, Set<String> sourceTypes, Report report) {
    for (ClassName c : names.all()) {
      if (sourceTypes.contains(c.canonicalName())) {
        report.error(Messages.nameTaken(c.canonicalName(), type.getSimpleName().toString()), type);
      }
    }
  }

  /** Problems with names that are fine for the model but not as record components. */
  static List<Problem> componentProblems(Model model, GeneratedTypes names) {
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Feature f : model.features()) {
      String reason = reason(f.name(), seen);
      if (reason != null) {
        problems.add(
            new Problem(
                InputLayers.userLayer(model, f.layer()),
                "inputName",
                Diagnostic.GENERATED_NAME,
                message("feature", f.name(), names.features(), reason)));
      }
    }
    seen.clear();
    for (Output o : model.outputs()) {
      String reason = reason(o.layer(), seen);
      if (reason != null) {
        problems.add(
            new Problem(
                o.layer(),
                "name",
                Diagnostic.GENERATED_NAME,
                message("output", o.layer(), names.labels(), reason)));
      }
    }
    seen.clear();
    seen.add("loss");
    seen.add("globalStep");
    for (String key : model.outputLossKeys()) {
      String reason = reason(Names.camel(key), seen);
      if (reason != null) {
        problems.add(
            new Problem(
                null,
                "outputs",
                Diagnostic.GENERATED_NAME,
                message("output loss", key, names.metrics(), reason)));
      }
    }
    for (CompiledMetric m : model.metrics()) {
      String reason = reason(Names.camel(m.key()), seen);
      if (reason != null) {
        problems.add(
            new Problem(
                null,
                "metrics",
                Diagnostic.GENERATED_NAME,
                message("metric", m.key(), names.metrics(), reason)));
      }
    }
    return problems;
  }

  private static String reason(String name, Set<String> seen) {
    if (RESERVED.contains(name)) {
      return "records reserve the name " + name;
    }
    return seen.add(name) ? null : "another component has that name";
  }

  private static String message(String what, String name, ClassName record, String reason) {
    return Messages.componentName(what, name, record.simpleName(), reason);
  }
}
