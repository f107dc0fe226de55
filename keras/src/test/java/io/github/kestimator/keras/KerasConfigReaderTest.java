package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class KerasConfigReaderTest {
  static final CompileSpec BINARY =
      new CompileSpec(
          OptimizerSpec.of(OptimizerType.ADAM), Loss.BINARY_CROSSENTROPY, false, List.of());

  static Model analyze(KerasModel m, CompileSpec c) {
    return ModelAnalyzer.analyze(m.toSpec(c)).orThrow();
  }

  @Test
  void keras2SequentialKeepsLayerNamesAndTheImplicitInputName() throws IOException {
    KerasModel m = KerasConfigReader.read(Fixtures.keras("sentiment_keras2.json"));
    assertEquals("sequential", m.name());
    assertNull(m.training());
    assertEquals(
        List.of("words", "lstm", "dropout", "score"),
        m.layers().stream().map(LayerSpec::name).toList());
    assertEquals(
        Map.of(
            "inputDim",
            10000L,
            "outputDim",
            64L,
            "inputLength",
            100L,
            "embeddingsInitializer",
            Initializer.RANDOM_UNIFORM),
        m.layers().get(0).args());
    assertEquals(LayerKind.LSTM, m.layers().get(1).kind());
    assertEquals(64L, m.layers().get(1).args().get("units"));
    assertEquals(0.5, m.layers().get(2).args().get("rate"));
    Model model = analyze(m, BINARY);
    assertEquals(
        List.of(new Feature("words_input", "words_input", DType.INT32, Shape.of(100))),
        model.features());
    assertEquals(List.of("score"), model.outputs().stream().map(Output::layer).toList());
    assertEquals(10000L * 64 + 4 * (64 * 64 + 64 * 64 + 64) + 65, model.paramCount());
  }

  /**
   * Keras 3 (hand_mask_keras3.py): {@code LSTM(...)(x, mask=ops.not_equal(ids, 3))} with no
   * mask_zero: a mask kestimator would not derive, so the LSTM would run over every step.
   */
  @Test
  void aMaskMadeByHandIsRefusedNamingTheLayerAndTheOp() {
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class,
            () -> KerasConfigReader.read(Fixtures.keras("hand_mask_keras3.json")));
    assertEquals(Diagnostic.UNSUPPORTED_VALUE, e.code());
    assertTrue(
        e.getMessage()
            .contains(
                "layer 'lstm' (LSTM): the layer is called with mask= the output of op 'not_equal'"
                    + " (NotEqual), but its input [emb] carries no mask kestimator derives"),
        e.getMessage());
  }

  @Test
  void keras3SequentialIsFedByItsInputLayersName() throws IOException {
    KerasModel m = KerasConfigReader.read(Fixtures.keras("sentiment_keras3.json"));
    assertEquals(
        List.of("embedding", "lstm", "dropout", "dense"),
        m.layers().stream().map(LayerSpec::name).toList());
    assertEquals(List.of(100), m.layers().get(0).args().get("inputShape"));
    assertEquals("input_layer", m.layers().get(0).args().get("inputName"));
    Model model = analyze(m, BINARY);
    assertEquals(List.of("input_layer"), model.features().stream().map(Feature::name).toList());
    assertEquals(DType.INT32, model.features().get(0).dtype());
    assertEquals(
        analyze(KerasConfigReader.read(Fixtures.keras("sentiment_keras2.json")), BINARY)
            .paramCount(),
        model.paramCount());
  }

  @Test
  void functionalInputsAreFedByTheirKerasNames() throws IOException {
    for (String f : List.of("two_inputs_keras2.json", "two_inputs_keras3.json")) {
      KerasModel m = KerasConfigReader.read(Fixtures.keras(f));
      assertTrue(m.functional(), f);
      LayerSpec concat = m.layers().get(2);
      assertEquals(List.of("age", "tags"), concat.from(), f);
      assertEquals(List.of("concatenate"), m.layers().get(3).from(), f);
      Model model = analyze(m, BINARY);
      assertEquals(
          List.of(
              new Feature("age", "age", DType.FLOAT32, Shape.of(1)),
              new Feature("tags", "tags", DType.FLOAT32, Shape.of(4))),
          model.features(),
          f);
      assertEquals(Shape.of(1), model.outputs().get(0).shape(), f);
      assertEquals(6, model.paramCount(), f);
    }
  }

  /** Keras 3 writes a schedule as the optimizer's learning_rate; Keras 2 a float decay. */
  @Test
  void readsLearningRateSchedulesAndKeras2Decay() throws IOException {
    String dense =
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": \"Dense\","
            + " \"config\": {\"name\": \"d\", \"units\": 1, \"batch_input_shape\": [null, 2]}}]}";
    String schedule =
        "{\"module\": \"keras.optimizers.schedules\", \"class_name\": \"CosineDecay\", \"config\": {"
            + "\"initial_learning_rate\": 0.0, \"decay_steps\": 100, \"alpha\": 0.0, \"name\": \"CosineDecay\","
            + " \"warmup_target\": 0.10000000149011612, \"warmup_steps\": 10}, \"registered_name\": null}";
    String keras3 =
        dense
            + ", \"compile_config\": {\"loss\": \"mse\", \"optimizer\": {\"class_name\": \"Adam\", \"config\": "
            + "{\"learning_rate\": "
            + schedule
            + ", \"beta_1\": 0.9}}}}";
    java.nio.file.Path f = java.nio.file.Files.createTempFile("schedule", ".json");
    java.nio.file.Files.writeString(f, keras3);
    KerasModel m = KerasConfigReader.read(f);
    assertEquals(0.0, m.training().optimizer().args().get("learningRate"));
    assertEquals(
        io.github.kestimator.model.LearningRateSchedule.cosineDecay(100, 0, 0.1, 10),
        m.training().optimizer().args().get("schedule"));

    String keras2 =
        dense
            + ", \"training_config\": {\"loss\": \"mse\", \"optimizer_config\": {\"class_name\": \"SGD\","
            + " \"config\": {\"lr\": 0.009999999776482582, \"decay\": 9.999999747378752e-05, \"momentum\": 0.0}}}}";
    java.nio.file.Files.writeString(f, keras2);
    m = KerasConfigReader.read(f);
    assertEquals(0.01, m.training().optimizer().args().get("learningRate"));
    assertEquals(1e-4, m.training().optimizer().args().get("decay"));
    java.nio.file.Files.delete(f);
  }

  @Test
  void readsTrainingConfigAndOldVarianceScalingInitializers() throws IOException {
    KerasModel m = KerasConfigReader.read(Fixtures.keras("mnist_cnn_keras2.json"));
    assertEquals(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, m.training().loss());
    assertEquals(List.of(Metric.ACCURACY), m.training().metrics());
    assertEquals(OptimizerType.ADAM, m.training().optimizer().type());
    assertEquals(
        0.001,
        m.training().optimizer().args().get("learningRate"),
        "float32 hyper-parameters read as written");
    assertEquals(0.9, m.training().optimizer().args().get("beta1"));
    LayerSpec conv = m.layers().get(0);
    assertEquals(Initializer.GLOROT_UNIFORM, conv.args().get("kernelInitializer"));
    assertEquals(List.of(28, 28, 1), conv.args().get("inputShape"));
    assertTrue(
        !m.layers().get(1).args().containsKey("strides"),
        "strides equal to pool_size are Keras' default");
    Model model =
        analyze(
            m,
            new CompileSpec(
                m.training().optimizer(), m.training().loss(), false, m.training().metrics()));
    assertEquals(List.of("conv2d_1_input"), model.features().stream().map(Feature::name).toList());
    assertEquals(Shape.of(10), model.outputs().get(0).shape());
    assertEquals(320 + 13 * 13 * 32 * 10 + 10, model.paramCount());
  }

  @Test
  void rejectsAnUnsupportedLayerNamingFileLayerAndClass() {
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class,
            () -> KerasConfigReader.read(Fixtures.keras("unsupported_lambda.json")));
    assertEquals("scale_by_two", e.layer());
    assertEquals("Lambda", e.className());
    assertEquals(Diagnostic.UNSUPPORTED_LAYER, e.code());
    assertTrue(
        e.getMessage()
            .contains(
                "unsupported_lambda.json: layer 'scale_by_two' (Lambda): layer class 'Lambda' is not supported"),
        e.getMessage());
  }

  @Test
  void rejectsUnsupportedValuesAndArguments() {
    String relu6 =
        "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":[{\"class_name\":\"Dense\",\"config\":"
            + "{\"name\":\"hidden\",\"batch_input_shape\":[null,3],\"units\":2,\"activation\":\"relu6\"}}]}}";
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasConfigReader.readJson(relu6, "m.json"));
    assertEquals(
        "[KerasUnsupportedValue] m.json: layer 'hidden' (Dense): activation 'relu6' is not supported; supported: linear,"
            + " relu, sigmoid, tanh, softmax, elu, selu, gelu, swish, softplus, softsign, hard_sigmoid, leaky_relu; did you mean 'relu'?",
        e.getMessage());
    String masked =
        relu6
            .replace("\"Dense\"", "\"Embedding\"")
            .replace(
                "\"units\":2,\"activation\":\"relu6\"",
                "\"input_dim\":5,\"output_dim\":2,\"sparse\":true");
    e =
        assertThrows(
            KerasFormatException.class, () -> KerasConfigReader.readJson(masked, "m.json"));
    assertTrue(
        e.getMessage()
            .contains("layer 'hidden' (Embedding): argument sparse=true is not supported"),
        e.getMessage());
    String unknownArg = relu6.replace("\"relu6\"", "\"relu\",\"unitz\":3");
    e =
        assertThrows(
            KerasFormatException.class, () -> KerasConfigReader.readJson(unknownArg, "m.json"));
    assertTrue(
        e.getMessage().endsWith("argument 'unitz' is not supported; did you mean 'units'?"),
        e.getMessage());
    // None is a sequence length (the first axis after the batch) only; it needs a maximum length
    String variable = relu6.replace("[null,3]", "[null,3,null]").replace("\"relu6\"", "\"relu\"");
    e =
        assertThrows(
            KerasFormatException.class, () -> KerasConfigReader.readJson(variable, "m.json"));
    assertTrue(e.getMessage().contains("unknown (None) dimension"), e.getMessage());
    KerasModel open =
        KerasConfigReader.readJson(
            relu6.replace("[null,3]", "[null,null,3]").replace("\"relu6\"", "\"relu\""), "m.json");
    assertEquals(
        List.of(
            new KerasModel.UnknownLength(
                "hidden", "Dense", "its input shape (batch_input_shape) is (None, None, 3)")),
        open.unknownLengths());
    e = assertThrows(KerasFormatException.class, () -> open.toSpec(open.compile()));
    assertEquals(Diagnostic.UNKNOWN_LENGTH, e.code());
    assertEquals(
        List.of(7, 3),
        open.withMaxSequenceLength(7)
            .toSpec(open.compile())
            .layers()
            .get(0)
            .args()
            .get("inputShape"));
    String huge =
        relu6.replace("[null,3]", "[null,1099511627776]").replace("\"relu6\"", "\"relu\"");
    e = assertThrows(KerasFormatException.class, () -> KerasConfigReader.readJson(huge, "m.json"));
    assertTrue(
        e.getMessage()
            .endsWith(
                "layer 'hidden' (Dense): argument batch_input_shape=[null, 1099511627776]: dimension"
                    + " 1099511627776 is not a size from 1 to 2147483647"),
        e.getMessage()); // once read as 0
    String hugeUnits =
        relu6.replace("\"units\":2", "\"units\":1099511627776").replace("\"relu6\"", "\"relu\"");
    String message;
    try {
      KerasModel m = KerasConfigReader.readJson(hugeUnits, "m.json");
      message =
          io.github.kestimator.model.ModelAnalyzer.analyze(m.toSpec(m.compile()))
              .problems()
              .toString();
    } catch (KerasFormatException ex) {
      message = ex.getMessage();
    }
    assertTrue(
        message.contains("expected an integer of at most 2147483647, got 1099511627776"),
        message); // not -8
  }

  @Test
  void readsConfigJsonInsideAKerasArchiveWithoutExtracting() throws IOException {
    byte[] config = Files.readAllBytes(Fixtures.keras("sentiment_keras3.json"));
    KerasModel m =
        KerasConfigReader.readArchive(
            new ByteArrayInputStream(
                zip(
                    Map.of(
                        "metadata.json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "config.json",
                        config))),
            "sentiment.keras");
    assertEquals("sentiment.keras!/config.json", m.source());
    assertEquals(4, m.layers().size());
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class,
            () ->
                KerasConfigReader.readArchive(
                    new ByteArrayInputStream(zip(Map.of("../evil.json", config))), "evil.keras"));
    assertTrue(
        e.getMessage().contains("archive entry '../evil.json' has an unsafe path"), e.getMessage());
    e =
        assertThrows(
            KerasFormatException.class,
            () ->
                KerasConfigReader.readArchive(
                    new ByteArrayInputStream(zip(Map.of("model.weights.h5", new byte[3]))),
                    "empty.keras"));
    assertTrue(e.getMessage().contains("no config.json in the archive"), e.getMessage());
  }

  @Test
  void activationLayersOfKeras2And3() {
    // tf.keras 2 spelling: LeakyReLU's alpha, ReLU's max_value None, PReLU without shared axes.
    String keras2 =
        "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":["
            + "{\"class_name\":\"LeakyReLU\",\"config\":{\"name\":\"leaky\",\"batch_input_shape\":[null,4,3],\"alpha\":0.1}},"
            + "{\"class_name\":\"ReLU\",\"config\":{\"name\":\"relu\",\"max_value\":null,\"negative_slope\":0.0,\"threshold\":0.5}},"
            + "{\"class_name\":\"PReLU\",\"config\":{\"name\":\"prelu\",\"alpha_initializer\":{\"class_name\":\"Zeros\","
            + "\"config\":{}},\"alpha_regularizer\":null,\"alpha_constraint\":null,\"shared_axes\":null}},"
            + "{\"class_name\":\"PReLU\",\"config\":{\"name\":\"shared\",\"alpha_initializer\":\"zeros\","
            + "\"alpha_regularizer\":{\"class_name\":\"L2\",\"config\":{\"l2\":0.01}},\"shared_axes\":[1]}},"
            + "{\"class_name\":\"ELU\",\"config\":{\"name\":\"elu\",\"alpha\":0.7}},"
            + "{\"class_name\":\"Softmax\",\"config\":{\"name\":\"soft\",\"axis\":-1}}]}}";
    KerasModel m = KerasConfigReader.readJson(keras2, "m.json");
    assertEquals(
        List.of(
            LayerKind.LEAKY_RELU,
            LayerKind.RELU,
            LayerKind.PRELU,
            LayerKind.PRELU,
            LayerKind.ELU,
            LayerKind.SOFTMAX),
        m.layers().stream().map(LayerSpec::kind).toList());
    assertEquals(0.1, m.layers().get(0).args().get("negativeSlope"));
    assertFalse(
        m.layers().get(1).args().containsKey("maxValue"), "max_value=None is the default: no cap");
    assertEquals(0.5, m.layers().get(1).args().get("threshold"));
    assertFalse(m.layers().get(2).args().containsKey("sharedAxes"));
    assertEquals(List.of(1L), m.layers().get(3).args().get("sharedAxes"));
    Model model =
        analyze(
            m,
            new CompileSpec(
                OptimizerSpec.of(OptimizerType.ADAM),
                Loss.CATEGORICAL_CROSSENTROPY,
                false,
                List.of()));
    assertEquals(List.of(4, 3), model.layer("prelu").orElseThrow().weights().get(0).shape().dims());
    assertEquals(
        List.of(1, 3), model.layer("shared").orElseThrow().weights().get(0).shape().dims());
    assertEquals(0.01, model.layer("shared").orElseThrow().weights().get(0).regularizer().l2());
    assertEquals(
        Double.POSITIVE_INFINITY, model.layer("relu").orElseThrow().params().getDouble("maxValue"));
    assertEquals(0.7, model.layer("elu").orElseThrow().params().getDouble("alpha"));
    // Keras 3 writes negative_slope.
    KerasModel k3 =
        KerasConfigReader.readJson(
            keras2.replace("\"alpha\":0.1", "\"negative_slope\":0.2"), "m.json");
    assertEquals(0.2, k3.layers().get(0).args().get("negativeSlope"));
  }

  @Test
  void jsonSyntaxErrorsNameLineAndColumn() {
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class,
            () -> KerasConfigReader.readJson("{\n  \"a\": [1, }", "x.json"));
    assertEquals(
        "[KerasFormat] x.json: invalid JSON at line 2, column 12: unexpected character '}'"
            + " near ...{   \"a\": [1, }...",
        e.getMessage());
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /**
   * Keras' Bidirectional sets zero_output_for_mask = return_sequences on its layers and saves it; a
   * plain recurrent layer with it set is refused, since kestimator runs those with Keras' default.
   */
  @Test
  void zeroOutputForMaskIsReadInsideABidirectionalOnly() {
    String lstm =
        "{\"class_name\":\"LSTM\",\"config\":{\"name\":\"l\",\"units\":2,"
            + "\"return_sequences\":true,\"zero_output_for_mask\":true}}";
    String plain =
        "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":["
            + lstm.replace("{\"name\":\"l\",", "{\"name\":\"l\",\"batch_input_shape\":[null,4,3],")
            + "]}}";
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasConfigReader.readJson(plain, "m.json"));
    assertTrue(
        e.getMessage()
            .contains("layer 'l' (LSTM): argument zero_output_for_mask=True is not supported"),
        e.getMessage());
    String wrapped =
        "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":["
            + "{\"class_name\":\"Bidirectional\",\"config\":{\"name\":\"b\","
            + "\"batch_input_shape\":[null,4,3],\"layer\":"
            + lstm
            + "}}]}}";
    KerasModel m = KerasConfigReader.readJson(wrapped, "m.json");
    assertEquals(LayerKind.BIDIRECTIONAL, m.layers().get(0).kind());
    assertEquals(true, m.layers().get(0).wrapped().args().get("returnSequences"));
  }
}
