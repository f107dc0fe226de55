package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Compile(outputs = {@OutputLoss(...)})}: a loss, weight and metrics per output, checked by
 * real javac (each mistake on its element) and carried into the generated records and binding.
 */
class PerOutputCompileTest {
  /** A two-output model; {@code compile} is its @Compile line(s). */
  private static String[] model(String name, String... compile) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("@KerasModel");
    lines.addAll(List.of(compile));
    lines.addAll(
        List.of(
            "class " + name + " {",
            "  @Input(shape = {3}) Layer x;",
            "  @Dense(units = 4, activation = RELU) Layer trunk;",
            "  @Dense(units = 1, from = \"trunk\") Layer price;",
            "  @Dense(units = 1, activation = SIGMOID, from = \"trunk\") Layer churn;",
            "}"));
    return lines.toArray(String[]::new);
  }

  private static final String[] HOUSE =
      model(
          "House",
          "@Compile(optimizer = @Optimizer(value = ADAM, learningRate = 0.01), outputs = {",
          "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR,",
          "        metrics = Metric.MEAN_ABSOLUTE_ERROR),",
          "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY, weight = 0.5,",
          "        metrics = {Metric.ACCURACY, Metric.AUC})})");

  private static void assertError(String message, String line, String... lines) {
    JavaFileObject source = Models.source("Bad", lines);
    Compilation compilation = Models.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theGeneratedRecordsNameEachOutputsLossAndMetricsAsKerasDoes()
      throws ReflectiveOperationException {
    Compilation compilation = Models.compile(Models.source("House", HOUSE));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    // Keras 3.15.1's model.evaluate(return_dict=True) keys for this compile are loss, price_loss,
    // churn_loss, price_mean_absolute_error, churn_accuracy, churn_auc.
    assertEquals(
        List.of(
            "loss",
            "priceLoss",
            "churnLoss",
            "priceMeanAbsoluteError",
            "churnAccuracy",
            "churnAuc",
            "globalStep"),
        Arrays.stream(classes.loadClass("test.HouseMetrics").getRecordComponents())
            .map(c -> c.getName())
            .toList());
    @SuppressWarnings("unchecked")
    ModelBinding<Object, Object, Object, Object> binding =
        (ModelBinding<Object, Object, Object, Object>)
            classes.staticField("test.HouseBinding", "INSTANCE");
    Model model = binding.model();
    assertEquals(
        List.of(
            new OutputLoss(
                "price", Loss.MEAN_SQUARED_ERROR, false, 1.0, List.of(Metric.MEAN_ABSOLUTE_ERROR)),
            new OutputLoss(
                "churn",
                Loss.BINARY_CROSSENTROPY,
                false,
                0.5,
                List.of(Metric.ACCURACY, Metric.AUC))),
        model.losses());
    Object metrics =
        binding.metrics(
            new MetricValues(
                Map.of(
                    "loss", 0.6,
                    "price_loss", 0.16,
                    "churn_loss", 0.88,
                    "price_mean_absolute_error", 0.33,
                    "churn_accuracy", 0.25,
                    "churn_auc", 0.58),
                7));
    assertEquals(
        classes.newRecord("test.HouseMetrics", 0.6, 0.16, 0.88, 0.33, 0.25, 0.58, 7L), metrics);
  }

  @Test
  void oneLossOnSeveralOutputsReportsEachOutputsLossToo() throws ReflectiveOperationException {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Both",
                model("Both", "@Compile(loss = MEAN_SQUARED_ERROR, metrics = Metric.AUC)")));
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(
        List.of("loss", "priceLoss", "churnLoss", "priceAuc", "churnAuc", "globalStep"),
        Arrays.stream(
                new CompiledClasses(compilation)
                    .loadClass("test.BothMetrics")
                    .getRecordComponents())
            .map(c -> c.getName())
            .toList());
  }

  @Test
  void bothFormsAreAnErrorOnTheLoss() {
    assertError(
        "[KerasOutputLoss] give either one loss for every output",
        "loss = HUBER",
        model(
            "Bad",
            "@Compile(loss = HUBER, outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY)})"));
  }

  @Test
  void neitherFormIsAnErrorOnCompile() {
    assertError(
        "[KerasNoLoss] @Compile needs a loss",
        "@Compile(optimizer",
        model("Bad", "@Compile(optimizer = @Optimizer(ADAM))"));
  }

  @Test
  void anUnknownOutputIsAnErrorOnItsNameWithTheClosestOutput() {
    assertError(
        "[KerasOutputLoss] @OutputLoss(output = \"chrun\") names no layer of model 'Bad'; the"
            + " outputs (layers no other layer takes input from) are [price, churn]; did you mean"
            + " 'churn'?",
        "output = \"chrun\"",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"chrun\", loss = BINARY_CROSSENTROPY)})"));
  }

  @Test
  void aLayerThatIsNoOutputIsAnErrorOnItsName() {
    assertError(
        "names layer 'trunk', which feeds other layers: not an output",
        "output = \"trunk\"",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY),",
            "    @OutputLoss(output = \"trunk\", loss = BINARY_CROSSENTROPY)})"));
  }

  @Test
  void anOutputTwiceIsAnErrorOnTheSecond() {
    assertError(
        "[KerasOutputLoss] output 'price' has two @OutputLoss",
        "output = \"price\", loss = HUBER",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY),",
            "    @OutputLoss(output = \"price\", loss = HUBER)})"));
  }

  @Test
  void anOutputWithoutALossIsAnErrorOnTheOutputs() {
    assertError(
        "[KerasOutputLoss] output 'churn' has no @OutputLoss",
        "@Compile(outputs",
        model(
            "Bad",
            "@Compile(outputs = {@OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR)})"));
  }

  @Test
  void aNegativeWeightIsAnErrorOnTheWeight() {
    assertError(
        "weight must be a finite number >= 0 (Keras loss_weights), got -1.0",
        "weight = -1",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY,",
            "        weight = -1)})"));
  }

  @Test
  void aLossOrMetricThatDoesNotFitItsOutputIsAnErrorOnIt() {
    assertError(
        "[KerasLoss] SPARSE_CATEGORICAL_CROSSENTROPY does not fit output 'churn'",
        "loss = SPARSE_CATEGORICAL_CROSSENTROPY",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\",",
            "        loss = SPARSE_CATEGORICAL_CROSSENTROPY)})"));
    assertError(
        "[KerasMetric] SPARSE_CATEGORICAL_ACCURACY compares class-id labels",
        "metrics = Metric.SPARSE_CATEGORICAL_ACCURACY",
        model(
            "Bad",
            "@Compile(outputs = {",
            "    @OutputLoss(output = \"price\", loss = MEAN_SQUARED_ERROR),",
            "    @OutputLoss(output = \"churn\", loss = BINARY_CROSSENTROPY,",
            "        metrics = Metric.SPARSE_CATEGORICAL_ACCURACY)})"));
  }
}
