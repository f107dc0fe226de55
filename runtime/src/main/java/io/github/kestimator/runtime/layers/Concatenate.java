package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Concatenate}: joins the inputs along {@code axis} (Keras counts the batch axis as
 * 0).
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
    return LayerOutput.of(ctx.tf().concat(xs, ctx.tf().constant(tfAxis)));
  }
}
