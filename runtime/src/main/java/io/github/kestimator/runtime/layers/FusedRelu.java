package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Activation;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2dBackpropFilter;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.types.TFloat32;

/**
 * {@code relu(conv2d(x, w) + b)} and {@code relu(x @ w + b)} of a training graph as one op each,
 * TensorFlow's {@code _FusedConv2D} and {@code _FusedMatMul} with {@code fused_ops = [BiasAdd,
 * Relu]}, which oneDNN runs as {@code _MklNativeFusedConv2D}/{@code _MklNativeFusedMatMul} with the
 * ReLU inside the kernel.
 *
 * <p>Why by hand: Grappler's remapper fuses BiasAdd and Relu into the contraction only when nothing
 * else reads the BiasAdd, and TensorFlow's C++ gradient of {@code Relu} (the one TensorFlow Java
 * uses) reads the Relu's input, where Python's reads its output. So in a training graph built by
 * TensorFlow Java the remapper leaves a separate {@code Relu} (W3 of the benchmarks: 0.9 ms of a 9
 * ms step; W2: 0.3 of 1.6 ms) that Keras on TensorFlow does not have. The fused ops have no
 * registered gradient: this class registers one (in the process, once) that is the chain rule of
 * the unfused ops, {@code ReluGrad} of the output, then {@code BiasAddGrad} and the convolution's
 * or MatMul's own gradient ops: the same kernels on the same values, so training computes the same
 * numbers as with the unfused graph.
 *
 * <p>Where TensorFlow Java cannot register gradients (Windows), {@link #applies} is false and the
 * layers build the unfused ops. Only training graphs use these ops; evaluation, prediction and
 * exports keep the plain ones (the remapper fuses those itself, nothing reads the BiasAdd there).
 */
final class FusedRelu {
  private static final String[] BIAS_RELU = {"BiasAdd", "Relu"};
  private static final boolean AVAILABLE = register();

  private FusedRelu() {}

  /**
   * Whether the layer's contraction, bias and activation are one fused op: in a training graph, a
   * layer with a bias and ReLU activation, when the fused ops' gradients are registered.
   */
  static boolean applies(LayerContext ctx) {
    return ctx.training()
        && ctx.hasWeight("bias")
        && ctx.layer().activation() == Activation.RELU
        && AVAILABLE;
  }

  /**
   * {@code relu(conv2d(x, kernel) + bias)}, NHWC, as one {@code _FusedConv2D}.
   *
   * @param strides and dilations in NHWC order, as {@code Conv2D}'s attributes
   */
  static Operand<TFloat32> conv2d(
      Ops tf,
      Operand<TFloat32> x,
      Operand<TFloat32> kernel,
      Operand<TFloat32> bias,
      List<Long> strides,
      String padding,
      List<Long> dilations) {
    return tf.scope()
        .opBuilder("_FusedConv2D", "FusedConv2D")
        .addInput(x.asOutput())
        .addInput(kernel.asOutput())
        .addInputList(new Output<?>[] {bias.asOutput()})
        .addInputList(new Output<?>[0])
        .setAttr("num_args", 1)
        .setAttr("strides", longs(strides))
        .setAttr("padding", padding)
        .setAttr("dilations", longs(dilations))
        .setAttr("data_format", "NHWC")
        .setAttr("fused_ops", BIAS_RELU)
        .build()
        .output(0);
  }

  /** {@code relu(x @ kernel + bias)} for a rank-2 {@code x}, as one {@code _FusedMatMul}. */
  static Operand<TFloat32> matMul(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return tf.scope()
        .opBuilder("_FusedMatMul", "FusedMatMul")
        .addInput(x.asOutput())
        .addInput(kernel.asOutput())
        .addInputList(new Output<?>[] {bias.asOutput()})
        .setAttr("num_args", 1)
        .setAttr("transpose_a", false)
        .setAttr("transpose_b", false)
        .setAttr("fused_ops", BIAS_RELU)
        .build()
        .output(0);
  }

  private static boolean register() {
    try {
      return TensorFlow.registerCustomGradient("_FusedConv2D", FusedRelu::conv2dGradient)
          && TensorFlow.registerCustomGradient("_FusedMatMul", FusedRelu::matMulGradient);
    } catch (UnsupportedOperationException e) { // Windows
      return false;
    }
  }

  /** The gradient of {@code y = relu(bias + conv)} w.r.t. the op's input, filter and bias. */
  private static List<Operand<?>> conv2dGradient(
      Ops tf, GraphOperation op, List<Output<?>> gradInputs) {
    Operand<TFloat32> x = floats(op.input(0));
    Operand<TFloat32> kernel = floats(op.input(1));
    Operand<TFloat32> g = tf.nn.reluGrad(floats(gradInputs.get(0)), floats(op.output(0)));
    var attrs = op.attributes();
    List<Long> strides = boxed(attrs.getAttrIntList("strides"));
    List<Long> dilations = boxed(attrs.getAttrIntList("dilations"));
    String padding = attrs.getAttrString("padding");
    Operand<TFloat32> dx =
        tf.nn.conv2dBackpropInput(
            tf.shape(x),
            kernel,
            g,
            strides,
            padding,
            Conv2dBackpropInput.dilations(dilations),
            Conv2dBackpropInput.dataFormat("NHWC"));
    Operand<TFloat32> dw =
        tf.nn.conv2dBackpropFilter(
            x,
            tf.shape(kernel),
            g,
            strides,
            padding,
            Conv2dBackpropFilter.dilations(dilations),
            Conv2dBackpropFilter.dataFormat("NHWC"));
    return List.of(dx, dw, tf.nn.biasAddGrad(g));
  }

  /** The gradient of {@code y = relu(x @ w + b)} w.r.t. x, w and b. */
  private static List<Operand<?>> matMulGradient(
      Ops tf, GraphOperation op, List<Output<?>> gradInputs) {
    Operand<TFloat32> x = floats(op.input(0));
    Operand<TFloat32> kernel = floats(op.input(1));
    Operand<TFloat32> g = tf.nn.reluGrad(floats(gradInputs.get(0)), floats(op.output(0)));
    Operand<TFloat32> dx =
        tf.linalg.matMul(g, kernel, org.tensorflow.op.linalg.MatMul.transposeB(true));
    Operand<TFloat32> dw = tf.linalg.matMul(x, g, org.tensorflow.op.linalg.MatMul.transposeA(true));
    return List.of(dx, dw, tf.nn.biasAddGrad(g));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Output<?> o) {
    return (Operand<TFloat32>) o;
  }

  private static long[] longs(List<Long> l) {
    return l.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<Long> boxed(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
