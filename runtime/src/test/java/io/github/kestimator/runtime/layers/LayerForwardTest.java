package io.github.kestimator.runtime.layers;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.GraphRunner;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.Ref;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each layer kind's PREDICT output against plain Java on small fixed inputs, weights read from the
 * session.
 */
class LayerForwardTest {
  static final Random RANDOM = new Random(5);

  static float[] randoms(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) RANDOM.nextGaussian();
    }
    return v;
  }

  static Model model(LayerSpec... layers) {
    return TestModels.model(Loss.MEAN_SQUARED_ERROR, adam(0.01), layers);
  }

  /** Runs a single-input model in PREDICT mode on x shaped [batch, dims...]. */
  static float[] predict(Model m, GraphRunner r, ModelGraph g, float[] x) {
    long[] shape =
        m.features().get(0).shape().withBatch(x.length / m.features().get(0).shape().size());
    return r.feed(g.feature(0), x, shape).run(g.output(0));
  }

  @Test
  void denseOverTheLastAxisOfA3dInput() {
    Model m =
        model(
            layer(
                "d",
                LayerKind.DENSE,
                "units",
                3,
                "activation",
                "relu",
                "inputShape",
                List.of(2, 4)));
    float[] x = randoms(2 * 2 * 4);
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("d/bias", new float[] {0.1f, -0.2f, 0.3f});
      float[] want =
          map(
              Ref.dense(x, 4, 4, r.variable("d/kernel"), 3, r.variable("d/bias")),
              v -> Math.max(0, v));
      assertArrayEquals(want, predict(m, r, g, x), 1e-5f);
    }
  }

  @Test
  void gruBothResetModesAndSimpleRnn() {
    for (boolean resetAfter : new boolean[] {true, false}) {
      Model m =
          model(
              layer(
                  "r",
                  LayerKind.GRU,
                  "units",
                  3,
                  "inputShape",
                  List.of(4, 2),
                  "returnSequences",
                  true,
                  "resetAfter",
                  resetAfter));
      float[] x = randoms(2 * 4 * 2);
      try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 2);
          GraphRunner r = new GraphRunner(g)) {
        float[] bias = randoms(resetAfter ? 18 : 9);
        r.assign("r/bias", bias);
        float[] got = predict(m, r, g, x);
        for (int ex = 0; ex < 2; ex++) {
          float[] want =
              gru(
                  Arrays.copyOfRange(x, ex * 8, ex * 8 + 8),
                  4,
                  2,
                  r.variable("r/kernel"),
                  r.variable("r/recurrent_kernel"),
                  bias,
                  3,
                  resetAfter);
          assertArrayEquals(
              want,
              Arrays.copyOfRange(got, ex * 12, ex * 12 + 12),
              1e-5f,
              "resetAfter " + resetAfter);
        }
      }
    }
    Model m = model(layer("r", LayerKind.SIMPLE_RNN, "units", 3, "inputShape", List.of(4, 2)));
    float[] x = randoms(2 * 4 * 2);
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 2);
        GraphRunner r = new GraphRunner(g)) {
      float[] bias = randoms(3);
      r.assign("r/bias", bias);
      float[] got = predict(m, r, g, x);
      for (int ex = 0; ex < 2; ex++) {
        float[] h = new float[3];
        for (int t = 0; t < 4; t++) {
          float[] xt = Arrays.copyOfRange(x, ex * 8 + t * 2, ex * 8 + t * 2 + 2);
          h =
              map(
                  Ref.add(
                      Ref.dense(xt, 1, 2, r.variable("r/kernel"), 3, bias),
                      Ref.dense(h, 1, 3, r.variable("r/recurrent_kernel"), 3, null)),
                  Math::tanh);
        }
        assertArrayEquals(h, Arrays.copyOfRange(got, ex * 3, ex * 3 + 3), 1e-5f);
      }
    }
  }

  /** Keras' GRU cell over one example, every h. */
  static float[] gru(
      float[] x,
      int steps,
      int features,
      float[] k,
      float[] rk,
      float[] b,
      int u,
      boolean resetAfter) {
    float[] h = new float[u];
    float[] out = new float[steps * u];
    float[] inBias = Arrays.copyOfRange(b, 0, 3 * u);
    float[] recBias = resetAfter ? Arrays.copyOfRange(b, 3 * u, 6 * u) : new float[3 * u];
    for (int t = 0; t < steps; t++) {
      float[] xp =
          Ref.dense(
              Arrays.copyOfRange(x, t * features, (t + 1) * features),
              1,
              features,
              k,
              3 * u,
              inBias);
      float[] hp = Ref.dense(h, 1, u, rk, 3 * u, recBias);
      float[] next = new float[u];
      for (int j = 0; j < u; j++) {
        double z = Ref.sigmoid(xp[j] + hp[j]);
        double r = Ref.sigmoid(xp[u + j] + hp[u + j]);
        double cand;
        if (resetAfter) {
          cand = Math.tanh(xp[2 * u + j] + r * hp[2 * u + j]);
        } else {
          double s = 0;
          for (int i = 0; i < u; i++) {
            s += Ref.sigmoid(xp[u + i] + hp[u + i]) * h[i] * rk[i * 3 * u + 2 * u + j];
          }
          cand = Math.tanh(xp[2 * u + j] + s);
        }
        next[j] = (float) (z * h[j] + (1 - z) * cand);
      }
      h = next;
      System.arraycopy(h, 0, out, t * u, u);
    }
    return out;
  }

  @Test
  void bidirectionalLstmConcatenatesForwardAndReversedBackward() {
    Model m =
        model(
            new LayerSpec(
                "bi",
                LayerKind.BIDIRECTIONAL,
                List.of(),
                Map.of("inputShape", List.of(3, 2)),
                LayerSpec.of("bi", LayerKind.LSTM, Map.of("units", 2, "returnSequences", true))));
    float[] x = randoms(3 * 2);
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 4);
        GraphRunner r = new GraphRunner(g)) {
      float[] got = predict(m, r, g, x);
      float[] fw =
          Ref.lstm(
              x,
              3,
              2,
              r.variable("bi/forward_kernel"),
              r.variable("bi/forward_recurrent_kernel"),
              r.variable("bi/forward_bias"),
              2);
      float[] reversed = new float[6];
      for (int t = 0; t < 3; t++) {
        System.arraycopy(x, (2 - t) * 2, reversed, t * 2, 2);
      }
      float[] bw =
          Ref.lstm(
              reversed,
              3,
              2,
              r.variable("bi/backward_kernel"),
              r.variable("bi/backward_recurrent_kernel"),
              r.variable("bi/backward_bias"),
              2);
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(
            Arrays.copyOfRange(fw, t * 2, t * 2 + 2),
            Arrays.copyOfRange(got, t * 4, t * 4 + 2),
            1e-5f);
        assertArrayEquals(
            Arrays.copyOfRange(bw, (2 - t) * 2, (2 - t) * 2 + 2),
            Arrays.copyOfRange(got, t * 4 + 2, t * 4 + 4),
            1e-5f);
      }
    }
  }

  @Test
  void conv2dValidWithStridesAndConv1dSame() {
    Model m =
        model(
            layer(
                "c",
                LayerKind.CONV2D,
                "filters",
                2,
                "kernelSize",
                List.of(2, 3),
                "strides",
                List.of(2, 1),
                "inputShape",
                List.of(5, 4, 3)));
    float[] x = randoms(5 * 4 * 3);
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 3);
        GraphRunner r = new GraphRunner(g)) {
      float[] k = r.variable("c/kernel");
      float[] b = {0.5f, -0.5f};
      r.assign("c/bias", b);
      float[] got = predict(m, r, g, x);
      // output 2 x 2 x 2
      float[] want = new float[8];
      for (int oi = 0; oi < 2; oi++) {
        for (int oj = 0; oj < 2; oj++) {
          for (int f = 0; f < 2; f++) {
            double s = b[f];
            for (int di = 0; di < 2; di++) {
              for (int dj = 0; dj < 3; dj++) {
                for (int c = 0; c < 3; c++) {
                  s +=
                      x[((oi * 2 + di) * 4 + oj + dj) * 3 + c] * k[((di * 3 + dj) * 3 + c) * 2 + f];
                }
              }
            }
            want[(oi * 2 + oj) * 2 + f] = (float) s;
          }
        }
      }
      assertArrayEquals(want, got, 1e-5f);
    }
    Model m1 =
        model(
            layer(
                "c",
                LayerKind.CONV1D,
                "filters",
                1,
                "kernelSize",
                List.of(3),
                "padding",
                "same",
                "useBias",
                false,
                "inputShape",
                List.of(4, 2)));
    float[] x1 = randoms(4 * 2);
    try (ModelGraph g = ModelGraph.build(m1, Mode.PREDICT, 3);
        GraphRunner r = new GraphRunner(g)) {
      float[] k = r.variable("c/kernel");
      float[] want = new float[4];
      for (int t = 0; t < 4; t++) {
        for (int d = 0; d < 3; d++) {
          int src = t + d - 1; // same padding: one zero on each side
          for (int c = 0; src >= 0 && src < 4 && c < 2; c++) {
            want[t] += x1[src * 2 + c] * k[(d * 2 + c)];
          }
        }
      }
      assertArrayEquals(want, predict(m1, r, g, x1), 1e-5f);
    }
  }

  @Test
  void poolingLayers() {
    float[] x = randoms(4 * 4 * 2);
    assertArrayEquals(
        pool2d(x, true),
        run(model(layer("p", LayerKind.MAX_POOLING2D, "inputShape", List.of(4, 4, 2))), x),
        1e-6f);
    assertArrayEquals(
        pool2d(x, false),
        run(model(layer("p", LayerKind.AVERAGE_POOLING2D, "inputShape", List.of(4, 4, 2))), x),
        1e-6f);
    float[] seq = {1, 10, 5, 2, 3, 30, 4, 1, 0, 0}; // 5 steps x 2 channels
    // pool 2 stride 1 valid: max over steps (0,1), (1,2), (2,3), (3,4)
    assertArrayEquals(
        new float[] {5, 10, 5, 30, 4, 30, 4, 1},
        run(
            model(
                layer(
                    "p",
                    LayerKind.MAX_POOLING1D,
                    "strides",
                    List.of(1),
                    "inputShape",
                    List.of(5, 2))),
            seq),
        1e-6f);
    // pool 2 stride 2 same: (0,1), (2,3), (4)
    assertArrayEquals(
        new float[] {3, 6, 3.5f, 15.5f, 0, 0},
        run(
            model(
                layer(
                    "p",
                    LayerKind.AVERAGE_POOLING1D,
                    "padding",
                    "same",
                    "inputShape",
                    List.of(5, 2))),
            seq),
        1e-6f);
    assertArrayEquals(
        new float[] {2.6f, 8.6f},
        run(
            model(layer("p", LayerKind.GLOBAL_AVERAGE_POOLING1D, "inputShape", List.of(5, 2))),
            seq),
        1e-5f);
    assertArrayEquals(
        new float[] {5, 30},
        run(model(layer("p", LayerKind.GLOBAL_MAX_POOLING1D, "inputShape", List.of(5, 2))), seq),
        1e-6f);
    float[] gmax = new float[2];
    float[] gavg = new float[2];
    Arrays.fill(gmax, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < 16; i++) {
      for (int c = 0; c < 2; c++) {
        gmax[c] = Math.max(gmax[c], x[i * 2 + c]);
        gavg[c] += x[i * 2 + c] / 16;
      }
    }
    assertArrayEquals(
        gmax,
        run(model(layer("p", LayerKind.GLOBAL_MAX_POOLING2D, "inputShape", List.of(4, 4, 2))), x),
        1e-6f);
    assertArrayEquals(
        gavg,
        run(
            model(layer("p", LayerKind.GLOBAL_AVERAGE_POOLING2D, "inputShape", List.of(4, 4, 2))),
            x),
        1e-5f);
  }

  static float[] pool2d(float[] x, boolean max) {
    float[] out = new float[2 * 2 * 2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int c = 0; c < 2; c++) {
          float m = Float.NEGATIVE_INFINITY;
          float s = 0;
          for (int di = 0; di < 2; di++) {
            for (int dj = 0; dj < 2; dj++) {
              float v = x[((2 * i + di) * 4 + 2 * j + dj) * 2 + c];
              m = Math.max(m, v);
              s += v;
            }
          }
          out[(i * 2 + j) * 2 + c] = max ? m : s / 4;
        }
      }
    }
    return out;
  }

  static float[] run(Model m, float[] x) {
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      return predict(m, r, g, x);
    }
  }

  @Test
  void batchNormalizationInferenceTrainingAndMovingAverages() {
    Model m =
        model(
            layer("bn", LayerKind.BATCH_NORMALIZATION, "momentum", 0.9, "inputShape", List.of(2)));
    float[] x = {1, 10, 3, 20, 5, 60}; // 3 rows x 2 channels
    float[] gamma = {2, 0.5f};
    float[] beta = {1, -1};
    float[] mm = {0.5f, 4};
    float[] mv = {4, 9};
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("bn/gamma", gamma);
      r.assign("bn/beta", beta);
      r.assign("bn/moving_mean", mm);
      r.assign("bn/moving_variance", mv);
      float[] want = new float[6];
      for (int i = 0; i < 6; i++) {
        int c = i % 2;
        want[i] = (float) ((x[i] - mm[c]) / Math.sqrt(mv[c] + 1e-3) * gamma[c] + beta[c]);
      }
      assertArrayEquals(want, predict(m, r, g, x), 1e-5f);
    }
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      double[] mean = {3, 30};
      double[] var = {8.0 / 3, (400 + 100 + 900) / 3.0}; // biased, as Keras 3
      float[] out = r.feed(g.feature(0), x, 3, 2).run(g.output(0));
      for (int i = 0; i < 6; i++) {
        int c = i % 2;
        assertEquals((x[i] - mean[c]) / Math.sqrt(var[c] + 1e-3), out[i], 1e-5);
      }
      r.feed(g.feature(0), x, 3, 2).feed(g.label(0), new float[6], 3, 2).run(g.loss(), g.trainOp());
      assertArrayEquals(new float[] {0.3f, 3f}, r.variable("bn/moving_mean"), 1e-5f);
      assertArrayEquals(
          new float[] {(float) (0.9 + 0.1 * var[0]), (float) (0.9 + 0.1 * var[1])},
          r.variable("bn/moving_variance"),
          1e-4f);
    }
  }

  @Test
  void layerNormalization() {
    Model m = model(layer("ln", LayerKind.LAYER_NORMALIZATION, "inputShape", List.of(3)));
    float[] x = {1, 2, 6, -1, 0, 1};
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("ln/gamma", new float[] {1, 2, 3});
      r.assign("ln/beta", new float[] {0, 1, 0});
      float[] want = new float[6];
      for (int row = 0; row < 2; row++) {
        double mean = (x[row * 3] + x[row * 3 + 1] + x[row * 3 + 2]) / 3.0;
        double var = 0;
        for (int c = 0; c < 3; c++) {
          var += Math.pow(x[row * 3 + c] - mean, 2) / 3;
        }
        for (int c = 0; c < 3; c++) {
          want[row * 3 + c] =
              (float)
                  ((x[row * 3 + c] - mean) / Math.sqrt(var + 1e-3) * (c + 1) + (c == 1 ? 1 : 0));
        }
      }
      assertArrayEquals(want, predict(m, r, g, x), 1e-5f);
    }
  }

  @Test
  void concatenateAddReshapeFlatten() {
    Model m =
        model(
            layer("a", LayerKind.INPUT, "shape", List.of(2, 2)),
            layer("b", LayerKind.INPUT, "shape", List.of(2, 2)),
            layer("sum", LayerKind.ADD).from("a", "b"),
            layer("cat", LayerKind.CONCATENATE, "axis", 1).from("sum", "a"),
            layer("re", LayerKind.RESHAPE, "targetShape", List.of(2, -1)),
            layer("flat", LayerKind.FLATTEN));
    float[] a = {1, 2, 3, 4};
    float[] b = {10, 20, 30, 40};
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      float[] got =
          r.feed(g.feature(0), a, 1, 2, 2).feed(g.feature(1), b, 1, 2, 2).run(g.output(0));
      // concat on axis 1 (the first example axis) stacks the rows: sum rows, then a rows; reshape +
      // flatten keep order
      assertArrayEquals(new float[] {11, 22, 33, 44, 1, 2, 3, 4}, got);
      assertEquals(List.of(-1L, 8L), Arrays.stream(g.output(0).shape().asArray()).boxed().toList());
    }
  }

  @Test
  void activations() {
    float[] x = {-3f, -0.5f, 0f, 0.7f, 2.5f};
    Map<Activation, DoubleUnaryOperator> want = new java.util.EnumMap<>(Activation.class);
    want.put(Activation.LINEAR, v -> v);
    want.put(Activation.RELU, v -> Math.max(0, v));
    want.put(Activation.SIGMOID, Ref::sigmoid);
    want.put(Activation.TANH, Math::tanh);
    want.put(Activation.ELU, v -> v > 0 ? v : Math.exp(v) - 1);
    want.put(
        Activation.SELU,
        v -> 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1)));
    want.put(Activation.GELU, v -> 0.5 * v * (1 + erf(v / Math.sqrt(2))));
    want.put(Activation.SWISH, v -> v * Ref.sigmoid(v));
    want.put(Activation.SOFTPLUS, v -> Math.log1p(Math.exp(v)));
    want.put(Activation.SOFTSIGN, v -> v / (1 + Math.abs(v)));
    want.put(Activation.HARD_SIGMOID, v -> Math.min(6, Math.max(0, v + 3)) / 6);
    want.put(Activation.HARD_SIGMOID_KERAS2, v -> Math.min(1, Math.max(0, 0.2 * v + 0.5)));
    want.put(Activation.LEAKY_RELU, v -> v > 0 ? v : 0.2 * v);
    double sum = 0;
    for (float v : x) {
      sum += Math.exp(v);
    }
    final double total = sum;
    want.put(Activation.SOFTMAX, v -> Math.exp(v) / total);
    assertEquals(Activation.values().length, want.size());
    for (var e : want.entrySet()) {
      Model m =
          model(
              layer(
                  "act",
                  LayerKind.ACTIVATION_LAYER,
                  "activation",
                  e.getKey(),
                  "inputShape",
                  List.of(5)));
      assertArrayEquals(map(x, e.getValue()), run(m, x), 1e-5f, e.getKey().name());
    }
  }

  @Test
  void activationLayers() {
    float[] x = {-3f, -0.5f, -0.1f, 0f, 0.3f, 0.7f, 2.5f, 7f}; // 2 x 4 examples
    List<Integer> shape = List.of(4);
    assertArrayEquals(
        map(x, v -> v >= 0 ? v : 0.3 * v),
        run(model(layer("l", LayerKind.LEAKY_RELU, "inputShape", shape)), x),
        1e-6f);
    assertArrayEquals(
        map(x, v -> v >= 0 ? v : 0.1 * v),
        run(model(layer("l", LayerKind.LEAKY_RELU, "negativeSlope", 0.1, "inputShape", shape)), x),
        1e-6f);
    for (double alpha : new double[] {1.0, 0.7}) {
      assertArrayEquals(
          map(x, v -> v > 0 ? v : alpha * (Math.exp(v) - 1)),
          run(model(layer("l", LayerKind.ELU, "alpha", alpha, "inputShape", shape)), x),
          1e-6f,
          "alpha " + alpha);
    }
    // Keras' ReLU: min(x, max) above the threshold, else slope * (x - threshold)
    double inf = Double.POSITIVE_INFINITY;
    double[][] relus = {
      {inf, 0, 0},
      {1, 0, 0},
      {6, 0, 0},
      {inf, 0.1, 0},
      {inf, 0, 0.5},
      {2, 0.1, 0.5},
      {6, 0.2, 0},
      {inf, 0.1, 0.5}
    };
    for (double[] c : relus) {
      Model m =
          model(
              layer(
                  "l",
                  LayerKind.RELU,
                  "maxValue",
                  c[0],
                  "negativeSlope",
                  c[1],
                  "threshold",
                  c[2],
                  "inputShape",
                  shape));
      assertArrayEquals(
          map(x, v -> v > c[2] ? Math.min(v, c[0]) : c[1] * (v - c[2])),
          run(m, x),
          1e-6f,
          Arrays.toString(c));
    }
    float[] soft = new float[8];
    for (int row = 0; row < 2; row++) {
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        sum += Math.exp(x[row * 4 + j]);
      }
      for (int j = 0; j < 4; j++) {
        soft[row * 4 + j] = (float) (Math.exp(x[row * 4 + j]) / sum);
      }
    }
    assertArrayEquals(
        soft, run(model(layer("l", LayerKind.SOFTMAX, "inputShape", shape)), x), 1e-6f);
    assertArrayEquals(
        soft, run(model(layer("l", LayerKind.SOFTMAX, "axis", 1, "inputShape", shape)), x), 1e-6f);
  }

  @Test
  void softmaxOverAnInnerAxis() {
    float[] x = randoms(2 * 3 * 2); // 2 examples of 3 x 2, softmax over the 3
    float[] want = new float[x.length];
    for (int ex = 0; ex < 2; ex++) {
      for (int c = 0; c < 2; c++) {
        double sum = 0;
        for (int r = 0; r < 3; r++) {
          sum += Math.exp(x[ex * 6 + r * 2 + c]);
        }
        for (int r = 0; r < 3; r++) {
          want[ex * 6 + r * 2 + c] = (float) (Math.exp(x[ex * 6 + r * 2 + c]) / sum);
        }
      }
    }
    for (int axis : new int[] {1, -2}) {
      assertArrayEquals(
          want,
          run(model(layer("l", LayerKind.SOFTMAX, "axis", axis, "inputShape", List.of(3, 2))), x),
          1e-6f);
    }
  }

  @Test
  void preluLearnsOneSlopePerPositionOrSharedAlongAxes() {
    float[] x = randoms(2 * 3 * 2);
    Model m = model(layer("p", LayerKind.PRELU, "inputShape", List.of(3, 2)));
    assertEquals(List.of(3, 2), m.layers().get(1).weights().get(0).shape().dims());
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      assertArrayEquals(
          map(x, v -> Math.max(0, v)), predict(m, r, g, x), 0f, "alpha starts at zeros");
      float[] alpha = randoms(6);
      r.assign("p/alpha", alpha);
      float[] want = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        want[i] = x[i] >= 0 ? x[i] : alpha[i % 6] * x[i];
      }
      assertArrayEquals(want, predict(m, r, g, x), 1e-6f);
    }
    Model shared =
        model(layer("p", LayerKind.PRELU, "sharedAxes", List.of(1), "inputShape", List.of(3, 2)));
    assertEquals(List.of(1, 2), shared.layers().get(1).weights().get(0).shape().dims());
    try (ModelGraph g = ModelGraph.build(shared, Mode.PREDICT, 1);
        GraphRunner r = new GraphRunner(g)) {
      float[] alpha = {0.25f, -0.5f};
      r.assign("p/alpha", alpha);
      float[] want = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        want[i] = x[i] >= 0 ? x[i] : alpha[i % 2] * x[i];
      }
      assertArrayEquals(want, predict(shared, r, g, x), 1e-6f);
    }
  }

  /** Abramowitz-Stegun 7.1.26 is too coarse; integrate erf numerically instead. */
  static double erf(double z) {
    int n = 20000;
    double h = z / n;
    double s = 0;
    for (int i = 0; i <= n; i++) {
      double t = i * h;
      double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
      s += w * Math.exp(-t * t);
    }
    return 2 / Math.sqrt(Math.PI) * s * h / 3;
  }

  static float[] map(float[] x, DoubleUnaryOperator f) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) f.applyAsDouble(x[i]);
    }
    return y;
  }
}
