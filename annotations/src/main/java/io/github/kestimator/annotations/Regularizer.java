package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code regularizers.L1L2(l1, l2)}: a penalty on a weight added to the loss. Both 0 means
 * none.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Regularizer {
  /** Keras {@code l1}. */
  double l1() default 0;

  /** Keras {@code l2}. */
  double l2() default 0;
}
