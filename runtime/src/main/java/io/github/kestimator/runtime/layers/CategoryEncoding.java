package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Keras {@code CategoryEncoding}: integer ids in {@code [0, numTokens)} to {@code one_hot}, {@code
 * multi_hot} or {@code count} vectors ({@link IndexLookupOps#encodeDense}, the encoding the lookup
 * layers share). Ids outside the range count for nothing (Keras checks them eagerly).
 */
final class CategoryEncoding implements LayerBuilder {
  CategoryEncoding() {}

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    @SuppressWarnings("unchecked")
    Operand<? extends TNumber> ids = (Operand<? extends TNumber>) inputs.get(0).value();
    Operand<TFloat32> out =
        ops(
            ctx.tf(),
            ids,
            ctx.params().getInt("numTokens"),
            ctx.params().getEnum("outputMode", io.github.kestimator.model.OutputMode.class).keras(),
            IndexLookup.shape(ctx.inputShape(0)));
    return LayerOutput.of(IndexLookup.staticShape(ctx, out));
  }

  static Operand<TFloat32> ops(
      Ops tf,
      Operand<? extends TNumber> ids,
      int numTokens,
      String outputMode,
      Shape exampleShape) {
    IndexLookupOps.Config c =
        new IndexLookupOps.Config(false, null, 1, outputMode, numTokens, null);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> out =
        (Operand<TFloat32>)
            IndexLookupOps.encodeDense(tf, tf.dtypes.cast(ids, TInt64.class), c, exampleShape);
    return out;
  }
}
