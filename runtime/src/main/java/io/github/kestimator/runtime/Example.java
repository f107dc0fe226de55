package io.github.kestimator.runtime;

import java.util.Objects;

/** One training or evaluation example: typed features and labels. */
public record Example<F, L>(F features, L labels) {
  public Example {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
  }

  public static <F, L> Example<F, L> of(F features, L labels) {
    return new Example<>(features, labels);
  }
}
