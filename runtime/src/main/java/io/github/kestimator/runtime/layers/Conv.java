package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Padding;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Conv1D} and {@code Conv2D} (channels last) on TensorFlow's Conv2D, whose kernel
 * layout {@code [k..., in, filters]} is Keras'. A 1-D convolution runs as a 2-D one over a height
 * of 1.
 */
final class Conv implements LayerBuilder {
  private final int rank;

  Conv(int rank) {
    this.rank = rank;
  }

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    Operand<TFloat32> kernel = ctx.weight("kernel");
    if (rank == 1) {
      x = tf.expandDims(x, tf.constant(1));
      kernel = tf.expandDims(kernel, tf.constant(0));
    }
    List<Long> strides = Window.nhwc(ctx.params().perAxis("strides", rank));
    List<Long> dilations = Window.nhwc(ctx.params().perAxis("dilationRate", rank));
    String padding = ctx.params().getEnum("padding", Padding.class).name();
    if (rank == 2 && FusedRelu.applies(ctx)) {
      return LayerOutput.of(
          FusedRelu.conv2d(tf, x, kernel, ctx.weight("bias"), strides, padding, dilations));
    }
    Operand<TFloat32> y = tf.nn.conv2d(x, kernel, strides, padding, Conv2d.dilations(dilations));
    if (rank == 1) {
      y = tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    }
    if (ctx.hasWeight("bias")) {
      y = tf.nn.biasAdd(y, ctx.weight("bias"));
    }
    return LayerOutput.activated(tf, ctx.layer().activation(), y);
  }
}
