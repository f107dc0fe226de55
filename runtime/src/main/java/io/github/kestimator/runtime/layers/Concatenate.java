package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Concatenate}: joins the inputs along {@code axis} (Keras counts the batch axis as
 * 0). When an input carries a mask, so does the output, as Keras' {@code compute_mask}: an unmasked
 * input counts as all kept; the masks are joined along the axis, or or-ed (a step is kept when any
 * input keeps it) when the axis is the last.
 */
final class Concatenate implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    List<Operand<TFloat32>> xs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      xs.add(ctx.floatInput(inputs, i));
    }
    int axis = ctx.params().getInt("axis");
    int tfAxis = axis < 0 ? ctx.inputShape(0).rank() + 1 + axis : axis;
    Ops tf = ctx.tf();
    Operand<TFloat32> value = tf.concat(xs, tf.constant(tfAxis));
    if (!ctx.layer().masked()) {
      return LayerOutput.of(value);
    }
    List<Operand<TFloat32>> masks = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Operand<TFloat32> m = inputs.get(i).mask();
      masks.add(m != null ? m : tf.stopGradient(tf.max(tf.onesLike(xs.get(i)), tf.constant(-1))));
    }
    Operand<TFloat32> mask;
    if (tfAxis == ctx.inputShape(0).rank()) {
      mask = masks.get(0);
      for (Operand<TFloat32> m : masks.subList(1, masks.size())) {
        mask = tf.math.maximum(mask, m);
      }
    } else {
      mask = tf.concat(masks, tf.constant(tfAxis));
    }
    return LayerOutput.masked(value, mask);
  }
}
