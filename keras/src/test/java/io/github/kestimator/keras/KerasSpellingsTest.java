package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.ConstraintType;
import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.InitializerType;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.OptimizerType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every argument and name the Keras versions write: defaults of arguments kestimator does not
 * implement are accepted, other values refused naming file, layer and argument; old and new
 * spellings of the same thing read alike.
 */
class KerasSpellingsTest {
  /**
   * One model per layer class, every argument at Keras 3.15.1's default (keras3_layer_defaults.py
   * wrote it).
   */
  private static List<String> defaults() throws IOException {
    return Files.readAllLines(Fixtures.keras("keras3_layer_defaults.jsonl")).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }

  private static String line(String name) throws IOException {
    return defaults().stream()
        .filter(l -> l.contains("\"name\": \"" + name + "\", \"trainable\""))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model " + name));
  }

  private static KerasFormatException refused(String json) {
    return assertThrows(
        KerasFormatException.class, () -> KerasConfigReader.readJson(json, "m.json"));
  }

  @Test
  void everyLayerClassReadsWithEveryArgumentAtKeras3sDefault() throws IOException {
    List<String> models = defaults();
    assertEquals(23, models.size());
    for (String json : models) {
      KerasModel m = KerasConfigReader.readJson(json, "defaults.jsonl");
      ModelAnalyzer.Analysis a = ModelAnalyzer.analyze(m.toSpec(m.compile()));
      assertTrue(a.ok(), m.name() + ": " + a.problems());
      assertTrue(m.unsupportedTraining().isEmpty(), m.name() + ": " + m.unsupportedTraining());
    }
  }

  @Test
  void aValueOtherThanTheDefaultOfAnUnimplementedArgumentIsRefusedNamingFileLayerAndArgument()
      throws IOException {
    String bn = line("bn");
    assertEquals(
        "[KerasUnsupportedValue] m.json: layer 'batch_normalization' (BatchNormalization): argument renorm=true is"
            + " not supported (only false)",
        refused(bn.replace("\"renorm\": false", "\"renorm\": true")).getMessage());
    assertTrue(
        refused(bn.replace("\"renorm_clipping\": null", "\"renorm_clipping\": {\"rmax\": 3}"))
            .getMessage()
            .contains(
                "layer 'batch_normalization' (BatchNormalization): argument renorm_clipping={rmax=3} is not supported"));
    assertTrue(
        refused(bn.replace("\"synchronized\": false", "\"synchronized\": true"))
            .getMessage()
            .contains("argument synchronized=true is not supported"));
    String dense = line("dense");
    assertTrue(
        refused(
                dense.replace(
                    "\"quantization_config\": null",
                    "\"quantization_config\": {\"mode\": \"int8\"}"))
            .getMessage()
            .contains(
                "m.json: layer 'dense' (Dense): argument quantization_config={mode=int8} is not supported"));
    assertTrue(
        refused(
                dense.replace(
                    "\"quantization_config\": null", "\"lora_rank\": 4, \"lora_alpha\": 4"))
            .getMessage()
            .contains("layer 'dense' (Dense): argument lora_rank=4 is not supported"));
    assertTrue(
        refused(dense.replace("{\"name\": \"float32\"}", "{\"name\": \"mixed_float16\"}"))
            .getMessage()
            .contains(
                "layer 'dense' (Dense): argument dtype='mixed_float16' is not supported (only float32"));
    assertEquals(
        "[KerasUnsupportedValue] m.json: layer 'dense' (Dense): kernel_initializer GlorotUniform: argument"
            + " input_axes=[0] is not supported",
        refused(dense.replace("\"input_axes\": null", "\"input_axes\": [0]")).getMessage());
  }

  /** Keras 3's, Keras 2's and Keras 1's spellings of a constraint read as one constraint. */
  @Test
  void constraintSpellingsReadAlike() throws IOException {
    String dense = line("dense");
    assertTrue(dense.contains("\"kernel_constraint\": null"), dense);
    Constraint maxNorm =
        Constraint.of(ConstraintType.MAX_NORM, Map.of("maxValue", 3.0, "axis", List.of(0, 1)));
    for (String spelling :
        List.of(
            "{\"module\": \"keras.constraints\", \"class_name\": \"MaxNorm\", \"config\":"
                + " {\"max_value\": 3.0, \"axis\": [0, 1]}, \"registered_name\": null}",
            "{\"class_name\": \"max_norm\", \"config\": {\"max_value\": 3, \"axis\": [0, 1]}}",
            "{\"class_name\": \"maxnorm\", \"config\": {\"max_value\": 3, \"axis\": [0, 1]}}",
            "{\"name\": \"MaxNorm\", \"m\": 3, \"axis\": [0, 1]}")) {
      KerasModel m =
          KerasConfigReader.readJson(
              dense.replace("\"kernel_constraint\": null", "\"kernel_constraint\": " + spelling),
              "m.json");
      assertEquals(maxNorm, m.layers().get(0).args().get("kernelConstraint"), spelling);
    }
    for (var e :
        Map.of(
                "NonNeg", Constraint.of(ConstraintType.NON_NEG),
                "non_neg", Constraint.of(ConstraintType.NON_NEG),
                "UnitNorm", Constraint.of(ConstraintType.UNIT_NORM),
                "unit_norm", Constraint.of(ConstraintType.UNIT_NORM),
                "MinMaxNorm", Constraint.of(ConstraintType.MIN_MAX_NORM))
            .entrySet()) {
      KerasModel m =
          KerasConfigReader.readJson(
              dense.replace(
                  "\"bias_constraint\": null",
                  "\"bias_constraint\": {\"class_name\": \"" + e.getKey() + "\", \"config\": {}}"),
              "m.json");
      assertEquals(e.getValue(), m.layers().get(0).args().get("biasConstraint"), e.getKey());
    }
  }

  /** An initializer's arguments and seed are read, Keras' names in camelCase. */
  @Test
  void initializerArgumentsAndSeedsRead() throws IOException {
    String dense = line("dense");
    String kernel =
        "\"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"input_axes\": null,"
            + " \"output_axes\": null, \"seed\": null}, \"module\": \"keras.initializers\","
            + " \"registered_name\": null}";
    assertTrue(dense.contains(kernel), dense);
    Map<String, Initializer> expected =
        Map.of(
            "{\"class_name\": \"RandomNormal\", \"config\": {\"mean\": 0.5, \"stddev\": 0.3, \"seed\": 3}}",
            Initializer.of(
                InitializerType.RANDOM_NORMAL, Map.of("mean", 0.5, "stddev", 0.3, "seed", 3)),
            "{\"class_name\": \"VarianceScaling\", \"config\": {\"scale\": 2.0, \"mode\": \"fan_out\","
                + " \"distribution\": \"normal\", \"seed\": null}}",
            Initializer.of(
                InitializerType.VARIANCE_SCALING,
                Map.of("scale", 2.0, "mode", "FAN_OUT", "distribution", "TRUNCATED_NORMAL")),
            "{\"class_name\": \"VarianceScaling\", \"config\": {\"scale\": 2.0, \"mode\": \"fan_in\","
                + " \"distribution\": \"uniform\", \"seed\": 9}}",
            Initializer.of(InitializerType.HE_UNIFORM, Map.of("seed", 9)),
            "{\"class_name\": \"Constant\", \"config\": {\"value\": 0.25}}",
            Initializer.of(InitializerType.CONSTANT, Map.of("constant", 0.25)),
            "{\"class_name\": \"Orthogonal\", \"config\": {\"gain\": 2.0, \"seed\": 1}}",
            Initializer.of(InitializerType.ORTHOGONAL, Map.of("gain", 2.0, "seed", 1)),
            "{\"class_name\": \"IdentityInitializer\", \"config\": {\"gain\": 0.5}}",
            Initializer.of(InitializerType.IDENTITY, Map.of("gain", 0.5)));
    for (var e : expected.entrySet()) {
      KerasModel m =
          KerasConfigReader.readJson(
              dense.replace(kernel, "\"kernel_initializer\": " + e.getKey()), "m.json");
      assertEquals(e.getValue(), m.layers().get(0).args().get("kernelInitializer"), e.getKey());
    }
  }

  @Test
  void frozenLayersReadForPredictionAndAreNamedForTraining() throws IOException {
    String dense = line("dense").replace("\"trainable\": true", "\"trainable\": false");
    KerasModel m = KerasConfigReader.readJson(dense, "m.json");
    assertEquals(
        List.of("layer 'dense' (Dense): trainable=False (a frozen layer)"),
        m.unsupportedTraining());
  }

  @Test
  void oldAndNewSpellingsReadAlike() throws IOException {
    String lstm = line("lstm");
    assertTrue(lstm.contains("\"class_name\": \"Orthogonal\""), lstm);
    for (String spelling : List.of("Orthogonal", "OrthogonalInitializer", "orthogonal")) {
      KerasModel m =
          KerasConfigReader.readJson(
              lstm.replace(
                  "\"class_name\": \"Orthogonal\"", "\"class_name\": \"" + spelling + "\""),
              "m.json");
      assertEquals(
          Initializer.ORTHOGONAL, m.layers().get(0).args().get("recurrentInitializer"), spelling);
    }
    String dense = line("dense");
    for (String swish : List.of("silu", "swish")) {
      KerasModel m =
          KerasConfigReader.readJson(
              dense.replace("\"activation\": \"linear\"", "\"activation\": \"" + swish + "\""),
              "m.json");
      assertEquals(Activation.SWISH, m.layers().get(0).args().get("activation"), swish);
    }
  }

  @Test
  void keras2TrainingConfigsOfTfKeras211ReadWithWhatCannotBeUsedNamed() throws IOException {
    String training =
        "{\"loss\": \"mse\", \"metrics\": [\"mae\", \"r2_score\"], \"loss_weights\": null,"
            + " \"optimizer_config\": {\"class_name\": \"Custom>Adam\", \"config\": {\"name\": \"Adam\", \"learning_rate\": 0.01,"
            + " \"decay\": 0.001, \"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, \"amsgrad\": false,"
            + " \"is_legacy_optimizer\": false, \"jit_compile\": true}}}";
    KerasModel m =
        KerasConfigReader.readJson(
            "{\"model_config\": " + line("dense") + ", \"training_config\": " + training + "}",
            "m.h5");
    assertEquals(OptimizerType.ADAM, m.training().optimizer().type());
    assertEquals(0.01, m.training().optimizer().args().get("learningRate"));
    assertEquals(List.of(Metric.MEAN_ABSOLUTE_ERROR), m.training().metrics());
    assertEquals(1, m.unsupportedTraining().size(), m.unsupportedTraining().toString());
    assertTrue(
        m.unsupportedTraining().get(0).startsWith("metric 'r2_score' (supported: accuracy,"),
        m.unsupportedTraining().toString());
    assertEquals(
        0.001,
        (double) (Double) m.training().optimizer().args().get("decay"),
        1e-9,
        "Keras 2's decay is trained with");
    assertEquals(
        0.001,
        ((Map<?, ?>) ((Map<?, ?>) m.training().config().get("optimizer_config")).get("config"))
            .get("decay"));

    KerasModel sgd =
        KerasConfigReader.readJson(
            "{\"model_config\": "
                + line("dense")
                + ", \"training_config\": {\"loss\":"
                + " \"mse\", \"optimizer_config\": {\"class_name\": \"Custom>SGD\", \"config\": {\"learning_rate\": 0.05,"
                + " \"momentum\": 0.9, \"nesterov\": true}}}}",
            "m.h5");
    assertEquals(OptimizerType.SGD, sgd.training().optimizer().type());
    assertEquals(0.9, sgd.training().optimizer().args().get("momentum"));
    assertTrue(sgd.unsupportedTraining().isEmpty(), sgd.unsupportedTraining().toString());
  }

  /** A Dense model with this {@code training_config}. */
  private static KerasModel trained(String trainingConfig) throws IOException {
    return KerasConfigReader.readJson(
        "{\"model_config\": "
            + line("dense")
            + ", \"training_config\": "
            + trainingConfig.replace('\'', '"')
            + "}",
        "m.h5");
  }

  @Test
  void lossMetricAndOptimizerSpellingsOfEveryKerasVersionReadAlike() throws IOException {
    Map<String, Loss> losses =
        Map.of(
            "'mse'",
            Loss.MEAN_SQUARED_ERROR,
            "'mean_absolute_error'",
            Loss.MEAN_ABSOLUTE_ERROR,
            "'kld'",
            Loss.KL_DIVERGENCE,
            "'kullback_leibler_divergence'",
            Loss.KL_DIVERGENCE,
            "'logcosh'",
            Loss.LOG_COSH,
            "{'class_name': 'BinaryCrossentropy', 'config': {'from_logits': false}}",
            Loss.BINARY_CROSSENTROPY,
            "{'class_name': 'Huber', 'config': {'delta': 1.0, 'reduction': 'sum_over_batch_size'}}",
            Loss.HUBER);
    for (Map.Entry<String, Loss> e : losses.entrySet()) {
      KerasModel m = trained("{'loss': " + e.getKey() + "}");
      assertEquals(e.getValue(), m.training().loss(), e.getKey());
      assertTrue(m.unsupportedTraining().isEmpty(), m.unsupportedTraining().toString());
    }
    KerasModel m =
        trained(
            "{'loss': 'mse', 'metrics': ['acc', 'mse', 'mae', 'rmse',"
                + " {'class_name': 'AUC', 'config': {}}, {'class_name': 'MeanMetricWrapper', 'config': {'name':"
                + " 'binary_accuracy'}}, 'TopKCategoricalAccuracy']}");
    assertEquals(
        List.of(
            Metric.ACCURACY,
            Metric.MEAN_SQUARED_ERROR,
            Metric.MEAN_ABSOLUTE_ERROR,
            Metric.ROOT_MEAN_SQUARED_ERROR,
            Metric.AUC,
            Metric.BINARY_ACCURACY,
            Metric.TOP_K_CATEGORICAL_ACCURACY),
        m.training().metrics());
    Map<String, OptimizerType> optimizers =
        Map.of(
            "'adam'",
            OptimizerType.ADAM,
            "'RMSprop'",
            OptimizerType.RMSPROP,
            "{'class_name': 'Custom>AdamW', 'config': {'weight_decay': 0.004}}",
            OptimizerType.ADAMW,
            "{'class_name': 'Addons>Adagrad', 'config': {}}",
            OptimizerType.ADAGRAD);
    for (Map.Entry<String, OptimizerType> e : optimizers.entrySet()) {
      m = trained("{'loss': 'mse', 'optimizer_config': " + e.getKey() + "}");
      assertEquals(e.getValue(), m.training().optimizer().type(), e.getKey());
      assertTrue(m.unsupportedTraining().isEmpty(), m.unsupportedTraining().toString());
    }
    m =
        trained(
            "{'loss': 'mse', 'optimizer_config': {'class_name': 'SGD', 'config': {'learning_rate': {'class_name':"
                + " 'exponential_decay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 10, 'decay_rate': 0.5}}}}}");
    assertEquals(
        LearningRateSchedule.Type.EXPONENTIAL_DECAY,
        ((LearningRateSchedule) m.training().optimizer().args().get("schedule")).type());
  }

  @Test
  void unknownLossMetricOptimizerAndScheduleNamesAreNamedWithTheSupportedOnes() throws IOException {
    KerasModel m =
        trained(
            "{'loss': 'mean_squared_eror', 'metrics': ['r2_score'], 'optimizer_config': {'class_name':"
                + " 'Lion', 'config': {}}}");
    assertEquals(
        List.of(
            "loss 'mean_squared_eror' (supported: binary_crossentropy, categorical_crossentropy,"
                + " sparse_categorical_crossentropy, mean_squared_error, mean_absolute_error, huber, hinge, kl_divergence,"
                + " poisson, log_cosh); did you mean 'mean_squared_error'?",
            "metric 'r2_score' (supported: accuracy,"
                + " binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, auc, precision, recall,"
                + " top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, mean_squared_error, mean_absolute_error,"
                + " root_mean_squared_error)",
            "optimizer 'Lion' (supported: sgd, adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam, ftrl)"),
        m.unsupportedTraining());
    m =
        trained(
            "{'loss': 'mse', 'optimizer_config': {'class_name': 'SGD', 'config': {'learning_rate': {'class_name':"
                + " 'CyclicalLearningRate', 'config': {}}}}}");
    assertEquals(
        List.of(
            "optimizer SGD: learning_rate=CyclicalLearningRate{} (a learning-rate schedule kestimator does"
                + " not have; supported: ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay,"
                + " CosineDecay)"),
        m.unsupportedTraining());
  }

  private static final String KERAS1 =
      "{\"class_name\": \"Sequential\", \"keras_version\": \"1.2.2\", \"config\": ["
          + "{\"class_name\": \"Embedding\", \"config\": {\"name\": \"embedding_1\", \"input_dim\": 20, \"output_dim\": 4,"
          + " \"input_length\": 10, \"dropout\": 0.2, \"init\": \"uniform\", \"W_regularizer\": null, \"W_constraint\": null,"
          + " \"mask_zero\": false, \"activity_regularizer\": null, \"trainable\": true, \"batch_input_shape\": [null, 10],"
          + " \"input_dtype\": \"int32\"}},"
          + "{\"class_name\": \"Convolution1D\", \"config\": {\"name\": \"convolution1d_1\", \"nb_filter\": 3, \"filter_length\": 2,"
          + " \"init\": \"glorot_uniform\", \"activation\": \"relu\", \"border_mode\": \"valid\", \"subsample_length\": 1,"
          + " \"W_regularizer\": null, \"b_regularizer\": null, \"activity_regularizer\": null, \"W_constraint\": null,"
          + " \"b_constraint\": null, \"bias\": true, \"input_dim\": null, \"input_length\": null, \"trainable\": true}},"
          + "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"maxpooling1d_1\", \"pool_length\": 3, \"stride\": null,"
          + " \"border_mode\": \"valid\", \"trainable\": true}},"
          + "{\"class_name\": \"Reshape\", \"config\": {\"name\": \"reshape_1\", \"target_shape\": [3, 3, 1], \"trainable\": true}},"
          + "{\"class_name\": \"Convolution2D\", \"config\": {\"name\": \"convolution2d_1\", \"nb_filter\": 2, \"nb_row\": 2,"
          + " \"nb_col\": 2, \"init\": \"glorot_uniform\", \"activation\": \"linear\", \"border_mode\": \"same\","
          + " \"subsample\": [1, 1], \"dim_ordering\": \"tf\", \"W_regularizer\": null, \"b_regularizer\": null,"
          + " \"activity_regularizer\": null, \"W_constraint\": null, \"b_constraint\": null, \"bias\": true, \"trainable\": true}},"
          + "{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"maxpooling2d_1\", \"pool_size\": [2, 2], \"strides\": [1, 1],"
          + " \"border_mode\": \"valid\", \"dim_ordering\": \"tf\", \"trainable\": true}},"
          + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten_1\", \"trainable\": true}},"
          + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"output_dim\": 1, \"init\": \"glorot_uniform\","
          + " \"activation\": \"sigmoid\", \"W_regularizer\": null, \"b_regularizer\": null, \"activity_regularizer\": null,"
          + " \"W_constraint\": null, \"b_constraint\": null, \"bias\": true, \"input_dim\": null, \"trainable\": true}}]}";

  @Test
  void keras1ConvolutionsAndEmbeddingDropoutRead() {
    KerasModel m = KerasConfigReader.readJson(KERAS1, "keras1.json");
    LayerSpec conv1 = m.layers().get(1);
    assertEquals(LayerKind.CONV1D, conv1.kind());
    assertEquals(
        Map.of(
            "filters",
            3L,
            "kernelSize",
            List.of(2L),
            "kernelInitializer",
            Initializer.GLOROT_UNIFORM,
            "activation",
            Activation.RELU,
            "padding",
            "valid",
            "strides",
            List.of(1L),
            "useBias",
            true),
        conv1.args());
    LayerSpec conv2 = m.layers().get(4);
    assertEquals(LayerKind.CONV2D, conv2.kind());
    assertEquals(List.of(2L, 2L), conv2.args().get("kernelSize"));
    assertEquals("same", conv2.args().get("padding"));
    assertEquals(List.of(3L), m.layers().get(2).args().get("poolSize"));
    assertEquals(Initializer.RANDOM_UNIFORM, m.layers().get(0).args().get("embeddingsInitializer"));
    assertEquals(
        List.of(
            "layer 'embedding_1' (Embedding): Keras 1 dropout=0.2 (drops whole embedding rows while"
                + " training)"),
        m.unsupportedTraining());
    ModelAnalyzer.Analysis a = ModelAnalyzer.analyze(m.toSpec(m.compile()));
    assertTrue(a.ok(), a.problems().toString());

    KerasFormatException e =
        refused(
            KERAS1.replace(
                "\"dim_ordering\": \"tf\", \"W_regularizer\"",
                "\"dim_ordering\": \"th\", \"W_regularizer\""));
    assertEquals(
        "[KerasUnsupportedValue] m.json: layer 'convolution2d_1' (Convolution2D): argument dim_ordering='th' is not"
            + " supported (only 'tf', channels last)",
        e.getMessage());
  }

  @Test
  void keras1Convolution1DKernelsLoseTheirUnitAxis() {
    KerasModel m = KerasConfigReader.readJson(KERAS1, "keras1.json");
    Model model = ModelAnalyzer.analyze(m.toSpec(m.compile())).model();
    Map<String, List<KerasWeights.Stored>> stored = new LinkedHashMap<>();
    for (var layer : model.layers()) {
      List<KerasWeights.Stored> ws = new java.util.ArrayList<>();
      for (var w : layer.weights()) {
        int[] shape = w.shape().dims().stream().mapToInt(Integer::intValue).toArray();
        if (layer.name().equals("convolution1d_1") && w.name().equals("kernel")) {
          shape = new int[] {shape[0], 1, shape[1], shape[2]};
        }
        int size = 1;
        for (int d : shape) {
          size *= d;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
          values[i] = i;
        }
        String keras1 = w.name().equals("kernel") || w.name().equals("embeddings") ? "W" : "b";
        ws.add(
            new KerasWeights.Stored(
                layer.name() + "_" + keras1 + ":0", new KerasWeights.Array(shape, values)));
      }
      stored.put(layer.name(), ws);
    }
    KerasWeights w = KerasWeights.match("keras1.h5", model, stored, null);
    assertArrayEquals(new int[] {2, 4, 3}, w.get("convolution1d_1", "kernel").shape());
    assertEquals(23f, w.get("convolution1d_1", "kernel").values()[23]);
    assertArrayEquals(new int[] {2, 2, 1, 2}, w.get("convolution2d_1", "kernel").shape());
  }
}
