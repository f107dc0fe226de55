package io.github.kestimator.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adapt throughput on reviews shaped like the sentiment sample's (100 words drawn uniformly from a
 * 9,999-word vocabulary, capitalized and punctuated now and then), TextVectorization with maxTokens
 * 10,000: logs rows per second, and checks the vocabulary is full and in Keras' order.
 */
class AdaptThroughputTest {
  @Test
  void adaptsSentimentSizedReviews() {
    int rows = 20_000;
    SplittableRandom random = new SplittableRandom(1);
    String[] batch = new String[256];
    VocabularyBuilder<String> b = new VocabularyBuilder<>(false);
    long start = System.nanoTime();
    try (TextTokenizer t = new TextTokenizer("lower_and_strip_punctuation", "whitespace", null)) {
      int done = 0;
      while (done < rows) {
        int n = Math.min(batch.length, rows - done);
        for (int i = 0; i < n; i++) {
          StringBuilder r = new StringBuilder();
          for (int w = 0; w < 100; w++) {
            int id = random.nextInt(1, 10_000);
            r.append(w == 0 ? "W" : " w").append(id).append(id % 17 == 0 ? "," : "");
          }
          batch[i] = r.append('.').toString();
        }
        t.tokens(n == batch.length ? batch : java.util.Arrays.copyOf(batch, n)).forEach(b::add);
        done += n;
      }
    }
    VocabularyBuilder.Result<String> r = b.finish(List.of("", "[UNK]"), 10_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "adapt: %d rows of 100 words in %.2f s = %.0f rows/s (%d distinct tokens)%n",
        rows, seconds, rows / seconds, b.distinct());
    assertEquals(10_000, r.vocabulary().size());
    assertEquals(List.of("", "[UNK]"), r.vocabulary().subList(0, 2));
  }
}
