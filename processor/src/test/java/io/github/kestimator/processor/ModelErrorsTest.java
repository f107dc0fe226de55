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

  /**
   * Compiles {@code lines} as test/Bad.java and expects {@code message} on the line containing
   * {@code line}.
   */
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
    assertError(
        "[KerasUnknownLayer] layer 'out' takes input from 'featurs', but the model has no layer of that name;"
            + " did you mean 'features'?",
        "from = \"featurs\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Input(shape = {8}) Layer features;",
        "  @Dense(units = 1, activation = SIGMOID,",
        "      from = \"featurs\") Layer out;",
        "}");
  }

  @Test
  void duplicateLayerNameIsReportedOnTheSecond() {
    assertError(
        "[KerasDuplicateLayer] duplicate layer name 'hidden'",
        "name = \"hidden\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 8, inputShape = 4) Layer hidden;",
        "  @Dense(units = 1, activation = SIGMOID, name = \"hidden\") Layer out;",
        "}");
  }

  @Test
  void invalidLayerName() {
    assertError(
        "[KerasInvalidName] layer name 'my layer' cannot be used",
        "name = \"my layer\"",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dense(units = 1, activation = SIGMOID,",
        "      name = \"my layer\") Layer out;",
        "}");
  }

  @Test
  void aMaskReachingBatchNormalizationIsReportedOnIt() {
    assertError(
        "[KerasMask] BatchNormalization layer 'norm' receives a mask from 'words' (an Embedding with"
            + " maskZero or a Masking layer upstream): Keras' BatchNormalization computes its batch"
            + " statistics over unmasked steps only",
        "Layer norm;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Embedding(inputDim = 50, outputDim = 8, inputLength = 10, maskZero = true) Layer words;",
        "  @BatchNormalization Layer norm;",
        "  @LSTM(units = 4) Layer lstm;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void anOutputCarryingAMaskIsReportedOnIt() {
    assertError(
        "[KerasMask] Dense layer 'out' is an output that carries a mask",
        "Layer out;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Masking(inputShape = {10, 3}) Layer padded;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void lstmAfterTwoDimensionalOutput() {
    assertError(
        "[KerasShape] LSTM layer 'lstm' expects 3-D input (batch, timesteps, features), but 'hidden' gives (None, 8)",
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
    assertError(
        "[KerasShape] Conv2D layer 'conv' expects 4-D input (batch, rows, cols, channels), but 'conv_input' gives"
            + " (None, 32)",
        "Layer conv;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Conv2D(filters = 4, kernelSize = 3, inputShape = 32) Layer conv;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void embeddingOnFloatInput() {
    assertError(
        "[KerasShape] Embedding layer 'embedding' needs integer token ids, but 'tokens' gives float32",
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
    assertError(
        "[KerasLoss] BINARY_CROSSENTROPY does not fit output 'out' (None, 10) with softmax activation",
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
    assertError(
        "[KerasLoss] SPARSE_CATEGORICAL_CROSSENTROPY does not fit output 'out' (None, 1) with sigmoid activation:"
            + " it needs one output unit per class",
        "loss = SPARSE_CATEGORICAL_CROSSENTROPY",
        "@KerasModel",
        "@Compile(",
        "    loss = SPARSE_CATEGORICAL_CROSSENTROPY)",
        "class Bad {",
        "  @Dense(units = 1, activation = SIGMOID, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void aucOnMultiClassOutput() {
    assertError(
        "[KerasMetric] AUC needs a binary (or multi-label sigmoid) output, but output 'out' (None, 10) trained with"
            + " CATEGORICAL_CROSSENTROPY is multi-class",
        "metrics = Metric.AUC",
        "@KerasModel",
        "@Compile(loss = CATEGORICAL_CROSSENTROPY,",
        "    metrics = Metric.AUC)",
        "class Bad {",
        "  @Dense(units = 10, activation = SOFTMAX, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void emptyModel() {
    assertError(
        "[KerasEmptyModel] model 'Bad' has no layers",
        "@KerasModel",
        "@KerasModel",
        "@Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "}");
  }

  @Test
  void noCompile() {
    assertError(
        "[KerasNoCompile] model 'Bad' has no @Compile",
        "@KerasModel",
        "@KerasModel",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void zeroUnits() {
    assertError(
        "[KerasBadParam] layer 'out' (Dense): units must be > 0, got 0",
        "units = 0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(inputShape = 4,",
        "      units = 0) Layer out;",
        "}");
  }

  @Test
  void dropoutRateOne() {
    assertError(
        "[KerasBadParam] layer 'dropout' (Dropout): rate must be in [0.0, 1.0), got 1.0",
        "rate = 1.0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dropout(rate = 1.0) Layer dropout;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void dropoutRateNegative() {
    assertError(
        "[KerasBadParam] layer 'dropout' (Dropout): rate must be in [0.0, 1.0), got -0.1",
        "rate = -0.1",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 4, inputShape = 4) Layer hidden;",
        "  @Dropout(rate = -0.1) Layer dropout;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void aScheduleWithoutDecaySteps() {
    assertError(
        "[KerasBadParam] optimizer SGD: schedule: ExponentialDecay needs decaySteps > 0, got 0.0",
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
    assertError(
        "[KerasBadParam] optimizer SGD: momentum must be in [0.0, 1.0], got 1.5",
        "momentum = 1.5",
        "@KerasModel",
        "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(value = SGD,",
        "    momentum = 1.5))",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  /**
   * Compiles a one-layer model whose @Compile's optimizer is {@code @Optimizer(<first>, <second>)},
   * one per line.
   */
  private static void assertOptimizerError(
      String message, String line, String first, String second) {
    assertError(
        message,
        line,
        "@KerasModel",
        "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(" + first + ",",
        "    " + second + "))",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void sgdTakesNoBeta1() {
    assertOptimizerError(
        "[KerasUnknownParam] optimizer SGD takes no parameter 'beta1' (ADAM, ADAMW, ADAMAX and NADAM"
            + " take it); SGD takes learningRate, momentum, nesterov, clipNorm, clipValue, decay and schedule",
        "beta1 = 0.5",
        "value = SGD",
        "beta1 = 0.5");
  }

  @Test
  void adamTakesNoMomentum() {
    assertOptimizerError(
        "[KerasUnknownParam] optimizer ADAM takes no parameter 'momentum' (SGD and RMSPROP take it);"
            + " ADAM takes learningRate, beta1, beta2, epsilon, amsgrad, clipNorm, clipValue, decay and schedule",
        "momentum = 0.9",
        "value = ADAM",
        "momentum = 0.9");
  }

  @Test
  void theDefaultOptimizerAdamTakesNoRho() {
    assertOptimizerError(
        "[KerasUnknownParam] optimizer ADAM takes no parameter 'rho' (RMSPROP and ADADELTA take it)",
        "rho = 0.9",
        "learningRate = 0.01",
        "rho = 0.9");
  }

  @Test
  void negativeLearningRate() {
    assertOptimizerError(
        "[KerasBadParam] optimizer SGD: learningRate must be > 0.0, got -1.0",
        "learningRate = -1",
        "value = SGD",
        "learningRate = -1");
  }

  @Test
  void zeroLearningRate() {
    assertOptimizerError(
        "[KerasBadParam] optimizer ADAM: learningRate must be > 0.0, got 0.0",
        "learningRate = 0",
        "value = ADAM",
        "learningRate = 0");
  }

  @Test
  void beta1OfOne() {
    assertOptimizerError(
        "[KerasBadParam] optimizer ADAM: beta1 must be in [0.0, 1.0), got 1.0",
        "beta1 = 1.0",
        "value = ADAM",
        "beta1 = 1.0");
  }

  @Test
  void negativeMomentum() {
    assertOptimizerError(
        "[KerasBadParam] optimizer SGD: momentum must be in [0.0, 1.0], got -0.1",
        "momentum = -0.1",
        "value = SGD",
        "momentum = -0.1");
  }

  @Test
  void zeroEpsilonAndClipNorm() {
    assertOptimizerError(
        "[KerasBadParam] optimizer RMSPROP: epsilon must be > 0.0, got 0.0",
        "epsilon = 0",
        "value = RMSPROP",
        "epsilon = 0");
    assertOptimizerError(
        "[KerasBadParam] optimizer ADAGRAD: clipNorm must be > 0.0, got 0.0",
        "clipNorm = 0",
        "value = ADAGRAD",
        "clipNorm = 0");
  }

  @Test
  void positiveFtrlLearningRatePower() {
    assertOptimizerError(
        "[KerasBadParam] optimizer FTRL: learningRatePower must be <= 0.0, got 0.5",
        "learningRatePower = 0.5",
        "value = FTRL",
        "learningRatePower = 0.5");
  }

  @Test
  void aNaNLearningRate() {
    assertOptimizerError(
        "[KerasBadParam] optimizer SGD: learningRate: expected a number, got NaN",
        "learningRate = Double.NaN",
        "value = SGD",
        "learningRate = Double.NaN");
  }

  @Test
  void inputShapeOnTheSecondLayer() {
    assertError(
        "[KerasBadParam] layer 'out' (Dense): only the first layer of a sequential model takes inputShape (the"
            + " shape of the model's input); 'out' is fed by 'hidden', whose output shape it takes: remove inputShape"
            + " here",
        "inputShape = 8",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 8, inputShape = 4) Layer hidden;",
        "  @Dense(units = 1,",
        "      inputShape = 8) Layer out;",
        "}");
  }

  @Test
  void inputShapeOnALayerAfterAnInput() {
    assertError(
        "[KerasBadParam] layer 'lstm' (Bidirectional): only the first layer of a sequential model takes"
            + " inputShape",
        "inputShape = {4, 8}",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Input(shape = {4, 8}) Layer seq;",
        "  @Bidirectional @LSTM(units = 2,",
        "      inputShape = {4, 8}) Layer lstm;",
        "}");
  }

  @Test
  void inputNameOnALayerThatIsNotTheFirst() {
    assertError(
        "[KerasBadParam] layer 'out' (Dense): only the first layer of a sequential model takes inputName (the"
            + " feature feeding the model's input); 'out' is fed by 'age'",
        "inputName = \"score\"",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Input(shape = 1) Layer age;",
        "  @Dense(units = 1, from = \"age\",",
        "      inputName = \"score\") Layer out;",
        "}");
  }

  @Test
  void embeddingInputLengthMustMatchItsInput() {
    assertError(
        "[KerasShape] Embedding layer 'words' has inputLength = 10, but its input 'ids' gives (None, 20): a"
            + " given inputLength must be the length of the input sequence",
        "inputLength = 10",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Input(shape = 20, dtype = INT32) Layer ids;",
        "  @Embedding(inputDim = 100, outputDim = 4,",
        "      inputLength = 10) Layer words;",
        "  @Flatten Layer flat;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void privateModelClass() {
    assertError(
        "[KerasModelAccess] model class 'test.Outer.Bad' is private",
        "class Bad",
        "class Outer {",
        "  @KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "  private static class Bad {",
        "    @Dense(units = 1, inputShape = 4) Layer out;",
        "  }",
        "}");
  }

  @Test
  void innerModelClass() {
    assertError(
        "[KerasModelAccess] model class 'test.Outer.Bad' is an inner class",
        "class Bad",
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
    assertThat(compilation)
        .hadErrorContaining(
            "[KerasGeneratedNameTaken] type test.SentimentFeatures already exists, but"
                + " the processor generates it for model class 'Sentiment'")
        .inFile(model)
        .onLineContaining("class Sentiment");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void layerFieldWithoutAnnotation() {
    assertError(
        "[KerasNoLayerAnnotation] field 'hidden' is a Layer but has no layer annotation",
        "Layer hidden;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  Layer hidden;",
        "  @Dense(units = 1, inputShape = 4) Layer out;",
        "}");
  }

  @Test
  void twoLayerAnnotationsOnOneField() {
    assertError(
        "[KerasTwoLayerAnnotations] field 'out' has 2 layer annotations (@Dense, @Dropout)",
        "@Dropout",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4)",
        "  @Dropout(rate = 0.1)",
        "  Layer out;",
        "}");
  }

  @Test
  void layerAnnotationOnNonLayerField() {
    assertError(
        "[KerasLayerFieldType] @Dense is on field 'out' of type java.lang.String",
        "Dense",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) String out;",
        "}");
  }

  @Test
  void bidirectionalWithoutRecurrentLayer() {
    assertError(
        "[KerasBidirectional] Bidirectional layer 'bi' must wrap an LSTM, GRU or SimpleRNN on the same field",
        "Layer bi;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Bidirectional @Dense(units = 1, inputShape = {4, 8}) Layer bi;",
        "}");
  }

  @Test
  void loneBidirectional() {
    assertError(
        "[KerasBidirectional] Bidirectional layer 'bi' must wrap an LSTM, GRU or SimpleRNN on the same field",
        "Layer bi;",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Input(shape = {4, 8}) Layer in;",
        "  @Bidirectional Layer bi;",
        "}");
  }

  @Test
  void wrappedLayerParameterIsReportedOnItsAnnotation() {
    assertError(
        "[KerasBadParam] layer 'bi' (Bidirectional): units must be > 0, got 0",
        "units = 0",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Bidirectional(mergeMode = MergeMode.SUM)",
        "  @LSTM(inputShape = {4, 8},",
        "      units = 0) Layer bi;",
        "}");
  }

  @Test
  void reservedRecordComponentName() {
    assertError(
        "[KerasGeneratedName] output 'hashCode' cannot be a component of the generated record BadLabels",
        "hashCode",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Dense(units = 1, inputShape = 4) Layer hashCode;",
        "}");
  }
}
