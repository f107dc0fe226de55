package io.github.kestimator.runtime.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.format.ModelSpecJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The base of generated bindings: the model from its JSON description, and the errors of a version
 * mismatch.
 */
class GeneratedBindingTest {
  private static final ModelSpec SPEC =
      new ModelSpec(
          "Tiny",
          List.of(
              LayerSpec.of(
                  "score",
                  LayerKind.DENSE,
                  Map.of("units", 1, "activation", Activation.SIGMOID, "inputShape", List.of(4)))),
          new CompileSpec(
              new OptimizerSpec(OptimizerType.SGD, Map.of("learningRate", 0.5)),
              Loss.BINARY_CROSSENTROPY,
              false,
              List.of(Metric.ACCURACY)));

  /** Shaped as the processor writes it, without copies (the tests never call them). */
  static final class Binding extends GeneratedBinding<Object, Object, Object, Object> {
    Binding(String... json) {
      super(json);
    }

    @Override
    public void writeFeatures(Object features, TensorBatch batch, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void writeLabels(Object labels, TensorBatch batch, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object readFeatures(ColumnReader columns) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object readLabels(ColumnReader columns) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object prediction(OutputBatch outputs, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object metrics(MetricValues values) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void theModelIsAnalyzedFromItsDescriptionInParts() {
    String json = ModelSpecJson.write(SPEC);
    int cut = json.length() / 2;
    Binding binding = new Binding(json.substring(0, cut), json.substring(cut));
    assertEquals(ModelAnalyzer.analyze(SPEC).orThrow(), binding.model());
    assertEquals(binding.model().summary(), binding.summary());
    assertEquals(binding.model(), new Binding(json).model());
  }

  @Test
  void aDescriptionFromANewerProcessorSaysSo() {
    String json = ModelSpecJson.write(SPEC).replace("\"format\":1", "\"format\":7");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Binding(json));
    assertEquals(
        Binding.class.getName()
            + ": cannot read the model description the annotation processor wrote (the"
            + " model description has format 7, written by a newer kestimator processor; this runtime reads format 1 (use the"
            + " same kestimator version for both)); are kestimator-processor and kestimator-runtime the same version?",
        e.getMessage());
  }

  @Test
  void aModelThisRuntimeRejectsListsItsProblems() {
    String json = ModelSpecJson.write(SPEC).replace("\"units\":1", "\"units\":0");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Binding(json));
    assertTrue(
        e.getMessage()
            .startsWith(
                Binding.class.getName()
                    + ": model 'Tiny' was accepted by the annotation processor"
                    + " but this runtime rejects it; are kestimator-processor and kestimator-runtime the same version?\n  "),
        e.getMessage());
    assertTrue(e.getMessage().contains("units"), e.getMessage());
  }
}
