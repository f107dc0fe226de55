package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Add}: the element-wise sum of its inputs. */
final class Add implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    List<Operand<TFloat32>> xs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      xs.add(ctx.floatInput(inputs, i));
    }
    return LayerOutput.of(ctx.tf().math.addN(xs));
  }
}
