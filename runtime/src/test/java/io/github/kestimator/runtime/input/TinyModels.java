package io.github.kestimator.runtime.input;

import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import java.util.List;
import java.util.Map;

/** Two tiny models and bindings written by hand the way the processor generates them. */
final class TinyModels {
  private TinyModels() {}

  // --- Words: Embedding(inputDim 10, inputLength 3) -> Flatten -> Dense(1, sigmoid); int[3] in, float label.

  record WordsFeatures(int[] words_input) {}

  record WordsLabels(float score) {}

  static final Model WORDS = ModelAnalyzer.analyze(new ModelSpec("Words", List.of(
      LayerSpec.of("words", LayerKind.EMBEDDING, Map.of("inputDim", 10, "outputDim", 4, "inputLength", 3)),
      LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
      LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", io.github.kestimator.model.Activation.SIGMOID))),
      new CompileSpec(OptimizerSpec.of(OptimizerType.ADAM), Loss.BINARY_CROSSENTROPY, false, List.of(Metric.ACCURACY))))
      .orThrow();

  static final class WordsBinding implements ModelBinding<WordsFeatures, WordsLabels, Float, MetricValues> {
    @Override
    public Model model() {
      return WORDS;
    }

    @Override
    public void writeFeatures(WordsFeatures f, TensorBatch batch, int row) {
      batch.put(0, row, f.words_input());
    }

    @Override
    public void writeLabels(WordsLabels l, TensorBatch batch, int row) {
      batch.put(0, row, l.score());
    }

    @Override
    public WordsFeatures readFeatures(ColumnReader columns) {
      return new WordsFeatures(columns.getInts("words_input", 3));
    }

    @Override
    public WordsLabels readLabels(ColumnReader columns) {
      return new WordsLabels(columns.getFloat("score"));
    }

    @Override
    public Float prediction(OutputBatch outputs, int row) {
      return outputs.getFloat(0, row);
    }

    @Override
    public MetricValues metrics(MetricValues values) {
      return values;
    }
  }

  // --- Points: Dense(3 classes, softmax, inputShape 2); float[2] in, sparse int class label.

  record PointsFeatures(float[] classify_input) {}

  record PointsLabels(int classify) {}

  static final Model POINTS = ModelAnalyzer.analyze(new ModelSpec("Points", List.of(
      LayerSpec.of("classify", LayerKind.DENSE, Map.of("units", 3, "inputShape", List.of(2),
          "activation", io.github.kestimator.model.Activation.SOFTMAX))),
      new CompileSpec(OptimizerSpec.of(OptimizerType.SGD), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, List.of())))
      .orThrow();

  static final class PointsBinding implements ModelBinding<PointsFeatures, PointsLabels, float[], MetricValues> {
    @Override
    public Model model() {
      return POINTS;
    }

    @Override
    public void writeFeatures(PointsFeatures f, TensorBatch batch, int row) {
      batch.put(0, row, f.classify_input());
    }

    @Override
    public void writeLabels(PointsLabels l, TensorBatch batch, int row) {
      batch.put(0, row, l.classify());
    }

    @Override
    public PointsFeatures readFeatures(ColumnReader columns) {
      return new PointsFeatures(columns.getFloats("classify_input", 2));
    }

    @Override
    public PointsLabels readLabels(ColumnReader columns) {
      return new PointsLabels(columns.getInt("classify"));
    }

    @Override
    public float[] prediction(OutputBatch outputs, int row) {
      return outputs.getFloats(0, row);
    }

    @Override
    public MetricValues metrics(MetricValues values) {
      return values;
    }
  }
}
