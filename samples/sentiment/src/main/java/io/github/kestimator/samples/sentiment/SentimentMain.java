package io.github.kestimator.samples.sentiment;

import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.export.BestExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The seed's model end to end on raw text: adapt the vocabulary, train with {@code
 * trainAndEvaluate}, keep the best export by AUC (its vocabulary travels with it as a SavedModel
 * asset), then serve that export with the generated predictor, from a review string.
 *
 * <p>Arguments: {@code [modelDir] [maxSteps]}; defaults {@code target/sentiment-model} and 2000.
 */
public final class SentimentMain {
  private SentimentMain() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Path.of(args.length > 0 ? args[0] : "target/sentiment-model");
    long maxSteps = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
    long started = System.nanoTime();

    List<Example<SentimentFeatures, SentimentLabels>> eval = Reviews.generate(3_200, 2);
    Input<SentimentFeatures, SentimentLabels> trainInput =
        Input.of(Reviews.endless(1)).batch(64).prefetch(4);
    // The training stream never ends, so the vocabulary adapts on 20,000 reviews of the same
    // stream.
    Input<SentimentFeatures, SentimentLabels> adaptInput =
        Input.of(Reviews.generate(20_000, 1)).batch(256);
    Input<SentimentFeatures, SentimentLabels> evalInput = Input.of(eval).batch(64);

    System.out.println(SentimentEstimator.modelSummary());
    try (SentimentEstimator estimator =
        SentimentEstimator.builder()
            .runConfig(
                RunConfig.builder()
                    .modelDir(modelDir)
                    .randomSeed(42)
                    .saveCheckpointsSteps(500)
                    .build())
            .build()) {
      SentimentMetrics m =
          estimator
              .trainAndEvaluate(
                  TrainSpec.of(trainInput).maxSteps(maxSteps).adaptOn(adaptInput),
                  EvalSpec.of(evalInput)
                      .steps(50)
                      .throttle(Duration.ZERO)
                      .exporters(BestExporter.maximize("best", SentimentMetrics::auc)))
              .orElseThrow(); // a single process (no TF_CONFIG) always evaluates
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "final metrics: loss=%.4f accuracy=%.4f auc=%.4f global_step=%d%n",
          m.loss(),
          m.accuracy(),
          m.auc(),
          m.globalStep());
      System.out.printf(Locale.ROOT, "wall time: %.1f s%n", seconds);

      Path best =
          estimator
              .latestExport("best")
              .orElseThrow(() -> new IllegalStateException("no export in " + modelDir));
      System.out.println("export: " + best.toAbsolutePath());
      try (SentimentPredictor predictor = SentimentPredictor.load(best)) {
        Example<SentimentFeatures, SentimentLabels> review = eval.get(0);
        String text = review.features().review();
        SentimentPredictions p = predictor.predict(new SentimentFeatures(text));
        System.out.printf(
            Locale.ROOT, "review: \"%s ...\"%n", text.substring(0, text.indexOf(' ', 60)));
        System.out.printf(
            Locale.ROOT,
            "prediction: score=%.4f (label %.0f)%n",
            p.score(),
            review.labels().score());
      }
    }
  }
}
