package io.github.kestimator.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.model.Shape;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes the four records of a model: features (named as the model's inputs are fed), labels and
 * predictions (named after the output layers) and metrics. Array and {@code String} components are
 * checked for null (and arrays for length) when a record is made, so a wrong example fails where it
 * is built, naming the value.
 */
final class RecordWriter {
  private final Model model;
  private final GeneratedTypes names;

  RecordWriter(Model model, GeneratedTypes names) {
    this.model = model;
    this.names = names;
  }

  TypeSpec.Builder features() {
    RecordBuilder b =
        new RecordBuilder(
            names.features(),
            "The features of one example of model {@code "
                + model.name()
                + "}:\none component per model input, named as the input's feature (the TensorFlow placeholder,\nthe SavedModel"
                + " signature input and the CSV or TFRecord column carry the same name).");
    for (Feature f : model.features()) {
      b.component(
          "feature",
          f.name(),
          f.dtype(),
          f.shape(),
          "feeds layer {@code " + InputLayers.userLayer(model, f.layer()) + "}");
    }
    return b.build();
  }

  TypeSpec.Builder labels() {
    RecordBuilder b =
        new RecordBuilder(
            names.labels(),
            "The labels of one example of model {@code "
                + model.name()
                + "}:\none component per output layer, what "
                + (model.compile().perOutput()
                    ? "that output's loss"
                    : "the loss ({@code " + model.compile().loss().keras() + "})")
                + " compares that output with.");
    for (Output o : model.outputs()) {
      b.component(
          "label",
          o.layer(),
          o.labelDtype(),
          o.labelShape(),
          o.labelDtype() == DType.INT32
              ? "the class id, in [0, " + o.shape().dim(-1) + ")"
              : "the target of output {@code "
                  + o.layer()
                  + "}"
                  + (model.compile().perOutput()
                      ? " ({@code " + lossOf(o).loss().keras() + "})"
                      : ""));
    }
    return b.build();
  }

  TypeSpec.Builder predictions() {
    RecordBuilder b =
        new RecordBuilder(
            names.predictions(),
            "The predictions of model {@code "
                + model.name()
                + "} for one example: one component per output layer.");
    for (Output o : model.outputs()) {
      b.component(
          "prediction",
          o.layer(),
          DType.FLOAT32,
          o.shape(),
          "output of layer {@code "
              + o.layer()
              + "} ("
              + o.activation().name().toLowerCase(java.util.Locale.ROOT)
              + " activation)");
    }
    return b.build();
  }

  TypeSpec.Builder metrics() {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(double.class, "loss");
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The result of evaluating model {@code $L}: the loss, each compiled metric, the global step.\n\n",
                model.name())
            .add("@param loss the mean loss ($L)\n", totalLoss());
    List<String> lossKeys = model.outputLossKeys();
    for (int i = 0; i < lossKeys.size(); i++) {
      String name = Names.camel(lossKeys.get(i));
      OutputLoss l = model.losses().get(i);
      ctor.addParameter(double.class, name);
      doc.add(
          "@param $L Keras' {@code $L}: the mean loss of output {@code $L} ({@code $L}$L)\n",
          name,
          lossKeys.get(i),
          l.output(),
          l.loss().keras(),
          l.weight() == 1.0 ? "" : ", weighted " + l.weight() + " in the total");
    }
    for (CompiledMetric m : model.metrics()) {
      String name = Names.camel(m.key());
      ctor.addParameter(double.class, name);
      doc.add(
          "@param $L Keras' {@code $L} ($L) on output {@code $L}\n",
          name,
          m.key(),
          m.kind(),
          m.output());
    }
    ctor.addParameter(long.class, "globalStep");
    doc.add("@param globalStep the global step of the checkpoint evaluated\n");
    return TypeSpec.recordBuilder(names.metrics())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc.build())
        .recordConstructor(ctor.build());
  }

  /** What the total loss is, for the metrics record's javadoc. */
  private String totalLoss() {
    if (!model.compile().perOutput()) {
      return "{@code " + model.compile().loss().keras() + "}";
    }
    return "the sum over outputs of {@code weight * loss}";
  }

  private OutputLoss lossOf(Output o) {
    return model.losses().get(model.outputs().indexOf(o));
  }

  /** A record whose array components are checked in a compact constructor. */
  private static final class RecordBuilder {
    private final ClassName name;
    private final MethodSpec.Builder ctor =
        MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    private final CodeBlock.Builder doc = CodeBlock.builder();
    private boolean checks;

    RecordBuilder(ClassName name, String javadoc) {
      this.name = name;
      doc.add("$L\n\n", javadoc);
    }

    void component(String role, String component, DType dtype, Shape shape, String meaning) {
      TypeName type = GeneratedTypes.component(dtype, shape);
      ctor.addParameter(ParameterSpec.builder(type, component).build());
      if (type instanceof ArrayTypeName) {
        checks = true;
        ctor.addStatement("$T.requireNonNull($L, $S)", Objects.class, component, component);
        ctor.beginControlFlow("if ($L.length != $L)", component, shape.size());
        ctor.addStatement(
            "throw new $T($S + $L.length)",
            IllegalArgumentException.class,
            role
                + " '"
                + component
                + "' expects "
                + shape.size()
                + " values (shape "
                + shape
                + "), got ",
            component);
        ctor.endControlFlow();
        doc.add(
            "@param $L $L, {@code $L}, shape {@code $L}, $L values row-major\n",
            component,
            meaning,
            dtype.keras(),
            shape,
            shape.size());
      } else {
        if (dtype == DType.STRING) {
          checks = true;
          ctor.addStatement("$T.requireNonNull($L, $S)", Objects.class, component, component);
        }
        doc.add("@param $L $L, {@code $L}, one value\n", component, meaning, dtype.keras());
      }
    }

    TypeSpec.Builder build() {
      MethodSpec constructor = ctor.build();
      if (!checks) {
        // Nothing to check: a canonical constructor without a body keeps the record plain.
        constructor =
            MethodSpec.constructorBuilder().addParameters(constructor.parameters()).build();
      }
      return TypeSpec.recordBuilder(name)
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc(doc.build())
          .recordConstructor(constructor);
    }
  }
}
