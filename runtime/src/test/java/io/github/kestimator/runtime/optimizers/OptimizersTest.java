package io.github.kestimator.runtime.optimizers;

import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.graph.GraphRunner;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three steps of each optimizer on loss = (w . x)^2 against Keras 3's update rules written out in
 * Java. The weights stay float32 in the graph, so the comparison allows 1e-5.
 */
class OptimizersTest {
  static final float[] X = {1, 2};
  static final double LR = 0.1;

  /** The gradient of (w . x)^2: 2 (w . x) x. */
  static double[] grad(double[] w) {
    double pred = w[0] * X[0] + w[1] * X[1];
    return new double[] {2 * pred * X[0], 2 * pred * X[1]};
  }

  /** Keras' rule for one weight vector: state lives in the lambda's arrays. */
  interface Rule {
    void step(double[] w, double[] g, int t);
  }

  static void check(OptimizerType type, Map<String, Object> args, Rule rule) {
    Map<String, Object> a = new HashMap<>(args);
    a.put("learningRate", LR);
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            new OptimizerSpec(type, a),
            layer("d", LayerKind.DENSE, "units", 1, "useBias", false, "inputShape", List.of(2)));
    double[] w = {0.5, 0.25};
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("d/kernel", new float[] {0.5f, 0.25f});
      for (int t = 1; t <= 3; t++) {
        r.feed(g.feature(0), X, 1, 2)
            .feed(g.label(0), new float[] {0}, 1, 1)
            .run(g.loss(), g.trainOp());
        rule.step(w, grad(w), t);
        float[] got = r.variable("d/kernel");
        assertArrayEquals(
            new float[] {(float) w[0], (float) w[1]}, got, 1e-5f, type + " " + args + " step " + t);
      }
    }
  }

  @Test
  void sgdPlainMomentumNesterovAndClipping() {
    check(
        OptimizerType.SGD,
        Map.of(),
        (w, g, t) -> {
          w[0] -= LR * g[0];
          w[1] -= LR * g[1];
        });
    for (boolean nesterov : new boolean[] {false, true}) {
      double[] v = new double[2];
      check(
          OptimizerType.SGD,
          Map.of("momentum", 0.9, "nesterov", nesterov),
          (w, g, t) -> {
            for (int i = 0; i < 2; i++) {
              v[i] = 0.9 * v[i] - LR * g[i];
              w[i] += nesterov ? 0.9 * v[i] - LR * g[i] : v[i];
            }
          });
    }
    check(
        OptimizerType.SGD,
        Map.of("clipNorm", 1.0),
        (w, g, t) -> {
          double norm = Math.hypot(g[0], g[1]);
          double scale = 1 / Math.max(norm, 1);
          w[0] -= LR * g[0] * scale;
          w[1] -= LR * g[1] * scale;
        });
    check(
        OptimizerType.SGD,
        Map.of("clipValue", 1.5),
        (w, g, t) -> {
          w[0] -= LR * Math.max(-1.5, Math.min(1.5, g[0]));
          w[1] -= LR * Math.max(-1.5, Math.min(1.5, g[1]));
        });
  }

  static Rule adam(boolean amsgrad, double weightDecay) {
    double[] m = new double[2];
    double[] v = new double[2];
    double[] vhat = new double[2];
    return (w, g, t) -> {
      for (int i = 0; i < 2; i++) {
        w[i] -= w[i] * weightDecay * LR;
        m[i] += (g[i] - m[i]) * 0.1;
        v[i] += (g[i] * g[i] - v[i]) * 0.001;
        vhat[i] = Math.max(vhat[i], v[i]);
        double lrT = LR * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        w[i] -= lrT * m[i] / (Math.sqrt(amsgrad ? vhat[i] : v[i]) + 1e-7);
      }
    };
  }

  @Test
  void adamFamily() {
    check(OptimizerType.ADAM, Map.of(), adam(false, 0));
    check(OptimizerType.ADAM, Map.of("amsgrad", true), adam(true, 0));
    check(OptimizerType.ADAMW, Map.of(), adam(false, 0.004));
    double[] m = new double[2];
    double[] u = new double[2];
    check(
        OptimizerType.ADAMAX,
        Map.of(),
        (w, g, t) -> {
          for (int i = 0; i < 2; i++) {
            m[i] += (g[i] - m[i]) * 0.1;
            u[i] = Math.max(0.999 * u[i], Math.abs(g[i]));
            w[i] -= LR * m[i] / ((1 - Math.pow(0.9, t)) * (u[i] + 1e-7));
          }
        });
    double[] nm = new double[2];
    double[] nv = new double[2];
    double[] product = {1};
    check(
        OptimizerType.NADAM,
        Map.of(),
        (w, g, t) -> {
          double uT = 0.9 * (1 - 0.5 * Math.pow(0.96, t));
          double uT1 = 0.9 * (1 - 0.5 * Math.pow(0.96, t + 1));
          product[0] *= uT;
          double productT1 = product[0] * uT1;
          for (int i = 0; i < 2; i++) {
            nm[i] += (g[i] - nm[i]) * 0.1;
            nv[i] += (g[i] * g[i] - nv[i]) * 0.001;
            double mHat = uT1 * nm[i] / (1 - productT1) + (1 - uT) * g[i] / (1 - product[0]);
            double vHat = nv[i] / (1 - Math.pow(0.999, t));
            w[i] -= mHat * LR / (Math.sqrt(vHat) + 1e-7);
          }
        });
  }

  @Test
  void adaptiveOptimizers() {
    double[] vel = new double[2];
    check(
        OptimizerType.RMSPROP,
        Map.of(),
        (w, g, t) -> {
          for (int i = 0; i < 2; i++) {
            vel[i] = 0.9 * vel[i] + 0.1 * g[i] * g[i];
            w[i] -= LR * g[i] / Math.sqrt(vel[i] + 1e-7);
          }
        });
    double[] acc = {0.1, 0.1};
    check(
        OptimizerType.ADAGRAD,
        Map.of(),
        (w, g, t) -> {
          for (int i = 0; i < 2; i++) {
            acc[i] += g[i] * g[i];
            w[i] -= LR * g[i] / Math.sqrt(acc[i] + 1e-7);
          }
        });
    double[] ag = new double[2];
    double[] ad = new double[2];
    check(
        OptimizerType.ADADELTA,
        Map.of(),
        (w, g, t) -> {
          for (int i = 0; i < 2; i++) {
            ag[i] = 0.95 * ag[i] + 0.05 * g[i] * g[i];
            double delta = -Math.sqrt(ad[i] + 1e-7) / Math.sqrt(ag[i] + 1e-7) * g[i];
            ad[i] = 0.95 * ad[i] + 0.05 * delta * delta;
            w[i] += LR * delta;
          }
        });
    double[] facc = {0.1, 0.1};
    double[] lin = new double[2];
    check(
        OptimizerType.FTRL,
        Map.of("l1RegularizationStrength", 0.01),
        (w, g, t) -> {
          for (int i = 0; i < 2; i++) {
            double next = facc[i] + g[i] * g[i];
            lin[i] += g[i] - (Math.sqrt(next) - Math.sqrt(facc[i])) / LR * w[i];
            double quadratic = Math.sqrt(next) / LR;
            double clipped = Math.max(-0.01, Math.min(0.01, lin[i]));
            w[i] = (clipped - lin[i]) / quadratic;
            facc[i] = next;
          }
        });
  }

  @Test
  void regularizationIsPartOfTheLoss() {
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            new OptimizerSpec(OptimizerType.SGD, Map.of()),
            layer(
                "d",
                LayerKind.DENSE,
                "units",
                1,
                "useBias",
                false,
                "inputShape",
                List.of(2),
                "kernelRegularizer",
                Map.of("l1", 0.1, "l2", 0.5)));
    try (ModelGraph g = ModelGraph.build(m, Mode.EVAL, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("d/kernel", new float[] {0.5f, -0.25f});
      float loss =
          r.feed(g.feature(0), X, 1, 2).feed(g.label(0), new float[] {1}, 1, 1).run(g.loss())[0];
      // (0.5 - 0.5 - 1)^2 + 0.1 * 0.75 + 0.5 * 0.3125
      assertEquals(1 + 0.075 + 0.15625, loss, 1e-6);
    }
  }

  /**
   * Keras on TensorFlow squares an embedding's gradient slice by slice (tf.IndexedSlices): an id
   * seen twice in a batch adds g1^2 + g2^2 to Adagrad's accumulator, not (g1 + g2)^2.
   */
  @Test
  void anEmbeddingsSquaredGradientSumsTheSquaresOfItsSlices() {
    Map<String, Object> a = Map.of("learningRate", LR);
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            new OptimizerSpec(OptimizerType.ADAGRAD, a),
            layer("e", LayerKind.EMBEDDING, "inputDim", 3, "outputDim", 1, "inputLength", 2),
            layer("f", LayerKind.FLATTEN),
            layer("d", LayerKind.DENSE, "units", 1, "useBias", false));
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("e/embeddings", new float[] {0.25f, 0.5f, 0.75f});
      r.assign("d/kernel", new float[] {1, 2});
      r.feed(g.feature(0), new int[] {1, 1}, 1, 2)
          .feed(g.label(0), new float[] {0}, 1, 1)
          .run(g.loss(), g.trainOp());
      // pred = 0.5 * 1 + 0.5 * 2 = 1.5; d loss / d pred = 3; slices 3 * 1 and 3 * 2; the row's
      // gradient 9
      double acc = 0.1 + 3 * 3 + 6 * 6;
      assertArrayEquals(
          new float[] {0.1f, (float) acc, 0.1f}, r.variable("e/embeddings_accumulator"), 1e-5f);
      assertArrayEquals(
          new float[] {0.25f, (float) (0.5 - LR * 9 / Math.sqrt(acc + 1e-7)), 0.75f},
          r.variable("e/embeddings"),
          1e-6f);
    }
  }

  /**
   * Keras 2's decay and a Keras 3 schedule change the learning rate of step t by the iterations
   * before it (t - 1).
   */
  @Test
  void decayAndSchedulesUseTheIterationsBeforeTheStep() {
    check(
        OptimizerType.SGD,
        Map.of("decay", 0.5),
        (w, g, t) -> {
          double lr = LR / (1 + 0.5 * (t - 1));
          w[0] -= lr * g[0];
          w[1] -= lr * g[1];
        });
    double[] m = new double[2];
    check(
        OptimizerType.SGD,
        Map.of(
            "momentum",
            0.9,
            "nesterov",
            true,
            "schedule",
            io.github.kestimator.model.LearningRateSchedule.exponentialDecay(1, 0.5, false)),
        (w, g, t) -> {
          double lr = LR * Math.pow(0.5, t - 1);
          for (int i = 0; i < 2; i++) { // Keras 3: m = momentum m - lr g; w += momentum m - lr g
            m[i] = 0.9 * m[i] - lr * g[i];
            w[i] += 0.9 * m[i] - lr * g[i];
          }
        });
  }

  /**
   * An L2 penalty trains (its square is w * w: TF Java's gradient of Square crashed the JVM): grad
   * + 2 l2 w.
   */
  @Test
  void anL2PenaltyAddsItsGradientToTheStep() {
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            new OptimizerSpec(OptimizerType.SGD, Map.of("learningRate", LR)),
            layer(
                "d",
                LayerKind.DENSE,
                "units",
                1,
                "useBias",
                false,
                "inputShape",
                List.of(2),
                "kernelRegularizer",
                Map.of("l1", 0.0, "l2", 0.5)));
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("d/kernel", new float[] {0.5f, 0.25f});
      r.feed(g.feature(0), X, 1, 2)
          .feed(g.label(0), new float[] {0}, 1, 1)
          .run(g.loss(), g.trainOp());
      double[] w = {0.5, 0.25};
      double[] grad = grad(w);
      assertArrayEquals(
          new float[] {
            (float) (w[0] - LR * (grad[0] + 2 * 0.5 * w[0])),
            (float) (w[1] - LR * (grad[1] + 2 * 0.5 * w[1]))
          },
          r.variable("d/kernel"),
          1e-6f);
    }
  }
}
