package io.github.kestimator.samples.sentiment;

import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.export.BestExporter;
import io.github.kestimator.runtime.export.FinalExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The sentiment model trained by whatever task {@code TF_CONFIG} names: the same jar and the same
 * code on every host. Without TF_CONFIG it trains in this one process. With it, a {@code ps} serves
 * variables (and never returns), the {@code chief} and {@code worker}s train, and the {@code
 * evaluator} evaluates each new checkpoint and writes the exports. See {@code
 * samples/distributed/run-local-cluster.sh}.
 *
 * <p>Arguments: {@code modelDir maxSteps}. The model directory must be shared by the chief and the
 * evaluator (a network file system on real hosts).
 */
public final class SentimentCluster {
  private SentimentCluster() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Path.of(args.length > 0 ? args[0] : "target/sentiment-cluster");
    long maxSteps = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
    TfConfig task = TfConfig.fromEnvironment();
    // Each training task reads its own stream of reviews, as a tf input_fn shards its data by task.
    long seed = task.taskType() == TfConfig.TaskType.WORKER ? 100 + task.taskIndex() : 1;
    Input<SentimentFeatures, SentimentLabels> trainInput =
        Input.of(Reviews.endless(seed)).batch(64).prefetch(4);
    Input<SentimentFeatures, SentimentLabels> adaptInput =
        Input.of(Reviews.generate(20_000, 1)).batch(256);
    Input<SentimentFeatures, SentimentLabels> evalInput =
        Input.of(Reviews.generate(3_200, 2)).batch(64);

    try (SentimentEstimator estimator =
        SentimentEstimator.builder()
            .runConfig(
                RunConfig.builder()
                    .modelDir(modelDir)
                    .randomSeed(42)
                    .saveCheckpointsSteps(200)
                    .build())
            .build()) {
      // Metrics on the evaluator or a single process; empty on the chief and workers, which do not
      // evaluate.
      estimator
          .trainAndEvaluate(
              TrainSpec.of(trainInput).maxSteps(maxSteps).adaptOn(adaptInput),
              EvalSpec.of(evalInput)
                  .steps(20)
                  .throttle(Duration.ofSeconds(20))
                  .exporters(
                      BestExporter.maximize("best", SentimentMetrics::auc),
                      FinalExporter.of("final")))
          .ifPresent(
              m -> {
                System.out.printf(
                    Locale.ROOT,
                    "final metrics: loss=%.4f accuracy=%.4f auc=%.4f global_step=%d%n",
                    m.loss(),
                    m.accuracy(),
                    m.auc(),
                    m.globalStep());
                estimator
                    .latestExport("final")
                    .ifPresent(e -> System.out.println("export: " + e.toAbsolutePath()));
              });
    }
  }
}
