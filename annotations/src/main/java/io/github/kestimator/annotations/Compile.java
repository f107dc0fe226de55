package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code model.compile(optimizer, loss, loss_weights, metrics)}, in one of two forms:
 *
 * <ul>
 *   <li>{@code @Compile(loss = BINARY_CROSSENTROPY, metrics = {AUC})}: Keras' {@code
 *       compile(loss="binary_crossentropy", metrics=["auc"])}. The loss and the metrics apply to
 *       every output; with several outputs the total loss is the sum of theirs.
 *   <li>{@code @Compile(outputs = {@OutputLoss(output = "price", ...), ...})}: Keras' {@code
 *       compile(loss={...}, loss_weights={...}, metrics={...})}, a loss, weight and metrics for
 *       each output ({@link OutputLoss}).
 * </ul>
 *
 * Give {@code loss} or {@code outputs}, not both ({@code [KerasOutputLoss]}) and not neither
 * ({@code [KerasNoLoss]}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Compile {
  /** Keras {@code optimizer}. */
  Optimizer optimizer() default @Optimizer;

  /**
   * Keras {@code loss}: the loss of every output. Required unless {@link #outputs()} is given; its
   * default here means nothing (the processor reads only what is written).
   */
  Loss loss() default Loss.MEAN_SQUARED_ERROR;

  /** Keras' {@code from_logits=True} on the loss: the output is a linear layer's logits. */
  boolean fromLogits() default false;

  /** Keras {@code metrics}: computed on every output. */
  Metric[] metrics() default {};

  /**
   * A loss, loss weight and metrics per output, instead of {@code loss}, {@code fromLogits} and
   * {@code metrics}: one {@link OutputLoss} for each output of the model.
   */
  OutputLoss[] outputs() default {};
}
