package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Shape;
import io.github.kestimator.model.Weight;
import io.github.kestimator.runtime.graph.Initializers;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code LSTM}, gates in Keras' order i, f, c, o: {@code c = f * c + i * act(z_c)}, {@code h
 * = o * act(c)}, gates with {@code recurrentActivation}. With {@code unitForgetBias} the forget
 * slice of the bias starts at 1.
 */
final class Lstm extends RecurrentLayer {
  @Override
  Cell cell(LayerContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> recurrent = ctx.weight("recurrent_kernel");
    Activation act = ctx.params().activation("activation");
    Activation gate = ctx.params().activation("recurrentActivation");
    return (xt, prev, hMasked) -> {
      Operand<TFloat32> z =
          prev == null ? xt : tf.math.add(xt, tf.linalg.matMul(hMasked, recurrent));
      List<Output<TFloat32>> g = tf.split(tf.constant(1), z, 4L).output();
      Operand<TFloat32> i = Activations.apply(tf, gate, g.get(0));
      Operand<TFloat32> candidate = tf.math.mul(i, Activations.apply(tf, act, g.get(2)));
      Operand<TFloat32> c =
          prev == null
              ? candidate
              : tf.math.add(
                  tf.math.mul(Activations.apply(tf, gate, g.get(1)), prev.c()), candidate);
      Operand<TFloat32> h =
          tf.math.mul(Activations.apply(tf, gate, g.get(3)), Activations.apply(tf, act, c));
      return new State(h, c);
    };
  }

  @Override
  public Operand<TFloat32> initialValue(Ops tf, Layer layer, Weight weight, long seed) {
    Layer cell = layer.wrapped() != null ? layer.wrapped() : layer;
    if (!weight.name().endsWith("bias") || !cell.params().getBoolean("unitForgetBias")) {
      return null;
    }
    // Keras: concat(init(units), ones(units), init(2 * units)).
    int units = cell.params().getInt("units");
    return tf.concat(
        List.of(
            Initializers.of(tf, weight.initializer(), Shape.of(units), seed),
            tf.fill(tf.constant(new int[] {units}), tf.constant(1f)),
            Initializers.of(tf, weight.initializer(), Shape.of(2 * units), seed + 1)),
        tf.constant(0));
  }
}
