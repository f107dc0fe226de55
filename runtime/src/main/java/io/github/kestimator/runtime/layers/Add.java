package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Add}: the element-wise sum of its inputs; when every input carries a mask, the
 * output carries their or (a step is kept when any input keeps it), as Keras' merge layers.
 */
final class Add implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    List<Operand<TFloat32>> xs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      xs.add(ctx.floatInput(inputs, i));
    }
    Operand<TFloat32> sum = ctx.tf().math.addN(xs);
    if (!ctx.layer().masked()) {
      return LayerOutput.of(sum);
    }
    Operand<TFloat32> mask = inputs.get(0).mask();
    for (LayerOutput in : inputs.subList(1, inputs.size())) {
      mask = ctx.tf().math.maximum(mask, in.mask());
    }
    return LayerOutput.masked(sum, mask);
  }
}
