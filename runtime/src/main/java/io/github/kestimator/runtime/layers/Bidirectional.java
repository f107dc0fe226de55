package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.MergeMode;
import io.github.kestimator.model.Weight;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Bidirectional}: the wrapped recurrent layer runs forwards (weights {@code
 * forward_*}) and backwards (weights {@code backward_*}); returned backward sequences are put back
 * in input order; the two are merged by {@code mergeMode} (concat on the last axis, sum, mul or
 * average). A mask on the input goes to both directions (reversed with the sequence for the
 * backward one, as Keras' {@code go_backwards}); masked steps of returned sequences are zeros, as
 * Keras' Bidirectional forces {@code zero_output_for_mask} then.
 */
final class Bidirectional implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Layer cell = ctx.layer().wrapped();
    RecurrentLayer rnn = (RecurrentLayer) Layers.of(cell.kind());
    Operand<TFloat32> x = ctx.floatInput(inputs, 0);
    Operand<TFloat32> mask = inputs.get(0).mask();
    // Keras' Bidirectional sets zero_output_for_mask = return_sequences on both of its layers.
    boolean zeroOutput = cell.params().getBoolean("returnSequences");
    Operand<TFloat32> fw = rnn.run(ctx.wrapped(cell, "forward_"), x, mask, false, zeroOutput);
    Operand<TFloat32> bw = rnn.run(ctx.wrapped(cell, "backward_"), x, mask, true, zeroOutput);
    Operand<TFloat32> out =
        switch (ctx.params().getEnum("mergeMode", MergeMode.class)) {
          case CONCAT -> tf.concat(List.of(fw, bw), tf.constant(-1));
          case SUM -> tf.math.add(fw, bw);
          case MUL -> tf.math.mul(fw, bw);
          case AVE -> tf.math.mul(tf.math.add(fw, bw), tf.constant(0.5f));
        };
    return LayerOutput.of(out);
  }

  @Override
  public Operand<TFloat32> initialValue(Ops tf, Layer layer, Weight weight, long seed) {
    return Layers.of(layer.wrapped().kind()).initialValue(tf, layer, weight, seed);
  }
}
