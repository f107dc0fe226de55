package io.github.kestimator.benchmarks;

import io.github.kestimator.runtime.Estimator;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Trains through a generated estimator, as a user would: typed examples, an {@link Input} that
 * batches, repeats and prefetches, and {@code train(input, steps, listener)} per epoch; the
 * listener sums the steps' losses for the epoch's mean training loss. The final loss is an
 * evaluation over the whole training set, outside the timed epochs, as for tfraw.
 */
final class EstimatorTrainee<F, L, M> implements Harness.Trainee {
  /** Batches the input keeps ready ahead of the training loop. */
  static final int PREFETCH = 4;

  private final Estimator<F, L, ?, M> estimator;
  private final Input<F, L> train;
  private final Input<F, L> eval;
  private final int stepsPerEpoch;
  private final ToDoubleFunction<M> loss;

  EstimatorTrainee(
      Estimator<F, L, ?, M> estimator,
      List<Example<F, L>> examples,
      Data data,
      ToDoubleFunction<M> loss) {
    this.estimator = estimator;
    this.train = Input.of(examples).batch(data.batchSize).repeat().prefetch(PREFETCH);
    this.eval = Input.of(examples).batch(data.batchSize);
    this.stepsPerEpoch = data.stepsPerEpoch();
    this.loss = loss;
  }

  /**
   * tf.estimator's defaults (summaries and step logs every 100 steps) except checkpoints: every
   * hour, i.e. none inside the timed epochs beyond what train() itself writes when it returns.
   */
  static RunConfig config(String option, Path modelDir) {
    RunConfig.Builder b =
        RunConfig.builder()
            .modelDir(modelDir)
            .randomSeed(Bench.modelSeed())
            .saveCheckpointsEvery(Duration.ofHours(1));
    if (option.equals("threads21")) {
      b.intraOpThreads(2).interOpThreads(1);
    } else if (!option.isEmpty()) {
      throw new IllegalArgumentException(
          "option " + option + " is for tfraw only; kestimator takes threads21");
    }
    return b.build();
  }

  static Harness.Trainee of(Data data, String option) {
    RunConfig config = config(option, tempDir());
    Bench.note("%s kestimator RunConfig: %s", data.workload, config);
    switch (data.workload) {
      case "w1":
        return new EstimatorTrainee<>(
            W1Estimator.builder().runConfig(config).build(), w1(data), data, W1Metrics::loss);
      case "w2":
        return new EstimatorTrainee<>(
            W2Estimator.builder().runConfig(config).build(), w2(data), data, W2Metrics::loss);
      case "w3":
        return new EstimatorTrainee<>(
            W3Estimator.builder().runConfig(config).build(), w3(data), data, W3Metrics::loss);
      default:
        throw new IllegalArgumentException("unknown workload " + data.workload);
    }
  }

  static List<Example<W1Features, W1Labels>> w1(Data d) {
    List<Example<W1Features, W1Labels>> out = new ArrayList<>(d.examples);
    for (int i = 0; i < d.examples; i++) {
      int[] tokens = Arrays.copyOfRange(d.intFeatures, i * d.featureSize, (i + 1) * d.featureSize);
      out.add(Example.of(new W1Features(tokens), new W1Labels(d.floatLabels[i])));
    }
    return out;
  }

  static List<Example<W2Features, W2Labels>> w2(Data d) {
    List<Example<W2Features, W2Labels>> out = new ArrayList<>(d.examples);
    for (int i = 0; i < d.examples; i++) {
      float[] x = Arrays.copyOfRange(d.floatFeatures, i * d.featureSize, (i + 1) * d.featureSize);
      out.add(Example.of(new W2Features(x), new W2Labels(d.floatLabels[i])));
    }
    return out;
  }

  static List<Example<W3Features, W3Labels>> w3(Data d) {
    List<Example<W3Features, W3Labels>> out = new ArrayList<>(d.examples);
    for (int i = 0; i < d.examples; i++) {
      float[] x = Arrays.copyOfRange(d.floatFeatures, i * d.featureSize, (i + 1) * d.featureSize);
      out.add(Example.of(new W3Features(x), new W3Labels(d.intLabels[i])));
    }
    return out;
  }

  @Override
  public double warmUp(int steps) {
    estimator.train(train, steps);
    return Double.NaN;
  }

  /**
   * The mean of the epoch's step losses (told by a StepListener), as Keras reports an epoch's loss.
   */
  @Override
  public double epoch() {
    double[] sum = {0};
    long[] n = {0};
    estimator.train(
        train,
        stepsPerEpoch,
        (step, loss) -> {
          sum[0] += loss;
          n[0]++;
        });
    return n[0] == 0 ? Double.NaN : sum[0] / n[0];
  }

  /** The fixed cost of each train() call: graph, session, restore, first run, final checkpoint. */
  @Override
  public void explain() {
    long start = System.nanoTime();
    estimator.train(train, 1);
    Bench.note(
        "one train(input, 1) call takes %.2f s (graph, session, restore, first step, checkpoint)",
        (System.nanoTime() - start) / 1e9);
  }

  @Override
  public double evaluatedLoss() {
    return loss.applyAsDouble(estimator.evaluate(eval));
  }

  /** Closes the estimator and deletes its temporary model directory. */
  @Override
  public void close() {
    estimator.close();
    delete(estimator.config().modelDir());
  }

  /** Deletes a directory tree: the benchmarks' model directories and exports are temporary. */
  static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kestimator-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
