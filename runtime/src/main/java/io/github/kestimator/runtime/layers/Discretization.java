package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Keras {@code Discretization} ({@code int} output): the bin of each value, TensorFlow's {@code
 * Bucketize} as Keras runs it (bin {@code i} holds {@code [b[i-1], b[i])}: a value equal to a
 * boundary falls in the bin above), as int64.
 */
final class Discretization implements LayerBuilder {
  Discretization() {}

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    List<Float> boundaries =
        ctx.params().getDoubles("binBoundaries").stream().map(Double::floatValue).toList();
    return LayerOutput.of(ops(ctx.tf(), ctx.floatInput(inputs, 0), boundaries));
  }

  static Operand<TInt64> ops(Ops tf, Operand<? extends TNumber> x, List<Float> binBoundaries) {
    return tf.dtypes.cast(tf.bucketize(x, binBoundaries), TInt64.class);
  }
}
