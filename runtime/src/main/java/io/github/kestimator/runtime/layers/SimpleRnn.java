package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code SimpleRNN}: {@code h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)}.
 */
final class SimpleRnn extends RecurrentLayer {
  @Override
  Cell cell(LayerContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> recurrent = ctx.weight("recurrent_kernel");
    Activation act = ctx.params().activation("activation");
    return (xt, prev, hMasked) ->
        new State(
            Activations.apply(
                tf, act, prev == null ? xt : tf.math.add(xt, tf.linalg.matMul(hMasked, recurrent))),
            null);
  }
}
