package io.github.kestimator.samples.sentiment;

import io.github.kestimator.runtime.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic reviews by the W1 rule of the project's workloads: 100 token ids uniform in 1..9999;
 * the review is positive when more of its tokens fall in 1..500 ("positive words") than in
 * 501..1000 ("negative words").
 */
final class Reviews {
  static final int LENGTH = 100;
  static final int VOCABULARY = 10_000;

  private Reviews() {}

  static List<Example<SentimentFeatures, SentimentLabels>> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example<SentimentFeatures, SentimentLabels>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] tokens = new int[LENGTH];
      int positive = 0;
      int negative = 0;
      for (int t = 0; t < LENGTH; t++) {
        tokens[t] = random.nextInt(1, VOCABULARY);
        if (tokens[t] <= 500) {
          positive++;
        } else if (tokens[t] <= 1000) {
          negative++;
        }
      }
      out.add(Example.of(new SentimentFeatures(tokens), new SentimentLabels(positive > negative ? 1f : 0f)));
    }
    return out;
  }
}
