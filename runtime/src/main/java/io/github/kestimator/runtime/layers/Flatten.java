package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Flatten} and {@code Reshape}: a reshape to the layer's inferred output shape (batch
 * axis kept). Logits are reshaped alike, so a loss after it still sees them.
 */
final class Flatten implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    var shape = tf.constant(ctx.layer().outputShape().withBatch(-1));
    LayerOutput in = inputs.get(0);
    Operand<TFloat32> logits = in.logits() == null ? null : tf.reshape(in.logits(), shape);
    return new LayerOutput(tf.reshape(in.value(), shape), logits);
  }
}
