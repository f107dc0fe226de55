package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code Masking}: a time step whose features all equal {@code maskValue} is masked (its
 * values become 0). LSTM, GRU, SimpleRNN and Bidirectional layers downstream keep the previous
 * state over masked steps, and GlobalAveragePooling1D averages the unmasked ones, as in Keras.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Masking {
  /** Keras {@code mask_value}: the value of every feature of a padding step. */
  double maskValue() default 0.0;

  /** The layer's name; default: the field's name. Keras: {@code name}. */
  String name() default "";

  /**
   * The layers feeding this one, by name; default: the previous field (Keras' functional API:
   * {@code layer([a, b])}).
   */
  String[] from() default {};

  /**
   * Keras {@code input_shape}: the shape of one example; only the first layer of a sequential model
   * takes it.
   */
  int[] inputShape() default {};

  /**
   * The feature that feeds this layer, which must be the model's first; default {@code
   * <name>_input}, as Keras names the implicit input. Set it to keep a Keras model's own input
   * name.
   */
  String inputName() default "";
}
