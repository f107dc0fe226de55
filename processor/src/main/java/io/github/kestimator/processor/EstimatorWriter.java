package io.github.kestimator.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.kestimator.model.Model;
import java.nio.file.Path;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooEstimator} and {@code FooPredictor}: typed entry points, all behaviour inherited
 * from the runtime.
 */
final class EstimatorWriter {
  private static final String RUNTIME = "io.github.kestimator.runtime";
  private static final ClassName ESTIMATOR = ClassName.get(RUNTIME, "Estimator");
  private static final ClassName PREDICTOR = ClassName.get(RUNTIME, "Predictor");
  private static final ClassName BUILDER = ClassName.get(RUNTIME, "EstimatorBuilder");
  private static final ClassName RUN_CONFIG = ClassName.get(RUNTIME, "RunConfig");

  private final Model model;
  private final GeneratedTypes names;

  EstimatorWriter(Model model, GeneratedTypes names) {
    this.model = model;
    this.names = names;
  }

  TypeSpec.Builder estimator() {
    ClassName self = names.estimator();
    String simple = self.simpleName();
    String dir =
        "target/"
            + simple.substring(0, simple.length() - "Estimator".length()).toLowerCase(Locale.ROOT);
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(
            ParameterizedTypeName.get(
                ESTIMATOR, names.features(), names.labels(), names.predictions(), names.metrics()))
        .addJavadoc(
            "The estimator of model {@code $L}: trains, evaluates, predicts and exports it, with checkpoints in a"
                + " model directory.\n\n<pre>\n$L</pre>\n\n",
            model.name(),
            html(model.summary()))
        .addJavadoc(
            "<p>Usage:\n<pre>{@code\nvar estimator = $T.builder().modelDir(Path.of($S)).build();\n"
                + "$T metrics = estimator.trainAndEvaluate(\n    TrainSpec.of(trainInput).maxSteps(2_000),\n"
                + "    EvalSpec.of(evalInput).steps(50)).orElseThrow();\n}</pre>\n",
            self,
            dir,
            names.metrics())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RUN_CONFIG, "config")
                .addStatement("super($T.INSTANCE, config)", names.binding())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("builder")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(BUILDER, self))
                .addJavadoc("A builder; give it at least the model directory.\n")
                .addStatement("return new $T<>($T::new)", BUILDER, self)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("modelSummary")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(String.class)
                .addJavadoc(
                    "The Keras-style summary table of the model, as in this class's documentation.\n")
                .addStatement("return $T.INSTANCE.summary()", names.binding())
                .build());
  }

  TypeSpec.Builder predictor() {
    ClassName self = names.predictor();
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(PREDICTOR, names.features(), names.predictions()))
        .addJavadoc(
            "Predicts with a SavedModel exported by {@link $T}. Safe to share between threads.\n",
            names.estimator())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(Path.class, "savedModelDir")
                .addStatement("super($T.INSTANCE, savedModelDir)", names.binding())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("load")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(Path.class, "savedModelDir")
                .addJavadoc(
                    "Loads the SavedModel in {@code savedModelDir}, e.g. {@code export/best/1712345678}.\n")
                .addStatement("return new $T(savedModelDir)", self)
                .build());
  }

  /** Text safe inside a javadoc {@code <pre>}: HTML escaped, no comment end, no trailing blanks. */
  static String html(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\r?\n")) {
      b.append(
              line.stripTrailing()
                  .replace("&", "&amp;")
                  .replace("<", "&lt;")
                  .replace(">", "&gt;")
                  .replace("@", "&#64;")
                  .replace("*/", "*&#47;"))
          .append('\n');
    }
    return b.toString();
  }
}
