package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GlobalAverage/MaxPooling1D/2D}: mean or max over the steps (1-D) or rows and columns
 * (2-D). With a mask on its input, GlobalAveragePooling1D averages the kept steps only (NaN when
 * none is kept, as Keras); Keras' GlobalMaxPooling1D ignores masks.
 */
final class GlobalPooling implements LayerBuilder {
  private final int rank;
  private final boolean max;

  GlobalPooling(int rank, boolean max) {
    this.rank = rank;
    this.max = max;
  }

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    var axes = tf.constant(rank == 1 ? new int[] {1} : new int[] {1, 2});
    Operand<TFloat32> mask = inputs.get(0).mask();
    if (rank == 1 && !max && mask != null) {
      Operand<TFloat32> m = tf.expandDims(mask, tf.constant(-1));
      return LayerOutput.of(tf.math.div(tf.sum(tf.math.mul(x, m), axes), tf.sum(m, axes)));
    }
    return LayerOutput.of(max ? tf.max(x, axes) : tf.math.mean(x, axes));
  }
}
