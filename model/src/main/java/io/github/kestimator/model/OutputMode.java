package io.github.kestimator.model;

/**
 * Keras' {@code output_mode} of the preprocessing layers that map tokens to indices ({@code
 * TextVectorization}, {@code StringLookup}, {@code IntegerLookup}, {@code CategoryEncoding}, {@code
 * Discretization}); each kind says which modes it takes.
 */
public enum OutputMode {
  /** The index of each token: int64, shaped like the tokens. */
  INT("int"),
  /** One float vector of the vocabulary's size per value, 1 at its index. */
  ONE_HOT("one_hot"),
  /** One float vector of the vocabulary's size per example, 1 at every index present. */
  MULTI_HOT("multi_hot"),
  /** As {@link #MULTI_HOT}, with how often each index occurs. */
  COUNT("count"),
  /** As {@link #COUNT}, each count times the index's inverse document frequency. */
  TF_IDF("tf_idf");

  private final String keras;

  OutputMode(String keras) {
    this.keras = keras;
  }

  /** Keras' spelling, e.g. {@code multi_hot}. */
  public String keras() {
    return keras;
  }
}
