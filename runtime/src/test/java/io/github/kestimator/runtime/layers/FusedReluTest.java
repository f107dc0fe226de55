package io.github.kestimator.runtime.layers;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/**
 * The fused conv/MatMul + bias + ReLU ops of training graphs and their registered gradients against
 * the unfused ops TensorFlow differentiates itself, on the same random values.
 */
class FusedReluTest {
  private static final Random RANDOM = new Random(11);

  @Test
  void fusedConvAndItsGradientEqualTheUnfusedOps() {
    List<Long> strides = List.of(1L, 2L, 1L, 1L);
    List<Long> dilations = List.of(1L, 1L, 1L, 1L);
    assertFusedEqualsUnfused(
        new long[] {2, 7, 6, 3},
        new long[] {3, 3, 3, 4},
        4,
        (tf, xwb) ->
            FusedRelu.conv2d(tf, xwb.get(0), xwb.get(1), xwb.get(2), strides, "SAME", dilations),
        (tf, xwb) ->
            tf.nn.relu(
                tf.nn.biasAdd(
                    tf.nn.conv2d(
                        xwb.get(0), xwb.get(1), strides, "SAME", Conv2d.dilations(dilations)),
                    xwb.get(2))));
  }

  @Test
  void fusedMatMulAndItsGradientEqualTheUnfusedOps() {
    assertFusedEqualsUnfused(
        new long[] {5, 6},
        new long[] {6, 3},
        3,
        (tf, xwb) -> FusedRelu.matMul(tf, xwb.get(0), xwb.get(1), xwb.get(2)),
        (tf, xwb) ->
            tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(xwb.get(0), xwb.get(1)), xwb.get(2))));
  }

  @Test
  void onlyTrainingGraphsHoldTheFusedOps() {
    Model m =
        TestModels.model(
            Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
            adam(0.01),
            layer(
                "conv",
                LayerKind.CONV2D,
                "filters",
                4,
                "kernelSize",
                List.of(3),
                "activation",
                "relu",
                "inputShape",
                List.of(6, 6, 1)),
            layer("flat", LayerKind.FLATTEN),
            layer("hidden", LayerKind.DENSE, "units", 5, "activation", "relu"),
            layer("cls", LayerKind.DENSE, "units", 3, "activation", "softmax"));
    Set<String> train = opTypes(m, Mode.TRAIN);
    assertTrue(train.contains("_FusedConv2D"), () -> "TRAIN graph op types: " + train);
    assertTrue(train.contains("_FusedMatMul"), () -> "TRAIN graph op types: " + train);
    assertTrue(!train.contains("Relu"), () -> "an unfused Relu is left: " + train);
    for (Mode mode : List.of(Mode.EVAL, Mode.PREDICT)) {
      Set<String> types = opTypes(m, mode);
      assertTrue(
          !types.contains("_FusedConv2D") && !types.contains("_FusedMatMul"),
          () -> mode + " graph holds a fused op: " + types);
    }
  }

  private static Set<String> opTypes(Model m, Mode mode) {
    Set<String> types = new HashSet<>();
    try (ModelGraph g = ModelGraph.build(m, mode, 1)) {
      g.graph().operations().forEachRemaining(op -> types.add(op.type()));
    }
    return types;
  }

  interface Build {
    Operand<TFloat32> apply(Ops tf, List<Operand<TFloat32>> xwb);
  }

  /**
   * Builds both forms on the same x, w, b; compares the outputs and the gradients of sum(y * r)
   * w.r.t. x, w and b for a random r (so that dy is not all ones).
   */
  private static void assertFusedEqualsUnfused(
      long[] xShape, long[] wShape, int units, Build fused, Build plain) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> xwb =
          List.of(constant(tf, xShape), constant(tf, wShape), constant(tf, new long[] {units}));
      Operand<TFloat32> plainY = plain.apply(tf, xwb);
      Operand<TFloat32> r = constant(tf, plainY.shape().asArray());
      List<float[]> fusedValues = values(s, tf, fused.apply(tf, xwb), r, xwb);
      List<float[]> plainValues = values(s, tf, plainY, r, xwb);
      String[] what = {"output", "d/dx", "d/dw", "d/db"};
      for (int i = 0; i < what.length; i++) {
        assertArrayEquals(plainValues.get(i), fusedValues.get(i), 1e-5f, what[i]);
      }
      // Some units must be cut off by the ReLU, or the test would not test its gradient.
      float[] y = plainValues.get(0);
      long zeros = 0;
      for (float v : y) {
        zeros += v == 0 ? 1 : 0;
      }
      assertTrue(zeros > 0 && zeros < y.length, "relu cut " + zeros + " of " + y.length);
    }
  }

  /** y, then d sum(y * r) / d x, w, b. */
  private static List<float[]> values(
      Session s, Ops tf, Operand<TFloat32> y, Operand<TFloat32> r, List<Operand<TFloat32>> xwb) {
    Operand<TFloat32> loss =
        tf.reduceSum(tf.math.mul(y, r), tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
    var grads = tf.gradients(loss, xwb);
    List<float[]> out = new ArrayList<>();
    Session.Runner runner = s.runner().fetch(y);
    for (int i = 0; i < xwb.size(); i++) {
      runner.fetch(grads.dy(i));
    }
    try (Result result = runner.run()) {
      for (int i = 0; i <= xwb.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] v = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(v, false, false));
        out.add(v);
      }
    }
    return out;
  }

  private static Operand<TFloat32> constant(Ops tf, long[] shape) {
    int n = (int) Shape.of(shape).size();
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) RANDOM.nextGaussian();
    }
    return tf.reshape(tf.constant(v), tf.constant(shape));
  }
}
