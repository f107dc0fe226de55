package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Keras {@code model.compile(optimizer, loss, metrics)}. One loss applies to every output. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Compile {
  /** Keras {@code optimizer}. */
  Optimizer optimizer() default @Optimizer;

  /** Keras {@code loss}. */
  Loss loss();

  /** Keras' {@code from_logits=True} on the loss: the output is a linear layer's logits. */
  boolean fromLogits() default false;

  /** Keras {@code metrics}. */
  Metric[] metrics() default {};
}
