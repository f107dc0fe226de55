package io.github.kestimator.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.MergeMode;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import io.github.kestimator.model.Regularizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecJsonTest {
  private static final CompileSpec BCE =
      new CompileSpec(
          new OptimizerSpec(OptimizerType.ADAM, Map.of("learningRate", 0.001)),
          Loss.BINARY_CROSSENTROPY,
          false,
          List.of(Metric.ACCURACY, Metric.AUC));

  private static ModelSpec roundTrip(ModelSpec spec) {
    ModelSpec back = ModelSpecJson.read(ModelSpecJson.write(spec));
    assertEquals(
        back, ModelSpecJson.read(ModelSpecJson.write(back)), "what was read reads back the same");
    return back;
  }

  /** A value of the parameter's type, not its default, in the form the spec holds after reading. */
  private static Object sample(ParamDef def, int i) {
    return switch (def.type()) {
      case INT -> 3 + i;
      case DOUBLE -> 0.25 + i;
      case BOOLEAN -> !Boolean.TRUE.equals(def.defaultValue());
      case STRING -> "s\"\\\u00e9\n" + i;
      case INTS -> List.of(2, 3 + i);
      case LONG -> 5L + i;
      case STRINGS -> List.of("", "[UNK]", "caf\u00e9 \"x\"\n" + i);
      case DOUBLES -> List.of(-1.5, 2.0, 1e-7 * i);
      case LONGS -> List.of(-1L, 1L << 40, (long) i);
      case ACTIVATION,
          PADDING,
          DTYPE,
          MERGE_MODE,
          STANDARDIZE,
          SPLIT,
          OUTPUT_MODE,
          FAN_MODE,
          DISTRIBUTION -> {
        Enum<?>[] constants = def.type().enumType().getEnumConstants();
        yield constants[i % constants.length];
      }
      case REGULARIZER -> new Regularizer(0.01 * (i + 1), 0.5);
      case INITIALIZER ->
          io.github.kestimator.model.Initializer.of(
              io.github.kestimator.model.InitializerType.RANDOM_NORMAL,
              Map.of("stddev", 0.25 + i, "seed", i));
      case CONSTRAINT ->
          io.github.kestimator.model.Constraint.of(
              io.github.kestimator.model.ConstraintType.MIN_MAX_NORM,
              Map.of("maxValue", 1.5 + i, "axis", List.of(0, -1)));
      case SCHEDULE -> LearningRateSchedule.cosineDecay(1000, 0.1, 0.2 + i, 10);
    };
  }

  private static Map<String, Object> everyParameter(List<ParamDef> defs) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      args.put(defs.get(i).name(), sample(defs.get(i), i));
    }
    return args;
  }

  @Test
  void everyKindWithEveryParameterReadsBackEqual() {
    List<LayerSpec> layers = new ArrayList<>();
    for (LayerKind kind : LayerKind.values()) {
      LayerSpec wrapped =
          kind == LayerKind.BIDIRECTIONAL
              ? new LayerSpec(
                  "inner", LayerKind.GRU, List.of(), everyParameter(LayerKind.GRU.params()), null)
              : null;
      List<String> from =
          layers.isEmpty() ? List.of() : List.of(layers.get(layers.size() - 1).name(), "x\u00e9");
      layers.add(
          new LayerSpec(
              kind.name().toLowerCase(java.util.Locale.ROOT),
              kind,
              from,
              everyParameter(kind.params()),
              wrapped));
    }
    for (OptimizerType type : OptimizerType.values()) {
      ModelSpec spec =
          new ModelSpec(
              "Every \"kind\"",
              layers,
              new CompileSpec(
                  new OptimizerSpec(type, everyParameter(type.params())),
                  Loss.values()[1],
                  true,
                  List.of(Metric.values())));
      assertEquals(spec, roundTrip(spec), type.name());
      assertEquals(ModelSpecJson.write(spec), ModelSpecJson.write(roundTrip(spec)), type.name());
    }
  }

  @Test
  void everyParameterTypeHasASample() {
    for (ParamType type : ParamType.values()) {
      ParamDef def = ParamDef.of("p", type, null);
      assertEquals(
          type.coerce(sample(def, 1)),
          type.coerce(
              ModelSpecJson.read(
                      ModelSpecJson.write(
                          new ModelSpec(
                              "M",
                              List.of(
                                  LayerSpec.of("l", LayerKind.DENSE, Map.of("p", sample(def, 1)))),
                              null)))
                  .layers()
                  .get(0)
                  .args()
                  .get("p")),
          type.name());
    }
  }

  @Test
  void everyScheduleReadsBackEqual() {
    for (LearningRateSchedule schedule :
        List.of(
            LearningRateSchedule.NONE,
            LearningRateSchedule.exponentialDecay(100, 0.9, true),
            LearningRateSchedule.inverseTimeDecay(10, 0.5, false),
            LearningRateSchedule.piecewiseConstantDecay(
                List.of(10.0, 100.0), List.of(0.1, 0.05, 0.01)),
            LearningRateSchedule.polynomialDecay(1000, 0.001, 2, true),
            LearningRateSchedule.cosineDecay(500, 0.1, -1, 0))) {
      ModelSpec spec =
          new ModelSpec(
              "M",
              List.of(LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1))),
              new CompileSpec(
                  new OptimizerSpec(OptimizerType.SGD, Map.of("schedule", schedule)),
                  Loss.MEAN_SQUARED_ERROR,
                  false,
                  List.of()));
      assertEquals(
          schedule,
          roundTrip(spec).compile().optimizer().args().get("schedule"),
          schedule.type().name());
    }
    assertEquals(
        LearningRateSchedule.Type.values().length, 6, "a new schedule type needs a case above");
  }

  /**
   * What the processor's annotations give: enum names as written, nested annotations as maps,
   * Floats, Longs.
   */
  @Test
  void rawAnnotationValuesAnalyzeToTheSameModel() {
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("value", "PIECEWISE_CONSTANT_DECAY");
    schedule.put("decaySteps", 0.0);
    schedule.put("boundaries", List.of(10.0, 100.0));
    schedule.put("values", List.of(0.1, 0.05, 0.01));
    ModelSpec spec =
        new ModelSpec(
            "Raw",
            List.of(
                LayerSpec.of(
                    "words",
                    LayerKind.EMBEDDING,
                    Map.of(
                        "inputDim",
                        1000L,
                        "outputDim",
                        8,
                        "inputLength",
                        20,
                        "embeddingsRegularizer",
                        Map.of("l1", 0.0, "l2", 0.01))),
                new LayerSpec(
                    "bi",
                    LayerKind.BIDIRECTIONAL,
                    List.of(),
                    Map.of("mergeMode", "sum"),
                    LayerSpec.of(
                        "bi",
                        LayerKind.LSTM,
                        Map.of("units", 4, "activation", "relu", "dropout", 0.25f))),
                LayerSpec.of(
                    "score",
                    LayerKind.DENSE,
                    Map.of("units", 1, "activation", Activation.SIGMOID))),
            new CompileSpec(
                new OptimizerSpec(
                    OptimizerType.SGD,
                    Map.of("learningRate", 0.1, "schedule", List.of(schedule), "nesterov", true)),
                Loss.BINARY_CROSSENTROPY,
                false,
                List.of(Metric.ACCURACY)));
    ModelSpec back = roundTrip(spec);
    assertSameModel(ModelAnalyzer.analyze(spec).orThrow(), ModelAnalyzer.analyze(back).orThrow());
    assertEquals(MergeMode.SUM, back.layers().get(1).args().get("mergeMode"));
    assertEquals(
        new Regularizer(0.0, 0.01), back.layers().get(0).args().get("embeddingsRegularizer"));
    assertEquals(1000, back.layers().get(0).args().get("inputDim"));
  }

  /**
   * Equal but for the compile settings' raw optimizer arguments, which the model keeps as written.
   */
  private static void assertSameModel(Model want, Model got) {
    assertEquals(want.layers(), got.layers());
    assertEquals(want.features(), got.features());
    assertEquals(want.outputs(), got.outputs());
    assertEquals(want.optimizer(), got.optimizer());
    assertEquals(want.metrics(), got.metrics());
    assertEquals(want.summary(), got.summary());
    assertEquals(want.learningRate(), got.learningRate());
  }

  @Test
  void aFunctionalModelWithInfinitiesAnalyzesToTheSameModel() {
    ModelSpec spec =
        new ModelSpec(
            "Functional",
            List.of(
                LayerSpec.of("a", LayerKind.INPUT, Map.of("shape", List.of(4))),
                LayerSpec.of("b", LayerKind.INPUT, Map.of("shape", List.of(4))),
                LayerSpec.of(
                        "relu",
                        LayerKind.RELU,
                        Map.of("maxValue", Double.POSITIVE_INFINITY, "threshold", 0.0))
                    .from("a"),
                LayerSpec.of("sum", LayerKind.ADD, Map.of()).from("relu", "b"),
                LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 2))),
            new CompileSpec(
                OptimizerSpec.of(OptimizerType.ADAM),
                Loss.CATEGORICAL_CROSSENTROPY,
                true,
                List.of()));
    Model model = ModelAnalyzer.analyze(spec).orThrow();
    assertEquals(model, ModelAnalyzer.analyze(roundTrip(spec)).orThrow());
    assertEquals(model.summary(), ModelAnalyzer.analyze(roundTrip(spec)).orThrow().summary());
  }

  @Test
  void theTextHasOneLayerPerLine() {
    ModelSpec spec =
        new ModelSpec(
            "Sentiment",
            List.of(
                LayerSpec.of("words", LayerKind.EMBEDDING, Map.of("inputDim", 10_000)),
                new LayerSpec(
                    "score",
                    LayerKind.DENSE,
                    List.of("words"),
                    Map.of("activation", "sigmoid"),
                    null),
                LayerSpec.of("flat", LayerKind.FLATTEN, Map.of())),
            BCE);
    assertEquals(
        "{\"format\":1,\"name\":\"Sentiment\",\"layers\":[\n"
            + "{\"name\":\"words\",\"kind\":\"EMBEDDING\",\"args\":{\"inputDim\":10000}},\n"
            + "{\"name\":\"score\",\"kind\":\"DENSE\",\"from\":[\"words\"],\"args\":{\"activation\":\"sigmoid\"}},\n"
            + "{\"name\":\"flat\",\"kind\":\"FLATTEN\"}],\n"
            + "\"compile\":{\"optimizer\":{\"type\":\"ADAM\",\"args\":{\"learningRate\":0.001}},\"loss\":\"BINARY_CROSSENTROPY\","
            + "\"fromLogits\":false,\"metrics\":[\"ACCURACY\",\"AUC\"]}}",
        ModelSpecJson.write(spec));
    assertEquals(
        Activation.SIGMOID,
        ModelSpecJson.read(ModelSpecJson.write(spec)).layers().get(1).args().get("activation"));
  }

  @Test
  void aSpecWithoutCompileSettingsReadsBackWithout() {
    ModelSpec spec =
        new ModelSpec("M", List.of(LayerSpec.of("out", LayerKind.DENSE, Map.of("units", 1))), null);
    assertEquals(spec, roundTrip(spec));
    assertTrue(ModelSpecJson.write(spec).endsWith("\"compile\":null}"), ModelSpecJson.write(spec));
  }

  @Test
  void valuesJsonCannotHoldAreNamed() {
    ModelSpec spec =
        new ModelSpec(
            "M",
            List.of(
                LayerSpec.of(
                    "out",
                    LayerKind.DENSE,
                    Map.of(
                        "units",
                        new Object() {
                          @Override
                          public String toString() {
                            return "thing";
                          }
                        }))),
            null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelSpecJson.write(spec));
    assertTrue(
        e.getMessage().startsWith("argument 'units' of layer 'out': cannot write thing ("),
        e.getMessage());
  }

  @Test
  void badDescriptionsAreNamed() {
    assertEquals(
        "the model description has format 2, written by a newer kestimator processor; this runtime reads"
            + " format 1 (use the same kestimator version for both)",
        message("{\"format\":2}"));
    assertEquals(
        "the model description: expected \"format\" to be a positive integer, got null",
        message("{}"));
    assertEquals("the model description: expected a JSON object, got [1]", message("[1]"));
    assertTrue(
        message("{\"format\":1,").startsWith("invalid JSON at line 1, column 13"),
        message("{\"format\":1,"));
    assertEquals(
        "\"kind\" of layer 1 ('x'): expected one of "
            + java.util.Arrays.toString(LayerKind.values())
            + ", got \"DENS\"",
        message("{\"format\":1,\"name\":\"M\",\"layers\":[{\"name\":\"x\",\"kind\":\"DENS\"}]}"));
    assertEquals(
        "layer 2: expected \"name\" to be a string, got 3",
        message(
            "{\"format\":1,\"name\":\"M\",\"layers\":[{\"name\":\"x\",\"kind\":\"DENSE\"},{\"name\":3}]}"));
    assertEquals(
        "argument 'activation' of layer 'x': expected one of "
            + java.util.Arrays.toString(Activation.values())
            + ", got \"purple\"",
        message(
            "{\"format\":1,\"name\":\"M\",\"layers\":[{\"name\":\"x\",\"kind\":\"DENSE\","
                + "\"args\":{\"activation\":\"purple\"}}]}"));
    assertEquals(
        "\"loss\": expected one of " + java.util.Arrays.toString(Loss.values()) + ", got \"hinge\"",
        message(
            "{\"format\":1,\"name\":\"M\",\"layers\":[],\"compile\":{\"optimizer\":{\"type\":\"SGD\"},\"loss\":\"hinge\"}}"));
  }

  private static String message(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ModelSpecJson.read(json))
        .getMessage();
  }
}
