package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Models beyond the sequential seed: several inputs, several outputs, a wrapped layer. */
class ModelShapesTest {

  private static void assertGenerated(Compilation compilation, String type, String declaration) {
    assertThat(compilation)
        .generatedSourceFile("test." + type)
        .contentsAsUtf8String()
        .contains(declaration);
  }

  /**
   * Text of the model's JSON description (ModelSpecJson) in the binding's string constant; one
   * layer is one line.
   */
  private static void assertSpec(Compilation compilation, String binding, String json) {
    assertGenerated(compilation, binding, json.replace("\"", "\\\""));
  }

  @Test
  void functionalModelWithTwoInputs() {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Ranker",
                "@KerasModel @Compile(loss = BINARY_CROSSENTROPY, metrics = Metric.AUC)",
                "class Ranker {",
                "  @Input(shape = 8) Layer user;",
                "  @Input(shape = {4, 3}) Layer item;",
                "  @Input(shape = 1, inputName = \"age\") Layer ageInput;",
                "  @Flatten(from = \"item\") Layer itemFlat;",
                "  @Concatenate(from = {\"user\", \"itemFlat\", \"ageInput\"}) Layer joined;",
                "  @Dense(units = 1, activation = SIGMOID) Layer score;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation,
        "RankerFeatures",
        "public record RankerFeatures(float[] user_input, float[] item_input, float age)");
    assertGenerated(
        compilation, "RankerFeatures", "feature 'item_input' expects 12 values (shape 4x3), got ");
    assertGenerated(compilation, "RankerLabels", "public record RankerLabels(float score)");
    assertGenerated(
        compilation,
        "RankerMetrics",
        "public record RankerMetrics(double loss, double auc, long globalStep)");
    assertGenerated(compilation, "RankerBinding", "columns.getFloats(\"item_input\", 12)");
    assertGenerated(compilation, "RankerBinding", "columns.getFloat(\"age\")");
    assertSpec(
        compilation,
        "RankerBinding",
        "{\"name\":\"joined\",\"kind\":\"CONCATENATE\",\"from\":[\"user\",\"itemFlat\",\"ageInput\"]}");
  }

  @Test
  void multiOutputModelWithClassIdLabels() {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Tagger",
                "@KerasModel(name = \"tagger\")",
                "@Compile(loss = SPARSE_CATEGORICAL_CROSSENTROPY, metrics = Metric.ACCURACY)",
                "class Tagger {",
                "  @Input(shape = 16) Layer text;",
                "  @Dense(units = 32, activation = RELU) Layer hidden;",
                "  @Dense(units = 5, activation = SOFTMAX, from = \"hidden\") Layer topic;",
                "  @Dense(units = 3, activation = SOFTMAX, from = \"hidden\") Layer mood;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation, "TaggerFeatures", "public record TaggerFeatures(float[] text_input)");
    assertGenerated(compilation, "TaggerLabels", "public record TaggerLabels(int topic, int mood)");
    assertGenerated(
        compilation,
        "TaggerPredictions",
        "public record TaggerPredictions(float[] topic, float[] mood)");
    assertGenerated(
        compilation,
        "TaggerMetrics",
        // Keras 3 reports each output's loss too when one loss trains several outputs.
        "public record TaggerMetrics(double loss, double topicLoss, double moodLoss, double topicAccuracy,\n"
            + "    double moodAccuracy, long globalStep)");
    assertGenerated(compilation, "TaggerBinding", "values.get(\"topic_accuracy\")");
    assertGenerated(compilation, "TaggerBinding", "values.get(\"mood_loss\")");
    assertGenerated(compilation, "TaggerBinding", "columns.getInt(\"mood\")");
    assertSpec(compilation, "TaggerBinding", "{\"format\":1,\"name\":\"tagger\",\"layers\":[");
    assertGenerated(compilation, "TaggerEstimator", "Model: \"tagger\"");
  }

  @Test
  void bidirectionalLstmWithRegularizer() {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Reviews",
                "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(SGD))",
                "class Reviews {",
                "  @Embedding(inputDim = 500, outputDim = 8, inputLength = 20) Layer words;",
                "  @Bidirectional(mergeMode = MergeMode.SUM)",
                "  @LSTM(units = 16, kernelRegularizer = @Regularizer(l2 = 0.01)) Layer bi;",
                "  @ActivationLayer(TANH) Layer act;",
                "  @Dense(units = 2) Layer out;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation, "ReviewsPredictions", "public record ReviewsPredictions(float[] out)");
    assertSpec(
        compilation,
        "ReviewsBinding",
        "{\"name\":\"bi\",\"kind\":\"BIDIRECTIONAL\",\"args\":{\"mergeMode\":\"SUM\"},"
            + "\"wrapped\":{\"name\":\"bi\",\"kind\":\"LSTM\",\"args\":{\"units\":16,\"kernelRegularizer\":{\"l1\":0.0,\"l2\":0.01}}}}");
    assertSpec(
        compilation,
        "ReviewsBinding",
        "{\"name\":\"act\",\"kind\":\"ACTIVATION_LAYER\",\"args\":{\"activation\":\"TANH\"}}");
    assertSpec(compilation, "ReviewsBinding", "\"optimizer\":{\"type\":\"SGD\"}");
    assertGenerated(compilation, "ReviewsEstimator", "bi (Bidirectional(LSTM))");
  }

  @Test
  void severalModelsInOneCompilation() {
    Compilation compilation =
        Models.compile(
            Models.source("Sentiment", Models.SENTIMENT),
            Models.source(
                "Tiny",
                "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
                "class Tiny {",
                "  @Dense(units = 1, inputShape = 3) Layer y;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "TinyFeatures", "public record TinyFeatures(float[] y_input)");
    assertGenerated(
        compilation, "SentimentFeatures", "public record SentimentFeatures(int[] words_input)");
  }

  @Test
  void activationLayers() {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Acts",
                "@KerasModel @Compile(loss = CATEGORICAL_CROSSENTROPY)",
                "class Acts {",
                "  @Dense(units = 6, inputShape = {2, 3}) Layer hidden;",
                "  @LeakyReLU Layer leaky;",
                "  @PReLU(sharedAxes = 1) Layer prelu;",
                "  @ELU(alpha = 0.5) Layer elu;",
                "  @ReLU(maxValue = 6, threshold = 0.1) Layer relu;",
                "  @Flatten Layer flat;",
                "  @Dense(units = 4) Layer logits;",
                "  @Softmax Layer probabilities;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertSpec(
        compilation,
        "ActsBinding",
        "{\"name\":\"prelu\",\"kind\":\"PRELU\",\"args\":{\"sharedAxes\":[1]}}");
    assertSpec(compilation, "ActsBinding", "\"args\":{\"maxValue\":6.0,\"threshold\":0.1}");
    assertGenerated(compilation, "ActsLabels", "public record ActsLabels(float[] probabilities)");
    assertGenerated(compilation, "ActsEstimator", "prelu (PReLU)");
  }
}
