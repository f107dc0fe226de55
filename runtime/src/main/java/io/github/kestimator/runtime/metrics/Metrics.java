package io.github.kestimator.runtime.metrics;

import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All of a model's compiled metrics plus the loss, accumulated over one evaluation. Create one per
 * evaluation, feed every batch's outputs and labels ({@link #update}) and its mean loss ({@link
 * #addLoss}), then read {@link #results()}: keyed by {@link CompiledMetric#key()}, {@value #LOSS}
 * and, with several outputs, each output's loss ({@link Model#outputLossKeys()}).
 */
public final class Metrics {
  public static final String LOSS = "loss";

  private final Model model;
  private final List<CompiledMetric> specs;
  private final List<MetricAccumulator> accumulators = new ArrayList<>();
  private double lossSum;
  private long lossRows;
  private final List<String> outputLossKeys;
  private final double[] outputLossSums;

  private Metrics(Model model) {
    this.model = model;
    this.specs = model.metrics();
    this.outputLossKeys = model.outputLossKeys();
    this.outputLossSums = new double[outputLossKeys.size()];
    for (CompiledMetric spec : specs) {
      accumulators.add(MetricAccumulator.of(spec, output(spec.output())));
    }
  }

  public static Metrics of(Model model) {
    return new Metrics(model);
  }

  private Output output(String layer) {
    return model.outputs().stream()
        .filter(o -> o.layer().equals(layer))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "metric on '"
                        + layer
                        + "', which is not an output of model '"
                        + model.name()
                        + "'"));
  }

  /** Feeds output {@code slot}'s predictions and float labels of one batch to its metrics. */
  public void update(int slot, float[] predictions, float[] labels, int rows) {
    String layer = model.outputs().get(slot).layer();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).output().equals(layer)) {
        accumulators.get(i).update(predictions, labels, rows);
      }
    }
  }

  /** Feeds output {@code slot}'s predictions and class-id labels of one batch to its metrics. */
  public void update(int slot, float[] predictions, int[] labels, int rows) {
    String layer = model.outputs().get(slot).layer();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).output().equals(layer)) {
        accumulators.get(i).update(predictions, labels, rows);
      }
    }
  }

  /**
   * Adds a batch's mean loss of a model whose outputs have no losses of their own to report (one
   * output); the result is the mean over examples (batches weighted by rows).
   *
   * @throws IllegalArgumentException for a model with several outputs: use {@link #addLoss(double,
   *     float[], int)}
   */
  public void addLoss(double batchMeanLoss, int rows) {
    addLoss(batchMeanLoss, new float[0], rows);
  }

  /**
   * Adds a batch's total mean loss and each output's own mean loss (in output order, as {@link
   * Model#outputLossKeys()}: none with one output); results are means over examples.
   */
  public void addLoss(double batchMeanLoss, float[] outputMeanLosses, int rows) {
    if (outputMeanLosses.length != outputLossSums.length) {
      throw new IllegalArgumentException(
          "expected the losses of outputs "
              + outputLossKeys
              + ", got "
              + outputMeanLosses.length
              + " values");
    }
    for (int i = 0; i < outputMeanLosses.length; i++) {
      outputLossSums[i] += (double) outputMeanLosses[i] * rows;
    }
    lossSum += batchMeanLoss * rows;
    lossRows += rows;
  }

  /**
   * Every metric by key, and the loss when one was added: {@value #LOSS}, then each output's loss
   * ({@code <output>_loss}, with several outputs), then the compiled metrics.
   */
  public Map<String, Double> results() {
    Map<String, Double> out = new LinkedHashMap<>();
    if (lossRows > 0) {
      out.put(LOSS, lossSum / lossRows);
      for (int i = 0; i < outputLossKeys.size(); i++) {
        out.put(outputLossKeys.get(i), outputLossSums[i] / lossRows);
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      out.put(specs.get(i).key(), accumulators.get(i).result());
    }
    return out;
  }
}
