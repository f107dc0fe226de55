package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One mistake per test: the compilation fails with the stable id and message, on the line of the
 * element that caused it, and generates nothing.
 */
class ModelErrorsTest {

  /** Compiles {@code lines} as test/Bad.java and expects {@code message} on the line containing {@code line}. */
  private static Compilation assertError(String message, String line, String... lines) {
    JavaFileObject source = Models.source("Bad", lines);
    Compilation compilation = Models.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
    return compilation;
  }

  @Test
  void fromNamingNoLayerSuggestsTheClosest() {
    assertError("[KerasUnknownLayer] layer 'out' takes input from 'featurs', but the model has no layer of that name;"
            + " did you mean 'features'?", "from = \"featurs\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Input(shape = {8}) Layer features;",
        "  @Dense(units = 1, activation = SIGMOID,",
        "      from = \"featurs\") Layer out;",
        "}");
  }

  @Test
  void duplicateLayerNameIsReportedOnTheSecond() {
    assertError("[KerasDuplicateLayer] duplicate layer name 'hidden'", "name = \"hidden\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 8, inputShape = 4) Layer hidden;",
        "  @Dense(units = 1, activation = SIGMOID, name = \"hidden\") Layer out;",
        "}");
  }

  @Test
  void invalidLayerName() {
    assertError("[KerasInvalidName] layer name 'my layer' cannot be used", "name = \"my layer\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dense(units = 1, activation = SIGMOID,",
        "      name = \"my layer\") Layer out;",
        "}");
  }

  @Test
  void lstmAfterTwoDimensionalOutput() {
    assertError("[KerasShape] LSTM layer 'lstm' expects 3-D input (batch, timesteps, features), but 'hidden' gives (None, 8)",
        "Layer lstm;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 8, inputShape = 4) Layer hidden;",
        "  @LSTM(units = 4) Layer lstm;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void conv2dOnOneDimensionalInput() {
    assertError("[KerasShape] Conv2D layer 'conv' expects 4-D input (batch, rows, cols, channels), but 'conv_input' gives"
            + " (None, 32)", "Layer conv;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Conv2D(filters = 4, kernelSize = 3, inputShape = 32) Layer conv;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void embeddingOnFloatInput() {
    assertError("[KerasShape] Embedding layer 'embedding' needs integer token ids, but 'tokens' gives float32",
        "Layer embedding;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Input(shape = 10) Layer tokens;",
        "  @Embedding(inputDim = 100, outputDim = 8) Layer embedding;",
        "  @Flatten Layer flat;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void binaryCrossentropyOnSoftmax() {
    assertError("[KerasLoss] BINARY_CROSSENTROPY does not fit output 'out' (None, 10) with softmax activation",
        "loss = BINARY_CROSSENTROPY",
        "@KerasModel",
        "@Compile(",
        "    loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 10, activation = SOFTMAX, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void sparseCategoricalOnOneSigmoidUnit() {
    assertError("[KerasLoss] SPARSE_CATEGORICAL_CROSSENTROPY does not fit output 'out' (None, 1) with sigmoid activation:"
            + " it needs one output unit per class", "loss = SPARSE_CATEGORICAL_CROSSENTROPY",
        "@KerasModel",
        "@Compile(",
        "    loss = SPARSE_CATEGORICAL_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 1, activation = SIGMOID, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void aucOnMultiClassOutput() {
    assertError("[KerasMetric] AUC needs a binary (or multi-label sigmoid) output, but output 'out' (None, 10) trained with"
            + " CATEGORICAL_CROSSENTROPY is multi-class", "metrics = Metric.AUC",
        "@KerasModel",
        "@Compile(loss = CATEGORICAL_CROSSENTROPY,",
        "    metrics = Metric.AUC)",
        "class Bad {",
        "  @Dense(units = 10, activation = SOFTMAX, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void emptyModel() {
    assertError("[KerasEmptyModel] model 'Bad' has no layers", "@KerasModel",
        "@KerasModel",
        "@Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "}");
  }

  @Test
  void noCompile() {
    assertError("[KerasNoCompile] model 'Bad' has no @Compile", "@KerasModel",
        "@KerasModel",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void zeroUnits() {
    assertError("[KerasBadParam] layer 'out' (Dense): units must be > 0, got 0", "units = 0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(inputShape = 4,",
        "      units = 0) Layer out;",
        "}");
  }

  @Test
  void dropoutRateOne() {
    assertError("[KerasBadParam] layer 'dropout' (Dropout): rate must be in [0.0, 1.0), got 1.0", "rate = 1.0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dropout(rate = 1.0) Layer dropout;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void dropoutRateNegative() {
    assertError("[KerasBadParam] layer 'dropout' (Dropout): rate must be >= 0.0, got -0.1", "rate = -0.1",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dropout(rate = -0.1) Layer dropout;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void aScheduleWithoutDecaySteps() {
    assertError("[KerasBadParam] optimizer schedule: ExponentialDecay needs decaySteps > 0, got 0.0",
        "schedule = @LearningRateSchedule(",
        "@KerasModel",
        "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(value = SGD,",
        "    schedule = @LearningRateSchedule(value = ScheduleType.EXPONENTIAL_DECAY, decayRate = 0.5)))",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void optimizerParameterInsideCompile() {
    assertError("[KerasBadParam] optimizer momentum must be in [0.0, 1.0), got 1.5", "momentum = 1.5",
        "@KerasModel",
        "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(value = SGD,",
        "    momentum = 1.5))",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void privateModelClass() {
    assertError("[KerasModelAccess] model class 'test.Outer.Bad' is private", "class Bad",
        "class Outer {",
        "  @KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "  private static class Bad {",
        "    @Dense(units = 1, inputShape = 4) Layer out;",
        "  }",
        "}");
  }

  @Test
  void innerModelClass() {
    assertError("[KerasModelAccess] model class 'test.Outer.Bad' is an inner class", "class Bad",
        "class Outer {",
        "  @KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "  class Bad {",
        "    @Dense(units = 1, inputShape = 4) Layer out;",
        "  }",
        "}");
  }

  @Test
  void generatedNameTaken() {
    JavaFileObject model = Models.source("Sentiment", Models.SENTIMENT);
    JavaFileObject taken = Models.source("SentimentFeatures", "class SentimentFeatures {}");
    Compilation compilation = Models.compile(model, taken);
    assertThat(compilation).hadErrorContaining("[KerasGeneratedNameTaken] type test.SentimentFeatures already exists, but"
        + " the processor generates it for model class 'Sentiment'").inFile(model).onLineContaining("class Sentiment");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void layerFieldWithoutAnnotation() {
    assertError("[KerasNoLayerAnnotation] field 'hidden' is a Layer but has no layer annotation", "Layer hidden;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  Layer hidden;",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void twoLayerAnnotationsOnOneField() {
    assertError("[KerasTwoLayerAnnotations] field 'out' has 2 layer annotations (@Dense, @Dropout)", "@Dropout",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4)",
        "  @Dropout(rate = 0.1)",
        "  Layer out;",
        "}");
  }

  @Test
  void layerAnnotationOnNonLayerField() {
    assertError("[KerasLayerFieldType] @Dense is on field 'out' of type java.lang.String", "Dense",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) String out;",
        "}");
  }

  @Test
  void bidirectionalWithoutRecurrentLayer() {
    assertError("[KerasBidirectional] Bidirectional layer 'bi' must wrap an LSTM, GRU or SimpleRNN on the same field",
        "Layer bi;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Bidirectional @Dense(units = 1, inputShape = {4, 8}) Layer bi;",
        "}");
  }

  @Test
  void loneBidirectional() {
    assertError("[KerasBidirectional] Bidirectional layer 'bi' must wrap an LSTM, GRU or SimpleRNN on the same field",
        "Layer bi;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Input(shape = {4, 8}) Layer in;",
        "  @Bidirectional Layer bi;",
        "}");
  }

  @Test
  void wrappedLayerParameterIsReportedOnItsAnnotation() {
    assertError("[KerasBadParam] layer 'bi' (Bidirectional): units must be > 0, got 0", "units = 0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Bidirectional(mergeMode = MergeMode.SUM)",
        "  @LSTM(inputShape = {4, 8},",
        "      units = 0) Layer bi;",
        "}");
  }

  @Test
  void reservedRecordComponentName() {
    assertError("[KerasGeneratedName] output 'hashCode' cannot be a component of the generated record BadLabels", "hashCode",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer hashCode;",
        "}");
  }
}
