package io.github.kestimator.samples.kerasjson;

import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains the model of {@code src/main/keras/churn.json}, a Keras functional model with the inputs
 * {@code age} and {@code tags}: no Java model class is written by hand. The plugin generated {@code
 * Churn} from the JSON, the processor {@code ChurnEstimator} and the records.
 *
 * <p>Synthetic customers: churned when {@code age - tags[0] + tags[1] > 0}.
 */
public final class ChurnMain {
  private ChurnMain() {}

  public static void main(String[] args) {
    Path modelDir = Path.of(args.length > 0 ? args[0] : "target/churn-model");
    System.out.println(ChurnEstimator.modelSummary());
    try (ChurnEstimator estimator = ChurnEstimator.builder().modelDir(modelDir).build()) {
      long step =
          estimator.train(
              Input.of(customers(8_192, 1)).shuffle(1_000, 3).batch(64).repeat(), 3_000);
      ChurnMetrics m = estimator.evaluate(Input.of(customers(2_048, 2)).batch(256));
      System.out.printf(
          Locale.ROOT,
          "final metrics: loss=%.4f accuracy=%.4f auc=%.4f global_step=%d%n",
          m.loss(),
          m.accuracy(),
          m.auc(),
          step);
    }
  }

  static List<Example<ChurnFeatures, ChurnLabels>> customers(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example<ChurnFeatures, ChurnLabels>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float age = (float) random.nextGaussian();
      float[] tags = new float[4];
      for (int t = 0; t < tags.length; t++) {
        tags[t] = (float) random.nextGaussian();
      }
      float churned = age - tags[0] + tags[1] > 0 ? 1f : 0f;
      out.add(Example.of(new ChurnFeatures(age, tags), new ChurnLabels(churned)));
    }
    return out;
  }
}
