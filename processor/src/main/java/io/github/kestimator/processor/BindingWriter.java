package io.github.kestimator.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import io.github.kestimator.model.format.ModelSpecJson;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooBinding}, the runtime's typed glue, package-private so that only the generated
 * estimator and predictor beside it see it: a {@code GeneratedBinding} handed the validated spec as
 * {@link ModelSpecJson} text, so generated code names no model class, and the copies between the
 * generated records and the runtime's untyped buffers. Feature slots follow {@link
 * Model#features()}, label and output slots follow {@link Model#outputs()}.
 */
final class BindingWriter {
  private static final String RUNTIME = "io.github.kestimator.runtime.binding";
  private static final ClassName GENERATED_BINDING = ClassName.get(RUNTIME, "GeneratedBinding");

  /**
   * Characters of the spec's JSON per string constant: javac takes at most 65,535 bytes in one, and
   * the text is ASCII. A larger model's spec is passed in parts.
   */
  static final int MAX_PART = 30_000;

  private static final ClassName TENSOR_BATCH = ClassName.get(RUNTIME, "TensorBatch");
  private static final ClassName COLUMN_READER = ClassName.get(RUNTIME, "ColumnReader");
  private static final ClassName OUTPUT_BATCH = ClassName.get(RUNTIME, "OutputBatch");
  private static final ClassName METRIC_VALUES = ClassName.get(RUNTIME, "MetricValues");

  private final ModelSpec spec;
  private final Model model;
  private final GeneratedTypes names;
  private final String weights;

  /**
   * @param weights the starting weights' class path resource ({@code @KerasModel(weights = ...)}),
   *     or null
   */
  BindingWriter(ModelSpec spec, Model model, GeneratedTypes names, String weights) {
    this.spec = spec;
    this.model = model;
    this.names = names;
    this.weights = weights;
  }

  TypeSpec.Builder binding() {
    TypeSpec.Builder b = bindingWithoutWeights();
    if (weights != null) {
      b.addMethod(
          override("initialWeightsResource", String.class)
              .addJavadoc(
                  "From {@code @KerasModel(weights = ...)}: the runtime warm-starts a fresh model directory from it.\n")
              .addStatement("return $S", weights)
              .build());
    }
    return b;
  }

  private TypeSpec.Builder bindingWithoutWeights() {
    TypeName self = names.binding();
    List<CodeBlock> parts =
        parts(ModelSpecJson.write(spec), MAX_PART).stream()
            .map(p -> CodeBlock.of("$S", p))
            .toList();
    return TypeSpec.classBuilder(names.binding())
        .addModifiers(Modifier.FINAL)
        .superclass(
            ParameterizedTypeName.get(
                GENERATED_BINDING,
                names.features(),
                names.labels(),
                names.predictions(),
                names.metrics()))
        .addJavadoc(
            "Binds model {@code $L} to the runtime for {@link $T} and\n{@link $T}: the model as the annotation"
                + " processor validated it, and the copies\nbetween the records and the runtime's buffers.\n",
            model.name(),
            names.estimator(),
            names.predictor())
        .addField(
            FieldSpec.builder(self, "INSTANCE", Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T()", self)
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement("super($L)", arguments(parts))
                .build())
        .addMethod(writeFeatures())
        .addMethod(writeLabels())
        .addMethod(readFeatures())
        .addMethod(readLabels())
        .addMethod(prediction())
        .addMethod(metrics());
  }

  /** {@code text} cut into parts of at most {@code max} characters, after a line where one fits. */
  static List<String> parts(String text, int max) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (text.length() - start > max) {
      int cut = text.lastIndexOf('\n', start + max - 1);
      int end = cut >= start ? cut + 1 : start + max;
      parts.add(text.substring(start, end));
      start = end;
    }
    parts.add(text.substring(start));
    return parts;
  }

  private MethodSpec writeFeatures() {
    MethodSpec.Builder m =
        override("writeFeatures", void.class)
            .addParameter(names.features(), "features")
            .addParameter(TENSOR_BATCH, "batch")
            .addParameter(int.class, "row");
    List<Feature> features = model.features();
    for (int i = 0; i < features.size(); i++) {
      m.addStatement("batch.put($L, row, features.$L())", i, features.get(i).name());
    }
    return m.build();
  }

  private MethodSpec writeLabels() {
    MethodSpec.Builder m =
        override("writeLabels", void.class)
            .addParameter(names.labels(), "labels")
            .addParameter(TENSOR_BATCH, "batch")
            .addParameter(int.class, "row");
    List<Output> outputs = model.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      m.addStatement("batch.put($L, row, labels.$L())", i, outputs.get(i).layer());
    }
    return m.build();
  }

  private MethodSpec readFeatures() {
    List<CodeBlock> args = new ArrayList<>();
    for (Feature f : model.features()) {
      args.add(read(f.name(), f.dtype(), f.shape()));
    }
    return override("readFeatures", names.features())
        .addParameter(COLUMN_READER, "columns")
        .addStatement("return new $T($L)", names.features(), arguments(args))
        .build();
  }

  private MethodSpec readLabels() {
    List<CodeBlock> args = new ArrayList<>();
    for (Output o : model.outputs()) {
      args.add(read(o.layer(), o.labelDtype(), o.labelShape()));
    }
    return override("readLabels", names.labels())
        .addParameter(COLUMN_READER, "columns")
        .addStatement("return new $T($L)", names.labels(), arguments(args))
        .build();
  }

  private static CodeBlock read(String column, DType dtype, Shape shape) {
    String one =
        switch (dtype) {
          case INT32 -> "getInt";
          case INT64 -> "getLong";
          case STRING -> "getString";
          case FLOAT32 -> "getFloat";
        };
    return GeneratedTypes.single(shape)
        ? CodeBlock.of("columns.$L($S)", one, column)
        : CodeBlock.of("columns.$Ls($S, $L)", one, column, shape.size());
  }

  private MethodSpec prediction() {
    List<CodeBlock> args = new ArrayList<>();
    List<Output> outputs = model.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      args.add(
          CodeBlock.of(
              "outputs.$L($L, row)",
              GeneratedTypes.single(outputs.get(i).shape()) ? "getFloat" : "getFloats",
              i));
    }
    return override("prediction", names.predictions())
        .addParameter(OUTPUT_BATCH, "outputs")
        .addParameter(int.class, "row")
        .addStatement("return new $T($L)", names.predictions(), arguments(args))
        .build();
  }

  private MethodSpec metrics() {
    List<CodeBlock> args = new ArrayList<>();
    args.add(CodeBlock.of("values.get($S)", "loss"));
    for (String key : model.outputLossKeys()) {
      args.add(CodeBlock.of("values.get($S)", key));
    }
    for (CompiledMetric m : model.metrics()) {
      args.add(CodeBlock.of("values.get($S)", m.key()));
    }
    args.add(CodeBlock.of("values.globalStep()"));
    return override("metrics", names.metrics())
        .addParameter(METRIC_VALUES, "values")
        .addStatement("return new $T($L)", names.metrics(), arguments(args))
        .build();
  }

  /** Constructor arguments, one per line when there are several. */
  private static CodeBlock arguments(List<CodeBlock> args) {
    return args.size() == 1 ? args.get(0) : CodeBlock.of("\n$L", CodeBlock.join(args, ",\n"));
  }

  private static MethodSpec.Builder override(String name, Object returns) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
    return returns instanceof TypeName t ? m.returns(t) : m.returns((Class<?>) returns);
  }
}
