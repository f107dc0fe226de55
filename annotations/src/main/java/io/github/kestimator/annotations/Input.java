package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A model input: Keras {@code Input(shape, dtype)}. It is fed by the feature {@code <name>_input},
 * or by {@code inputName}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Input {
  /** Keras {@code shape}: one example, without the batch axis. */
  int[] shape();

  /** Keras {@code dtype}. */
  DType dtype() default DType.FLOAT32;

  /** The layer's name; default: the field's name. Keras: {@code name}. */
  String name() default "";

  /**
   * The feature feeding this input; default {@code <name>_input}. Keras: the {@code Input}'s own
   * name.
   */
  String inputName() default "";
}
