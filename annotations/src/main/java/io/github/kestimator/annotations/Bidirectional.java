package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code Bidirectional}: put it on the same field as the {@link LSTM}, {@link GRU} or {@link
 * SimpleRNN} it wraps; {@code name}, {@code from} and {@code inputShape} go on that annotation.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Bidirectional {
  /** Keras {@code merge_mode}. */
  MergeMode mergeMode() default MergeMode.CONCAT;
}
