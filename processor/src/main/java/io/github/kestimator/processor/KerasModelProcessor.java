package io.github.kestimator.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.Problem;
import io.github.kestimator.model.format.ModelColumns;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns each {@code @KerasModel} class into a validated model and typed code. Per class: read the
 * annotations into a spec ({@link ModelReader}), analyze it with the spec's {@link ModelAnalyzer},
 * report every problem on the element that caused it ({@link ProblemLocator}), and only for a clean
 * model write the records, binding, estimator and predictor beside the class, and its columns
 * ({@link ModelColumns}) to the class output.
 *
 * <p>It never throws: an unexpected failure becomes an error on the class being processed, and the
 * next class is processed as usual.
 */
@AutoService(Processor.class)
public final class KerasModelProcessor extends AbstractProcessor {
  static final String KERAS_MODEL = ModelReader.ANNOTATIONS + ".KerasModel";
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  /** Top-level types declared by the sources of this compilation, for name collisions. */
  private final Set<String> sourceTypes = new HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(KERAS_MODEL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement t : ElementFilter.typesIn(round.getRootElements())) {
      sourceTypes.add(t.getQualifiedName().toString());
    }
    TypeElement kerasModel = processingEnv.getElementUtils().getTypeElement(KERAS_MODEL);
    if (kerasModel == null) {
      return false;
    }
    for (Element e : round.getElementsAnnotatedWith(kerasModel)) {
      Report report = new Report(processingEnv.getMessager());
      try {
        if (e instanceof TypeElement type) {
          process(type, report);
        }
      } catch (RuntimeException | LinkageError | IOException ex) {
        report.error(Messages.internalError(ex), e);
      }
    }
    return false;
  }

  private void process(TypeElement type, Report report) throws IOException {
    ClassChecks.checkAccess(type, report);
    String packageName = packageOf(type).getQualifiedName().toString();
    GeneratedTypes names = GeneratedTypes.of(packageName, type.getSimpleName().toString());
    ClassChecks.checkCollisions(type, names, sourceTypes, report);
    ModelSource source =
        new ModelReader(
                new AnnotationValues(processingEnv.getElementUtils()),
                report,
                new VocabularyResources(processingEnv.getFiler()))
            .read(type);
    if (source == null) {
      return;
    }
    ModelAnalyzer.Analysis analysis = ModelAnalyzer.analyze(source.spec());
    ProblemLocator locator = new ProblemLocator(source, report);
    List<Problem> problems =
        analysis.ok()
            ? ClassChecks.componentProblems(analysis.model(), names)
            : analysis.problems();
    problems.forEach(locator::report);
    if (!report.hasErrors()) {
      write(type, source, analysis.model(), names);
    }
  }

  private void write(TypeElement type, ModelSource source, Model model, GeneratedTypes names)
      throws IOException {
    RecordWriter records = new RecordWriter(model, names);
    EstimatorWriter estimators = new EstimatorWriter(model, names);
    List<TypeSpec.Builder> types =
        List.of(
            records.features(),
            records.labels(),
            records.predictions(),
            records.metrics(),
            new BindingWriter(source.spec(), model, names, source.weights()).binding(),
            estimators.estimator(),
            estimators.predictor());
    boolean generatedAvailable = generatedVisible(type);
    for (TypeSpec.Builder t : types) {
      if (generatedAvailable) {
        t.addAnnotation(
            AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", getClass().getName())
                .build());
      }
      t.addOriginatingElement(type);
      JavaFile.builder(names.binding().packageName(), t.build())
          .skipJavaLangImports(true)
          .build()
          .writeTo(processingEnv.getFiler());
    }
    // Annotations are source-retained: this is how build tools (check-features) learn the columns
    // of a compiled model.
    FileObject columns =
        processingEnv
            .getFiler()
            .createResource(
                StandardLocation.CLASS_OUTPUT,
                "",
                ModelColumns.resourcePath(type.getQualifiedName().toString()),
                type);
    try (Writer w = columns.openWriter()) {
      w.write(ModelColumns.of(model).write());
    }
  }

  /**
   * Whether {@code @Generated} can be written on code beside {@code type}: it lies in module
   * java.compiler, which a model class in a named module may not read (on the class path every
   * module is read).
   */
  private boolean generatedVisible(TypeElement type) {
    Elements elements = processingEnv.getElementUtils();
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      return elements.getTypeElement(GENERATED.canonicalName()) != null;
    }
    return elements.getTypeElement(module, GENERATED.canonicalName()) != null;
  }

  private static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }
}
