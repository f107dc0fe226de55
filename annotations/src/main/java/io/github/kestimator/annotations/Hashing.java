package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code Hashing}: strings (or integers) to {@code numBins} int64 bins by TensorFlow's
 * FarmHash fingerprint (SipHash with a salt), so the bins equal Keras'. Nothing to adapt.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Hashing {
  /** Keras {@code num_bins}. */
  int numBins();

  /** Keras {@code salt}: none, one value (used for both halves of the key) or two. */
  long[] salt() default {};

  /**
   * Keras {@code mask_value}: none, or one value (for integer input its decimal text) that goes to
   * bin 0.
   */
  String[] maskValue() default {};

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
