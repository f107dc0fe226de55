package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The index layout of a lookup layer ({@code TextVectorization}, {@code StringLookup}, {@code
 * IntegerLookup}), Keras' {@code IndexLookup}: in {@code int} mode with a mask token, index 0 is
 * the mask; then {@code numOovIndices} out-of-vocabulary indices; then the tokens in vocabulary
 * order. {@code TextVectorization}'s mask token is {@code ""} and it has one OOV index, {@code
 * "[UNK]"}.
 *
 * <p>A layer's {@code vocabulary} parameter holds the tokens without the special tokens, as Keras'
 * {@code vocabulary} argument is usually written; a vocabulary that begins with exactly the special
 * tokens (Keras' {@code get_vocabulary()}, the {@code vocabulary.txt} of a {@code .keras} archive)
 * is taken without them, as Keras does.
 *
 * @param maskToken the mask token when it has an index ({@code int} mode), else null: a {@code
 *     String} or a {@code Long}
 * @param oovToken the OOV token, {@code String} or {@code Long}
 * @param numOovIndices how many indices unknown tokens hash into (Keras: 1 unless set)
 * @param tokens the tokens, without special tokens; empty when the layer is adapted from data
 */
public record Vocabulary(
    Object maskToken, Object oovToken, int numOovIndices, List<Object> tokens) {
  public Vocabulary {
    tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
  }

  /** The layout of a lookup layer with these (normalized) parameters. */
  public static Vocabulary of(LayerKind kind, Params p) {
    boolean text = kind == LayerKind.TEXT_VECTORIZATION;
    boolean intMode = p.getEnum("outputMode", OutputMode.class) == OutputMode.INT;
    Object mask = text ? "" : p.optional("maskToken");
    Object oov = text ? "[UNK]" : p.get("oovToken");
    int oovs = text ? 1 : p.getInt("numOovIndices");
    List<Object> given = new ArrayList<>((List<?>) p.get("vocabulary"));
    Object indexedMask = intMode ? mask : null;
    List<Object> special = new ArrayList<>();
    if (indexedMask != null) {
      special.add(indexedMask);
    }
    for (int i = 0; i < oovs; i++) {
      special.add(oov);
    }
    if (given.size() >= special.size()
        && !special.isEmpty()
        && given.subList(0, special.size()).equals(special)) {
      given = given.subList(special.size(), given.size());
    }
    return new Vocabulary(indexedMask, oov, oovs, given);
  }

  /** The index of the first OOV index: 1 with a mask token in {@code int} mode, else 0. */
  public int oovStart() {
    return maskToken == null ? 0 : 1;
  }

  /** The index of the first token. */
  public int tokenStart() {
    return oovStart() + numOovIndices;
  }

  /** Whether the tokens come from data ({@code adapt}) rather than the layer's parameters. */
  public boolean adapted() {
    return tokens.isEmpty();
  }

  /** Keras' {@code vocabulary_size()}: the special indices and the tokens; 0 when adapted. */
  public int size() {
    return adapted() ? 0 : tokenStart() + tokens.size();
  }

  /** Keras' {@code get_vocabulary()}: the special tokens, then the tokens. */
  public List<Object> full() {
    List<Object> out = new ArrayList<>();
    if (maskToken != null) {
      out.add(maskToken);
    }
    for (int i = 0; i < numOovIndices; i++) {
      out.add(oovToken);
    }
    out.addAll(tokens);
    return out;
  }

  /**
   * One idf weight per index of {@link #full()}: {@code idfWeights} given per token get the special
   * indices' weights in front, each their mean as Keras pads them (0 for the mask); given per index
   * (Keras' {@code idf_weights} of an adapted layer), they are taken as they are.
   */
  public List<Double> fullIdfWeights(List<Double> idfWeights) {
    if (idfWeights.size() == size()) {
      return List.copyOf(idfWeights);
    }
    double mean = idfWeights.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    List<Double> out = new ArrayList<>();
    if (maskToken != null) {
      out.add(0.0);
    }
    for (int i = 0; i < numOovIndices; i++) {
      out.add(mean);
    }
    out.addAll(idfWeights);
    return out;
  }
}
