package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Dense}: {@code activation(x @ kernel + bias)} over the last axis. */
final class Dense implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    var in = ctx.inputShape(0);
    Operand<TFloat32> y;
    if (in.rank() == 1 && FusedRelu.applies(ctx)) {
      return LayerOutput.of(FusedRelu.matMul(tf, x, ctx.weight("kernel"), ctx.weight("bias")));
    }
    if (in.rank() == 1) {
      y = tf.linalg.matMul(x, ctx.weight("kernel"));
    } else { // (batch, ..., features): one MatMul over all leading positions, as Keras' tensordot
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in.dim(-1)}));
      long[] out = ctx.layer().outputShape().withBatch(-1);
      y = tf.reshape(tf.linalg.matMul(flat, ctx.weight("kernel")), tf.constant(out));
    }
    if (ctx.hasWeight("bias")) {
      y = tf.nn.biasAdd(y, ctx.weight("bias"));
    }
    return LayerOutput.activated(tf, ctx.layer().activation(), y);
  }
}
