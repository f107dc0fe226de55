package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.ParamDef;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each value {@code generate} writes has the type of the annotation member it is written to. */
class ModelSourceWriterTest {
  /** The Java type {@link ModelSourceWriter} writes a parameter's value as. */
  private static Class<?> written(ParamDef d) throws ClassNotFoundException {
    return switch (d.type()) {
      case INT -> int.class;
      case DOUBLE -> double.class;
      case BOOLEAN -> boolean.class;
      case STRING -> String.class;
      case INTS -> d.lengths().equals(List.of(1)) ? int.class : int[].class;
      case REGULARIZER -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Regularizer");
      case ACTIVATION -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Activation");
      case INITIALIZER -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Initializer");
      case CONSTRAINT -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Constraint");
      case FAN_MODE, DISTRIBUTION ->
          throw new AssertionError("no layer takes " + d.type() + " itself: " + d.name());
      case PADDING -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Padding");
      case DTYPE -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".DType");
      case MERGE_MODE -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".MergeMode");
      case LONG -> long.class;
      case STRINGS -> String[].class;
      case DOUBLES -> double[].class;
      case LONGS -> long[].class;
      case STANDARDIZE -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Standardize");
      case SPLIT -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".Split");
      case OUTPUT_MODE -> Class.forName(ModelSourceWriter.ANNOTATIONS + ".OutputMode");
      case SCHEDULE ->
          throw new AssertionError("no layer takes a learning-rate schedule: " + d.name());
    };
  }

  @Test
  void everyParameterIsWrittenWithItsAnnotationMembersType() throws Exception {
    int checked = 0;
    for (LayerKind kind : LayerKind.values()) {
      Class<?> annotation =
          Class.forName(ModelSourceWriter.ANNOTATIONS + "." + kind.annotationName());
      for (ParamDef d : kind.params()) {
        if (kind == LayerKind.INPUT && d.name().equals("inputShape")
            || kind == LayerKind.BIDIRECTIONAL && LayerKind.COMMON.contains(d)) {
          continue; // an Input's shape is its 'shape'; Bidirectional's common ones go on the
          // wrapped layer's annotation
        }
        String member = kind.annotationElement(d.name());
        Method m = annotation.getMethod(member);
        assertEquals(m.getReturnType(), written(d), annotation.getSimpleName() + "." + member);
        checked++;
      }
    }
    assertTrue(checked > 100, "checked " + checked);
  }

  @Test
  void initializersAndConstraintsAreWrittenWithTheirTypeAndNonDefaultArguments() {
    LayerSpec dense =
        new LayerSpec(
            "d",
            LayerKind.DENSE,
            List.of(),
            Map.of(
                "units",
                2,
                "inputShape",
                List.of(3),
                "kernelInitializer",
                io.github.kestimator.model.Initializer.of(
                    io.github.kestimator.model.InitializerType.RANDOM_NORMAL,
                    Map.of("stddev", 0.3, "seed", 2147483653L)),
                "biasInitializer",
                io.github.kestimator.model.Initializer.ONES,
                "kernelConstraint",
                io.github.kestimator.model.Constraint.of(
                    io.github.kestimator.model.ConstraintType.MAX_NORM,
                    Map.of("axis", List.of(0, 1)))),
            null);
    String source =
        ModelSourceWriter.write(
            "p",
            "M",
            new ModelSpec(
                "m",
                List.of(dense),
                new CompileSpec(
                    OptimizerSpec.of(OptimizerType.ADAM),
                    Loss.MEAN_SQUARED_ERROR,
                    false,
                    List.of())),
            "m.keras");
    assertTrue(
        source.contains(
            "kernelInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0.3,"
                + " seed = 2147483653L), biasInitializer = @Initializer(InitializerType.ONES),"
                + " kernelConstraint = @Constraint(value = ConstraintType.MAX_NORM, axis = {0, 1})"),
        source);
    assertTrue(source.contains("import io.github.kestimator.annotations.InitializerType;"), source);
  }

  @Test
  void keras3sOneElementListsOfOneDimensionalLayersAreWrittenAsInts() {
    LayerSpec conv =
        new LayerSpec(
            "conv1d",
            LayerKind.CONV1D,
            List.of(),
            Map.of(
                "filters",
                4L,
                "kernelSize",
                List.of(5L),
                "strides",
                List.of(2L),
                "dilationRate",
                List.of(1L),
                "inputShape",
                List.of(20, 3)),
            null);
    LayerSpec pool =
        new LayerSpec(
            "pool",
            LayerKind.MAX_POOLING1D,
            List.of(),
            Map.of("poolSize", List.of(3L), "strides", List.of(1L)),
            null);
    String source =
        ModelSourceWriter.write(
            "p",
            "M",
            new ModelSpec(
                "m",
                List.of(conv, pool),
                new CompileSpec(
                    OptimizerSpec.of(OptimizerType.ADAM),
                    Loss.MEAN_SQUARED_ERROR,
                    false,
                    List.of())),
            "m.keras");
    assertTrue(
        source.contains(
            "@Conv1D(filters = 4, kernelSize = 5, strides = 2, inputShape = {20, 3}) Layer conv1d;"),
        source);
    assertTrue(source.contains("@MaxPooling1D(poolSize = 3, strides = {1}) Layer pool;"), source);
  }
}
