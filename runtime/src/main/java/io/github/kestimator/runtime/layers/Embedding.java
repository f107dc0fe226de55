package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code Embedding}: rows of {@code embeddings} gathered by integer ids (float ids are cast,
 * as Keras does). With {@code maskZero} the output carries the mask {@code ids != 0}.
 */
final class Embedding implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Operand<?> ids = inputs.get(0).value();
    Operand<TInt32> intIds =
        ids.type() == TInt32.class
            ? ids.asOutput().expect(TInt32.class)
            : tf.dtypes.cast(ids, TInt32.class);
    Operand<org.tensorflow.types.TFloat32> table = ctx.weight("embeddings");
    Operand<org.tensorflow.types.TFloat32> rows = tf.gather(table, intIds, tf.constant(0));
    ctx.addLookup(table, intIds, rows);
    if (!ctx.params().getBoolean("maskZero")) {
      return LayerOutput.of(rows);
    }
    Operand<org.tensorflow.types.TFloat32> mask =
        tf.withName("mask")
            .stopGradient(
                tf.dtypes.cast(
                    tf.math.notEqual(intIds, tf.constant(0)), org.tensorflow.types.TFloat32.class));
    return LayerOutput.masked(rows, mask);
  }
}
