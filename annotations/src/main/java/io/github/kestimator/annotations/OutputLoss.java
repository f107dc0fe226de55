package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One output's loss, loss weight and metrics, in {@link Compile#outputs()}: Keras' {@code
 * compile(loss={"price": "mse", "churn": "binary_crossentropy"}, loss_weights={"churn": 0.5},
 * metrics={"price": ["mae"], "churn": ["auc"]})} is
 *
 * <pre>{@code
 * @Compile(outputs = {
 *     @OutputLoss(output = "price", loss = MEAN_SQUARED_ERROR, metrics = MEAN_ABSOLUTE_ERROR),
 *     @OutputLoss(output = "churn", loss = BINARY_CROSSENTROPY, weight = 0.5, metrics = AUC)})
 * }</pre>
 *
 * <p>The total loss that training minimizes is the sum over outputs of {@code weight * loss} (plus
 * the weights' penalties), as in Keras. Every output needs exactly one {@code @OutputLoss}; an
 * output it does not name, or a name that is not an output, is a compile error ({@code
 * [KerasOutputLoss]}).
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface OutputLoss {
  /** The output layer's name (its field name, or its {@code name = ...}): a Keras dict key. */
  String output();

  /** Keras {@code loss[output]}. */
  Loss loss();

  /** Keras' {@code from_logits=True} on this loss: the output is a linear layer's logits. */
  boolean fromLogits() default false;

  /** Keras {@code loss_weights[output]}, finite and >= 0. */
  double weight() default 1.0;

  /** Keras {@code metrics[output]}. */
  Metric[] metrics() default {};
}
