package io.github.kestimator.runtime.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import io.github.kestimator.runtime.layers.LayerOutput;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each loss on a 2 x 3 batch against Keras' formula computed by hand in Java. */
class LossesTest {
  static final float[][] P = {{0.2f, 0.7f, 0.1f}, {0.5f, 0.3f, 0.2f}};
  static final float[][] Y = {{0, 1, 0}, {1, 0, 0}};
  static final Output OUT =
      new Output("o", Shape.of(3), Activation.LINEAR, DType.FLOAT32, Shape.of(3));

  static double loss(Loss loss, boolean fromLogits, float[][] p, float[][] logits, Object y) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> logitOp = logits == null ? null : tf.constant(logits);
      Operand<?> label = y instanceof int[] ids ? tf.constant(ids) : tf.constant((float[][]) y);
      Output out =
          y instanceof int[]
              ? new Output("o", Shape.of(3), Activation.SOFTMAX, DType.INT32, Shape.scalar())
              : OUT;
      Operand<TFloat32> l =
          Losses.mean(tf, loss, fromLogits, out, new LayerOutput(tf.constant(p), logitOp), label);
      try (Result r = s.runner().fetch(l).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  /** The mean over all 6 values of f(p, y). */
  static double meanOf(java.util.function.DoubleBinaryOperator f) {
    double s = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        s += f.applyAsDouble(P[i][j], Y[i][j]);
      }
    }
    return s / 6;
  }

  @Test
  void regressionLosses() {
    assertEquals(
        meanOf((p, y) -> (p - y) * (p - y)),
        loss(Loss.MEAN_SQUARED_ERROR, false, P, null, Y),
        1e-6);
    assertEquals(
        meanOf((p, y) -> Math.abs(p - y)), loss(Loss.MEAN_ABSOLUTE_ERROR, false, P, null, Y), 1e-6);
    float[][] big = {{3f, 0.7f, -2f}, {0.5f, 0.3f, 0.2f}};
    double huber = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double e = Math.abs(big[i][j] - Y[i][j]);
        huber += e <= 1 ? 0.5 * e * e : e - 0.5;
      }
    }
    assertEquals(huber / 6, loss(Loss.HUBER, false, big, null, Y), 1e-6);
    assertEquals(
        meanOf((p, y) -> Math.log(Math.cosh(p - y))), loss(Loss.LOG_COSH, false, P, null, Y), 1e-6);
    assertEquals(
        meanOf((p, y) -> p - y * Math.log(p + 1e-7)), loss(Loss.POISSON, false, P, null, Y), 1e-6);
    // 0/1 labels become -1/1
    assertEquals(
        meanOf((p, y) -> Math.max(0, 1 - (2 * y - 1) * p)),
        loss(Loss.HINGE, false, P, null, Y),
        1e-6);
  }

  @Test
  void klDivergence() {
    float[][] y = {{0.2f, 0.5f, 0.3f}, {0.6f, 0.4f, 0f}};
    double s = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double yc = Math.max(y[i][j], 1e-7);
        s += yc * Math.log(yc / P[i][j]);
      }
    }
    assertEquals(s / 2, loss(Loss.KL_DIVERGENCE, false, P, null, y), 1e-6);
  }

  @Test
  void binaryCrossEntropyFromProbabilitiesAndFromLogits() {
    double want = meanOf((p, y) -> -(y * Math.log(p) + (1 - y) * Math.log(1 - p)));
    assertEquals(want, loss(Loss.BINARY_CROSSENTROPY, false, P, null, Y), 1e-6);
    float[][] z = new float[2][3];
    float[][] sig = new float[2][3];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        z[i][j] = (float) Math.log(P[i][j] / (1 - P[i][j]));
        sig[i][j] = P[i][j];
      }
    }
    // A sigmoid output with logits: the stable formula, same value.
    assertEquals(want, loss(Loss.BINARY_CROSSENTROPY, false, sig, z, Y), 1e-5);
    // fromLogits: the prediction itself is the logits.
    assertEquals(want, loss(Loss.BINARY_CROSSENTROPY, true, z, null, Y), 1e-5);
    // Where probabilities saturate, logits keep the loss finite and exact: z = 40 with label 0
    // costs 40.
    float[][] far = {{40, 0, 0}, {0, 0, 0}};
    float[][] zeros = {{0, 0, 0}, {0, 0, 0}};
    double exact = (40 + 5 * Math.log(2)) / 6;
    assertEquals(exact, loss(Loss.BINARY_CROSSENTROPY, true, far, null, zeros), 1e-4);
  }

  @Test
  void categoricalAndSparseCrossEntropy() {
    // -sum(y log p) per row, p normalized (already sums to 1)
    double want = (-Math.log(0.7) - Math.log(0.5)) / 2;
    assertEquals(want, loss(Loss.CATEGORICAL_CROSSENTROPY, false, P, null, Y), 1e-6);
    float[][] logits = new float[2][3];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        logits[i][j] = (float) Math.log(P[i][j]) + 1.5f; // softmax(logits) = P
      }
    }
    assertEquals(want, loss(Loss.CATEGORICAL_CROSSENTROPY, false, P, logits, Y), 1e-5);
    assertEquals(want, loss(Loss.CATEGORICAL_CROSSENTROPY, true, logits, null, Y), 1e-5);
    assertEquals(
        want, loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, P, null, new int[] {1, 0}), 1e-6);
    assertEquals(
        want, loss(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, P, logits, new int[] {1, 0}), 1e-5);
  }
}
