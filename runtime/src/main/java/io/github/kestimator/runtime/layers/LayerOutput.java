package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a layer produced: its value and, when the value is {@code sigmoid(logits)} or {@code
 * softmax(logits)}, the logits, so that cross-entropy losses can work from the logits as Keras does
 * (numerically stable).
 *
 * @param value the layer's output; float32 except for an int32 input layer
 * @param logits the pre-activation tensor when the value is a sigmoid or softmax of it, else null
 * @param mask Keras' mask when the layer's output carries one ({@link
 *     io.github.kestimator.model.Layer#masked()}): float32 1 for a kept step, 0 for a masked one,
 *     shaped like the value without its last axis; else null
 */
public record LayerOutput(Operand<?> value, Operand<TFloat32> logits, Operand<TFloat32> mask) {
  public LayerOutput(Operand<?> value, Operand<TFloat32> logits) {
    this(value, logits, null);
  }

  public static LayerOutput of(Operand<?> value) {
    return new LayerOutput(value, null);
  }

  /** A value with a mask. */
  public static LayerOutput masked(Operand<?> value, Operand<TFloat32> mask) {
    return new LayerOutput(value, null, mask);
  }

  /** This output with {@code m} as its mask (null: none). */
  public LayerOutput withMask(Operand<TFloat32> m) {
    return new LayerOutput(value, logits, m);
  }

  /**
   * Applies {@code activation} to {@code pre}, keeping {@code pre} as logits for sigmoid and
   * softmax.
   */
  public static LayerOutput activated(Ops tf, Activation activation, Operand<TFloat32> pre) {
    Operand<TFloat32> out = Activations.apply(tf, activation, pre);
    boolean keepsLogits = activation == Activation.SIGMOID || activation == Activation.SOFTMAX;
    return new LayerOutput(out, keepsLogits ? pre : null);
  }
}
