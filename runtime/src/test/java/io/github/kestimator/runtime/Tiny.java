package io.github.kestimator.runtime;

import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.TensorBatch;
import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.model.Activation;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny logistic regression, Dense(1, sigmoid) on 4 floats, with hand-written records, binding,
 * estimator and predictor shaped as the annotation processor generates them.
 */
final class Tiny {
  private Tiny() {}

  record Features(float[] score_input) {}

  record Labels(float score) {}

  record Prediction(float score) {}

  record Metrics(double loss, double accuracy, long globalStep) {}

  static Model tinyModel(String name, int inputs, double learningRate) {
    return ModelAnalyzer.analyze(new ModelSpec(name, List.of(
        LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", Activation.SIGMOID, "inputShape", List.of(inputs)))),
        new CompileSpec(new OptimizerSpec(OptimizerType.SGD, Map.of("learningRate", learningRate)), Loss.BINARY_CROSSENTROPY,
            false, List.of(Metric.ACCURACY)))).orThrow();
  }

  static final class Binding implements ModelBinding<Features, Labels, Prediction, Metrics> {
    static final Binding INSTANCE = new Binding(tinyModel("Tiny", 4, 0.5));
    private final Model model;
    private final String weightsResource;

    Binding(Model model) {
      this(model, null);
    }

    /** With starting weights, as {@code @KerasModel(weights = ...)} generates it. */
    Binding(Model model, String weightsResource) {
      this.model = model;
      this.weightsResource = weightsResource;
    }

    @Override
    public String initialWeightsResource() {
      return weightsResource;
    }

    @Override
    public Model model() {
      return model;
    }

    @Override
    public void writeFeatures(Features f, TensorBatch batch, int row) {
      batch.put(0, row, f.score_input());
    }

    @Override
    public void writeLabels(Labels l, TensorBatch batch, int row) {
      batch.put(0, row, l.score());
    }

    @Override
    public Features readFeatures(ColumnReader columns) {
      return new Features(columns.getFloats("score_input", model.features().get(0).shape().size()));
    }

    @Override
    public Labels readLabels(ColumnReader columns) {
      return new Labels(columns.getFloat("score"));
    }

    @Override
    public Prediction prediction(OutputBatch outputs, int row) {
      return new Prediction(outputs.getFloat(0, row));
    }

    @Override
    public Metrics metrics(MetricValues values) {
      return new Metrics(values.get("loss"), values.values().getOrDefault("accuracy", Double.NaN), values.globalStep());
    }
  }

  /** As the processor generates it: a final subclass with a private constructor and a builder. */
  static final class TinyEstimator extends Estimator<Features, Labels, Prediction, Metrics> {
    private TinyEstimator(ModelBinding<Features, Labels, Prediction, Metrics> binding, RunConfig config) {
      super(binding, config);
    }

    static EstimatorBuilder<TinyEstimator> builder() {
      return new EstimatorBuilder<>(c -> new TinyEstimator(Binding.INSTANCE, c));
    }

    static EstimatorBuilder<TinyEstimator> builder(Binding binding) {
      return new EstimatorBuilder<>(c -> new TinyEstimator(binding, c));
    }
  }

  static final class TinyPredictor extends Predictor<Features, Prediction> {
    private TinyPredictor(Path dir) {
      super(Binding.INSTANCE, dir);
    }

    static TinyPredictor load(Path dir) {
      return new TinyPredictor(dir);
    }
  }

  /** {@code n} examples labelled by a fixed linear rule, the same for the same seed. */
  static List<Example<Features, Labels>> data(int n, long seed) {
    Random r = new Random(seed);
    List<Example<Features, Labels>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[4];
      for (int j = 0; j < 4; j++) {
        x[j] = (float) r.nextGaussian();
      }
      float y = x[0] + 0.5f * x[1] - x[2] > 0 ? 1f : 0f;
      out.add(Example.of(new Features(x), new Labels(y)));
    }
    return out;
  }

  static List<Features> features(List<Example<Features, Labels>> data) {
    return data.stream().map(Example::features).toList();
  }

  /** 320 examples in 10 batches of 32, repeated in the same order forever. */
  static Input<Features, Labels> trainInput() {
    return Input.of(data(320, 1)).batch(32).repeat();
  }

  static Input<Features, Labels> evalInput() {
    return Input.of(data(128, 2)).batch(64);
  }

  static RunConfig.Builder config(Path dir) {
    return RunConfig.builder().modelDir(dir).randomSeed(7).saveCheckpointsSteps(50).saveSummarySteps(20).logStepCountSteps(100);
  }
}
