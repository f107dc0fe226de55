package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Softmax} layer. Over the last axis it is TensorFlow's Softmax and keeps the logits
 * for cross-entropy, as {@code Activation("softmax")}; over another axis that axis is swapped with
 * the last, soft-maxed and swapped back, as TensorFlow's Python {@code tf.nn.softmax(x, axis)}
 * does.
 */
final class Softmax implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    int rank = ctx.inputShape(0).rank() + 1; // with the batch axis
    int axis = ctx.params().getInt("axis");
    int a = axis < 0 ? rank + axis : axis;
    if (a == rank - 1) {
      return LayerOutput.activated(tf, Activation.SOFTMAX, x);
    }
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    perm[a] = rank - 1;
    perm[rank - 1] = a;
    Operand<TFloat32> swapped = tf.linalg.transpose(x, tf.constant(perm));
    return LayerOutput.of(tf.linalg.transpose(tf.nn.softmax(swapped), tf.constant(perm)));
  }
}
