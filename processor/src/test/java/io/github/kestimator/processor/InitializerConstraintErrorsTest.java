package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Initializer} and {@code @Constraint} values: an argument the chosen type does not take,
 * or a value out of range, is one error on the element that holds it; a model using each type with
 * its arguments compiles.
 */
class InitializerConstraintErrorsTest {

  /**
   * Compiles a one-Dense model whose annotation ends with {@code element} and expects one error.
   */
  private static void assertDenseError(String message, String element) {
    JavaFileObject source =
        Models.source(
            "Bad",
            "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
            "class Bad {",
            "  @Dense(units = 3, inputShape = 4,",
            "      " + element + ") Layer out;",
            "}");
    Compilation compilation = Models.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(element);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anArgumentTheInitializerDoesNotTakeNamesWhoTakesIt() {
    assertDenseError(
        "[KerasUnknownParam] layer 'out' (Dense): kernelInitializer: ZEROS takes no parameter"
            + " 'stddev' (RANDOM_NORMAL and TRUNCATED_NORMAL take it); ZEROS takes no parameters",
        "kernelInitializer = @Initializer(value = InitializerType.ZEROS, stddev = 0.3)");
    assertDenseError(
        "[KerasUnknownParam] layer 'out' (Dense): biasInitializer: HE_NORMAL takes no parameter"
            + " 'gain' (ORTHOGONAL and IDENTITY take it); HE_NORMAL takes seed",
        "biasInitializer = @Initializer(value = InitializerType.HE_NORMAL, gain = 2)");
  }

  @Test
  void outOfRangeInitializerArguments() {
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelInitializer: RANDOM_NORMAL stddev must be > 0.0,"
            + " got 0.0",
        "kernelInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, stddev = 0)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelInitializer: ORTHOGONAL gain must be > 0.0, got"
            + " -1.5",
        "kernelInitializer = @Initializer(value = InitializerType.ORTHOGONAL, gain = -1.5)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelInitializer: RANDOM_UNIFORM minval must be <="
            + " maxval, got minval = 0.5 and maxval = 0.1",
        "kernelInitializer = @Initializer(value = InitializerType.RANDOM_UNIFORM, minval = 0.5,"
            + " maxval = 0.1)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelInitializer: TRUNCATED_NORMAL mean: expected a"
            + " number, got NaN",
        "kernelInitializer = @Initializer(value = InitializerType.TRUNCATED_NORMAL, mean ="
            + " Double.NaN)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelInitializer: VARIANCE_SCALING scale must be >"
            + " 0.0, got 0.0",
        "kernelInitializer = @Initializer(value = InitializerType.VARIANCE_SCALING, scale = 0)");
  }

  @Test
  void anInitializerThatCannotFillTheWeight() {
    assertDenseError(
        "[KerasBadParam] Dense layer 'out' has an Orthogonal initializer for its weight 'bias' of shape"
            + " [3]:"
            + " Orthogonal fills weights of at least 2 dimensions",
        "biasInitializer = @Initializer(InitializerType.ORTHOGONAL)");
  }

  /** The moving statistics' initializers are checked as the trainable weights' are. */
  @Test
  void aMovingStatisticInitializerThatCannotFillItsWeight() {
    String element = "movingMeanInitializer = @Initializer(InitializerType.IDENTITY)";
    JavaFileObject source =
        Models.source(
            "Bad",
            "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
            "class Bad {",
            "  @Dense(units = 3, inputShape = 4) Layer hidden;",
            "  @BatchNormalization(" + element + ") Layer out;",
            "}");
    Compilation compilation = Models.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[KerasBadParam] BatchNormalization layer 'out' has an Identity initializer for its"
                + " weight 'moving_mean' of shape [3]: Identity fills 2-D weights only")
        .inFile(source)
        .onLineContaining(element);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void constraintArgumentsAndAxes() {
    assertDenseError(
        "[KerasUnknownParam] layer 'out' (Dense): kernelConstraint: NON_NEG takes no parameter 'axis'"
            + " (MAX_NORM, UNIT_NORM and MIN_MAX_NORM take it); NON_NEG takes no parameters",
        "kernelConstraint = @Constraint(value = ConstraintType.NON_NEG, axis = 1)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelConstraint: MIN_MAX_NORM rate must be in [0.0,"
            + " 1.0], got 1.5",
        "kernelConstraint = @Constraint(value = ConstraintType.MIN_MAX_NORM, rate = 1.5)");
    assertDenseError(
        "[KerasBadParam] layer 'out' (Dense): kernelConstraint: MIN_MAX_NORM minValue must be <="
            + " maxValue, got minValue = 2.0 and maxValue = 1.0",
        "kernelConstraint = @Constraint(value = ConstraintType.MIN_MAX_NORM, minValue = 2,"
            + " maxValue = 1)");
    assertDenseError(
        "[KerasBadParam] Dense layer 'out' has a UnitNorm constraint over axis 2, but its weight"
            + " 'kernel' has shape [4, 3] (axes 0 to 1, or negative from the end)",
        "kernelConstraint = @Constraint(value = ConstraintType.UNIT_NORM, axis = 2)");
  }

  /** README's example, with the static imports it names. */
  @Test
  void theReadmeExampleCompiles() {
    JavaFileObject source =
        com.google.testing.compile.JavaFileObjects.forSourceLines(
            "test.Readme",
            "package test;",
            "import io.github.kestimator.annotations.*;",
            "import static io.github.kestimator.annotations.Activation.*;",
            "import static io.github.kestimator.annotations.Loss.*;",
            "import static io.github.kestimator.annotations.InitializerType.*;",
            "import static io.github.kestimator.annotations.FanMode.*;",
            "import static io.github.kestimator.annotations.ConstraintType.*;",
            "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
            "class Readme {",
            "  @Input(shape = 8) Layer features;",
            "  @Dense(units = 64, activation = RELU,",
            "      kernelInitializer = @Initializer(value = VARIANCE_SCALING, scale = 2, mode = FAN_OUT,"
                + " seed = 5),",
            "      biasInitializer = @Initializer(value = CONSTANT, constant = 0.1),",
            "      kernelConstraint = @Constraint(value = MAX_NORM, maxValue = 3))",
            "  Layer hidden;",
            "  @Dense(units = 1) Layer out;",
            "}");
    assertThat(Models.compile(source)).succeededWithoutWarnings();
  }

  @Test
  void everyInitializerAndConstraintWithItsArgumentsCompiles() {
    JavaFileObject source =
        Models.source(
            "Good",
            "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(SGD))",
            "class Good {",
            "  @Input(shape = {8}) Layer features;",
            "  @Dense(units = 7, useBias = false,",
            "      kernelInitializer = @Initializer(value = InitializerType.RANDOM_NORMAL, mean = 0.1,"
                + " stddev = 0.3, seed = 3)) Layer a;",
            "  @Dense(units = 6, kernelInitializer = @Initializer(value ="
                + " InitializerType.TRUNCATED_NORMAL, stddev = 0.2),",
            "      biasInitializer = @Initializer(value = InitializerType.CONSTANT, constant = 0.1),",
            "      kernelConstraint = @Constraint(value = ConstraintType.MAX_NORM, maxValue = 2.0))"
                + " Layer b;",
            "  @Dense(units = 5, kernelInitializer = @Initializer(value ="
                + " InitializerType.VARIANCE_SCALING, scale = 2, mode = FanMode.FAN_OUT,"
                + " distribution = Distribution.UNIFORM, seed = 5),",
            "      kernelConstraint = @Constraint(ConstraintType.NON_NEG)) Layer c;",
            "  @Dense(units = 4, kernelInitializer = @Initializer(value ="
                + " InitializerType.RANDOM_UNIFORM, minval = -0.3, maxval = 0.3),",
            "      kernelConstraint = @Constraint(value = ConstraintType.UNIT_NORM, axis = {0})) Layer d;",
            "  @Dense(units = 4, kernelInitializer = @Initializer(value = InitializerType.IDENTITY,"
                + " gain = 2),",
            "      biasConstraint = @Constraint(value = ConstraintType.MIN_MAX_NORM, minValue = 0.5,"
                + " maxValue = 1.5, rate = 0.5)) Layer e;",
            "  @Dense(units = 3, kernelInitializer = @Initializer(value = InitializerType.ORTHOGONAL,"
                + " gain = 1.5, seed = 7),",
            "      kernelConstraint = @Constraint(value = ConstraintType.MAX_NORM, axis = -1)) Layer f;",
            "}");
    assertThat(Models.compile(source)).succeededWithoutWarnings();
  }
}
