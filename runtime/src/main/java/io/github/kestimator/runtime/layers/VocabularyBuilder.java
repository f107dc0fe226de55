package io.github.kestimator.runtime.layers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' {@code adapt} of an index lookup, streaming: documents (a row's tokens) go in one at a
 * time, and memory holds one counter per distinct token, never the data. {@link #finish} orders the
 * tokens as Keras' {@code IndexLookup.finalize_state}: by count descending, ties by the token
 * descending (strings by their UTF-8 bytes, as NumPy compares the byte strings TensorFlow exports;
 * integers by value), keeps at most {@code maxTokens} minus the special tokens, and puts the
 * special tokens first. For {@code tf_idf} it also gives Keras' idf weights: {@code log(1 +
 * documents / (1 + df))} per token, and their mean for each special index.
 *
 * @param <T> {@code String} (StringLookup, TextVectorization) or {@code Long} (IntegerLookup)
 */
public final class VocabularyBuilder<T extends Comparable<T>> {
  /** The adapted state: {@code get_vocabulary()} and, for tf_idf, one weight per index. */
  public record Result<T>(List<T> vocabulary, float[] idfWeights) {}

  private final Map<T, long[]> counts = new HashMap<>();
  private final boolean documentFrequencies;
  private long documents;

  /**
   * @param documentFrequencies count documents per token too (tf_idf)
   */
  public VocabularyBuilder(boolean documentFrequencies) {
    this.documentFrequencies = documentFrequencies;
  }

  /** One document's tokens (a row of the adapt data). */
  public void add(Collection<T> tokens) {
    documents++;
    for (T t : tokens) {
      counts.computeIfAbsent(t, k -> new long[2])[0]++;
    }
    if (documentFrequencies) {
      for (T t : new HashSet<>(tokens)) {
        counts.get(t)[1]++;
      }
    }
  }

  /** Distinct tokens so far. */
  public int distinct() {
    return counts.size();
  }

  /**
   * The vocabulary.
   *
   * @param specialTokens the mask and OOV tokens in Keras' order (e.g. {@code ["", "[UNK]"]});
   *     removed from the counts, as Keras removes them
   * @param maxTokens the vocabulary's maximum size with the special tokens, or null for no limit
   */
  public Result<T> finish(List<T> specialTokens, Integer maxTokens) {
    Set<T> special = new HashSet<>(specialTokens);
    List<Map.Entry<T, long[]>> entries = new ArrayList<>();
    for (Map.Entry<T, long[]> e : counts.entrySet()) {
      if (!special.contains(e.getKey())) {
        entries.add(e);
      }
    }
    Comparator<T> tokenOrder = Comparator.naturalOrder();
    if (!entries.isEmpty() && entries.get(0).getKey() instanceof String) {
      tokenOrder =
          (a, b) ->
              Arrays.compareUnsigned(
                  ((String) a).getBytes(StandardCharsets.UTF_8),
                  ((String) b).getBytes(StandardCharsets.UTF_8));
    }
    Comparator<T> byToken = tokenOrder;
    entries.sort(
        (a, b) -> {
          int c = Long.compare(b.getValue()[0], a.getValue()[0]);
          return c != 0 ? c : byToken.compare(b.getKey(), a.getKey());
        });
    int keep = entries.size();
    if (maxTokens != null && maxTokens > 0) {
      keep = Math.max(0, Math.min(keep, maxTokens - specialTokens.size()));
    }
    List<T> vocabulary = new ArrayList<>(specialTokens);
    float[] idf = null;
    if (documentFrequencies) {
      idf = new float[specialTokens.size() + keep];
    }
    double sum = 0;
    for (int i = 0; i < keep; i++) {
      Map.Entry<T, long[]> e = entries.get(i);
      vocabulary.add(e.getKey());
      if (idf != null) {
        float w = (float) Math.log(1 + (double) documents / (1 + e.getValue()[1]));
        idf[specialTokens.size() + i] = w;
        sum += w;
      }
    }
    if (idf != null) {
      float mean = keep == 0 ? 0f : (float) (sum / keep);
      Arrays.fill(idf, 0, specialTokens.size(), mean);
    }
    return new Result<>(List.copyOf(vocabulary), idf);
  }
}
