package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GRU}, gates in Keras' order z, r, h; {@code h = z * h_prev + (1 - z) * candidate}.
 * With {@code resetAfter} (Keras' default) the bias is {@code [2, 3u]}: row 0 for the input
 * projection, row 1 for the recurrent one, and the reset gate multiplies the recurrent projection;
 * without it the reset gate multiplies the previous state before its product with the kernel.
 */
final class Gru extends RecurrentLayer {
  @Override
  Operand<TFloat32> inputBias(LayerContext ctx) {
    if (!ctx.hasWeight("bias") || !ctx.params().getBoolean("resetAfter")) {
      return super.inputBias(ctx);
    }
    return biasRows(ctx).get(0);
  }

  private static List<Output<TFloat32>> biasRows(LayerContext ctx) {
    return ctx.tf().unstack(ctx.weight("bias"), 2L, Unstack.axis(0L)).output();
  }

  @Override
  Cell cell(LayerContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> recurrent = ctx.weight("recurrent_kernel");
    Activation act = ctx.params().activation("activation");
    Activation gate = ctx.params().activation("recurrentActivation");
    boolean resetAfter = ctx.params().getBoolean("resetAfter");
    Operand<TFloat32> recurrentBias =
        resetAfter && ctx.hasWeight("bias") ? biasRows(ctx).get(1) : null;
    List<Output<TFloat32>> r3 =
        resetAfter ? null : tf.split(tf.constant(1), recurrent, 3L).output();
    return (xt, prev, hMasked) -> {
      List<Output<TFloat32>> x = tf.split(tf.constant(1), xt, 3L).output();
      Operand<TFloat32> z;
      Operand<TFloat32> candidate;
      if (resetAfter) {
        // At the first step h = 0, so the recurrent projection is just its bias.
        Operand<TFloat32> inner =
            prev == null ? recurrentBias : tf.linalg.matMul(hMasked, recurrent);
        if (prev != null && recurrentBias != null) {
          inner = tf.nn.biasAdd(inner, recurrentBias);
        }
        List<Output<TFloat32>> rec =
            inner == null ? null : tf.split(tf.constant(prev == null ? 0 : 1), inner, 3L).output();
        z = Activations.apply(tf, gate, rec == null ? x.get(0) : tf.math.add(x.get(0), rec.get(0)));
        Operand<TFloat32> r =
            Activations.apply(tf, gate, rec == null ? x.get(1) : tf.math.add(x.get(1), rec.get(1)));
        candidate =
            Activations.apply(
                tf,
                act,
                rec == null ? x.get(2) : tf.math.add(x.get(2), tf.math.mul(r, rec.get(2))));
      } else if (prev == null) {
        z = Activations.apply(tf, gate, x.get(0));
        candidate = Activations.apply(tf, act, x.get(2));
      } else {
        z =
            Activations.apply(
                tf, gate, tf.math.add(x.get(0), tf.linalg.matMul(hMasked, r3.get(0))));
        Operand<TFloat32> r =
            Activations.apply(
                tf, gate, tf.math.add(x.get(1), tf.linalg.matMul(hMasked, r3.get(1))));
        candidate =
            Activations.apply(
                tf,
                act,
                tf.math.add(x.get(2), tf.linalg.matMul(tf.math.mul(r, hMasked), r3.get(2))));
      }
      // z * h + (1 - z) * candidate = candidate + z * (h - candidate); h = 0 at the first step.
      Operand<TFloat32> h =
          prev == null
              ? tf.math.sub(candidate, tf.math.mul(z, candidate))
              : tf.math.add(candidate, tf.math.mul(z, tf.math.sub(prev.h(), candidate)));
      return new State(h, null);
    };
  }
}
