package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Padding;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code MaxPooling1D/2D} and {@code AveragePooling1D/2D} (channels last; strides default to
 * the pool size). 1-D pooling runs as 2-D pooling over a height of 1.
 */
final class Pooling implements LayerBuilder {
  private final int rank;
  private final boolean max;

  Pooling(int rank, boolean max) {
    this.rank = rank;
    this.max = max;
  }

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    if (rank == 1) {
      x = tf.expandDims(x, tf.constant(1));
    }
    List<Long> ksize = Window.nhwc(ctx.params().perAxis("poolSize", rank));
    // Keras: strides=None (here: empty) means strides = pool size.
    List<Long> strides =
        ctx.params().getInts("strides").isEmpty()
            ? ksize
            : Window.nhwc(ctx.params().perAxis("strides", rank));
    String padding = ctx.params().getEnum("padding", Padding.class).name();
    Operand<TFloat32> y =
        max ? maxPool(tf, x, ksize, strides, padding) : tf.nn.avgPool(x, ksize, strides, padding);
    if (rank == 1) {
      y = tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    }
    return LayerOutput.of(y);
  }

  /**
   * TensorFlow's {@code MaxPool} op, window and strides as attributes. TensorFlow Java's {@code
   * tf.nn.maxPool} builds {@code MaxPoolV2} (window and strides as tensors), which oneDNN's graph
   * rewrite leaves to the Eigen kernels; {@code MaxPool} and its gradient {@code MaxPoolGrad} run
   * as {@code _MklNativeMaxPool}/{@code _MklNativeMaxPoolGrad}, as under Keras on TensorFlow. On W3
   * of the benchmarks the Eigen {@code MaxPoolGradV2} took 9 of a training step's 16 ms.
   */
  private static Operand<TFloat32> maxPool(
      Ops tf, Operand<TFloat32> x, List<Long> ksize, List<Long> strides, String padding) {
    Scope scope = tf.scope();
    OperationBuilder b = scope.opBuilder("MaxPool", "MaxPool");
    b.addInput(x.asOutput());
    b.setAttr("ksize", longs(ksize));
    b.setAttr("strides", longs(strides));
    b.setAttr("padding", padding);
    return b.build().output(0);
  }

  private static long[] longs(List<Long> l) {
    return l.stream().mapToLong(Long::longValue).toArray();
  }
}
