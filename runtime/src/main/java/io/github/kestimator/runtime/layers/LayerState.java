package io.github.kestimator.runtime.layers;

import java.nio.file.Path;
import java.util.List;

/**
 * A preprocessing layer's state as its graph reads it: for a lookup ({@code TextVectorization},
 * {@code StringLookup}, {@code IntegerLookup}) the vocabulary, the token file its table is filled
 * from and, for {@code tf_idf}, the idf weights; for {@code Normalization} the mean and variance.
 * Given in the layer's parameters or adapted from data ({@link LayerStates}).
 *
 * @param vocabulary Keras' {@code get_vocabulary()} (special tokens first), integers as decimal
 *     text; null for Normalization
 * @param tokenFile the token file of {@link VocabularyFile} (the vocabulary after its special
 *     tokens)
 * @param idfWeights one weight per index of {@code vocabulary} ({@code tf_idf}), else null
 * @param mean Normalization's mean (one value per feature, or one for all), else null
 * @param variance Normalization's variance, as {@code mean}
 */
public record LayerState(
    List<String> vocabulary, Path tokenFile, float[] idfWeights, float[] mean, float[] variance) {
  public LayerState {
    vocabulary = vocabulary == null ? null : List.copyOf(vocabulary);
  }

  /** A lookup's state. */
  public static LayerState lookup(List<String> vocabulary, Path tokenFile, float[] idfWeights) {
    return new LayerState(vocabulary, tokenFile, idfWeights, null, null);
  }

  /** A Normalization's state. */
  public static LayerState moments(float[] mean, float[] variance) {
    return new LayerState(null, null, null, mean, variance);
  }
}
