package io.github.kestimator.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.InitializerType;
import io.github.kestimator.model.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras initializer semantics, checked on large tensors against Keras' formulas: means, spreads and
 * bounds from the arguments and the fans, orthogonality, determinism, seeds.
 */
class InitializersTest {
  static Initializer init(InitializerType type, Object... args) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      m.put((String) args[i], args[i + 1]);
    }
    return Initializer.of(type, m);
  }

  static double mean(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    return mean / v.length;
  }

  static double min(float[] v) {
    return Arrays.stream(toDouble(v)).min().orElseThrow();
  }

  static double max(float[] v) {
    return Arrays.stream(toDouble(v)).max().orElseThrow();
  }

  @Test
  void randomNormalAndTruncatedNormalTakeMeanAndStddev() {
    float[] n =
        values(
            init(InitializerType.RANDOM_NORMAL, "mean", 0.5, "stddev", 0.3), Shape.of(300, 300), 1);
    assertEquals(0.5, mean(n), 0.005);
    assertEquals(0.3, std(n), 0.005);
    assertTrue(min(n) < 0.5 - 3 * 0.3, "a normal reaches past 3 stddev in 90000 draws");
    float[] t =
        values(
            init(InitializerType.TRUNCATED_NORMAL, "mean", -1.0, "stddev", 0.2),
            Shape.of(300, 300),
            2);
    // redrawn beyond 2 stddev: a normal cut at +-2 sigma has stddev 0.8796 sigma
    assertEquals(-1.0, mean(t), 0.005);
    assertEquals(0.2 * 0.87962566103423978, std(t), 0.003);
    assertTrue(min(t) >= -1.0 - 0.4 - 1e-6 && max(t) <= -1.0 + 0.4 + 1e-6, min(t) + " " + max(t));
    assertTrue(min(t) < -1.39 && max(t) > -0.61, "reaches the cut");
  }

  @Test
  void randomUniformTakesItsBounds() {
    float[] u =
        values(
            init(InitializerType.RANDOM_UNIFORM, "minval", -0.3, "maxval", 0.7),
            Shape.of(300, 300),
            3);
    assertTrue(min(u) >= -0.3 && max(u) < 0.7);
    assertTrue(min(u) < -0.29 && max(u) > 0.69);
    assertEquals(0.2, mean(u), 0.005);
    assertEquals(1.0 / Math.sqrt(12), std(u), 0.003);
  }

  @Test
  void varianceScalingTakesScaleModeAndDistribution() {
    Shape conv = Shape.of(3, 3, 8, 16); // fan_in 72, fan_out 144, fan_avg 108
    Map<String, Double> fans = Map.of("FAN_IN", 72.0, "FAN_OUT", 144.0, "FAN_AVG", 108.0);
    Shape big = Shape.of(30, 30, 8, 16); // receptive field 900: fans 7200, 14400, 10800
    for (var fan : fans.entrySet()) {
      double variance = 2.5 / (fan.getValue() * 100);
      float[] u =
          values(
              init(
                  InitializerType.VARIANCE_SCALING,
                  "scale",
                  2.5,
                  "mode",
                  fan.getKey(),
                  "distribution",
                  "UNIFORM"),
              big,
              4);
      double limit = Math.sqrt(3 * variance);
      assertTrue(max(u) <= limit && min(u) >= -limit, fan.getKey());
      assertEquals(Math.sqrt(variance), std(u), 0.01 * Math.sqrt(variance), fan.getKey());
      float[] t =
          values(
              init(InitializerType.VARIANCE_SCALING, "scale", 2.5, "mode", fan.getKey()), big, 5);
      // Keras divides the stddev by 0.8796 so that the truncated draw keeps the variance
      assertEquals(Math.sqrt(variance), std(t), 0.01 * Math.sqrt(variance), fan.getKey());
      assertTrue(max(t) <= 2 * Math.sqrt(variance) / 0.87962566103423978 + 1e-6, fan.getKey());
      float[] n =
          values(
              init(
                  InitializerType.VARIANCE_SCALING,
                  "scale",
                  2.5,
                  "mode",
                  fan.getKey(),
                  "distribution",
                  "untruncated_normal"),
              big,
              6);
      assertEquals(Math.sqrt(variance), std(n), 0.01 * Math.sqrt(variance), fan.getKey());
      assertTrue(max(n) > 3 * Math.sqrt(variance), "untruncated: " + fan.getKey());
      // the fans of the small conv kernel are those of the formula
      float[] small =
          values(
              init(
                  InitializerType.VARIANCE_SCALING,
                  "mode",
                  fan.getKey(),
                  "distribution",
                  "UNIFORM"),
              conv,
              7);
      assertTrue(max(small) <= Math.sqrt(3 / fan.getValue()), fan.getKey());
    }
    // the presets are VarianceScaling: He normal = scale 2, fan_in, truncated
    Shape s = Shape.of(50, 40);
    assertArrayEquals(
        values(Initializer.HE_NORMAL, s, 8),
        values(init(InitializerType.VARIANCE_SCALING, "scale", 2.0), s, 8));
    assertArrayEquals(
        values(Initializer.GLOROT_UNIFORM, s, 9),
        values(
            init(InitializerType.VARIANCE_SCALING, "mode", "fan_avg", "distribution", "uniform"),
            s,
            9));
  }

  @Test
  void orthogonalWithGainOnAConvolutionKernelAndIdentityAndConstant() {
    float[] q = values(init(InitializerType.ORTHOGONAL, "gain", 1.5), Shape.of(3, 3, 4, 8), 10);
    int rows = 36;
    int cols = 8;
    for (int a = 0; a < cols; a++) {
      for (int b = 0; b < cols; b++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) {
          dot += q[i * cols + a] * q[i * cols + b];
        }
        assertEquals(a == b ? 2.25 : 0, dot, 1e-5, a + ", " + b);
      }
    }
    assertArrayEquals(
        new float[] {2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0},
        values(init(InitializerType.IDENTITY, "gain", 2.0), Shape.of(3, 5), 11));
    assertArrayEquals(
        new float[] {0.1f, 0.1f, 0.1f},
        values(init(InitializerType.CONSTANT, "constant", 0.1), Shape.of(3), 1));
  }

  /**
   * ModelAnalyzer refuses an Identity initializer on a weight other than 2-D; built, it says so.
   */
  @Test
  void identityOnAWeightOtherThan2DIsAClearError() {
    for (Shape shape : List.of(Shape.of(3), Shape.of(2, 3, 4))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> values(Initializer.of(InitializerType.IDENTITY), shape, 1));
      assertEquals(
          "an Identity initializer fills 2-D weights only, got a weight of shape " + shape.dims(),
          e.getMessage());
    }
  }

  @Test
  void aSeededInitializerIgnoresTheRunSeedAndTakesKerasSeedModulo() {
    for (InitializerType t :
        List.of(
            InitializerType.RANDOM_NORMAL,
            InitializerType.RANDOM_UNIFORM,
            InitializerType.TRUNCATED_NORMAL,
            InitializerType.VARIANCE_SCALING,
            InitializerType.GLOROT_UNIFORM,
            InitializerType.ORTHOGONAL)) {
      Initializer seeded = init(t, "seed", 3);
      float[] a = values(seeded, Shape.of(6, 5), 100);
      assertArrayEquals(a, values(seeded, Shape.of(6, 5), 200), t.name());
      assertFalse(Arrays.equals(a, values(init(t, "seed", 4), Shape.of(6, 5), 100)), t.name());
      assertFalse(Arrays.equals(a, values(Initializer.of(t), Shape.of(6, 5), 100)), t.name());
      // Keras 3 on TensorFlow takes an int seed modulo 2^31 - 2
      assertArrayEquals(
          a,
          values(init(t, "seed", 3 + (long) Integer.MAX_VALUE - 1), Shape.of(6, 5), 1),
          t.name());
    }
    assertEquals(7, Initializers.kerasSeed(2147483653L));
    assertEquals(2147483645, Initializers.kerasSeed(-1));
  }

  static float[] values(Initializer init, Shape shape, long seed) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      var v = Initializers.of(Ops.create(g), init, shape, seed);
      try (Result r = s.runner().fetch(v).run()) {
        return GraphRunner.floats((TFloat32) r.get(0));
      }
    }
  }

  static double std(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x / v.length;
    }
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean) / v.length;
    }
    return Math.sqrt(var);
  }

  @Test
  void uniformInitializersStayWithinKerasLimits() {
    Shape conv = Shape.of(3, 3, 8, 16); // fan_in 72, fan_out 144
    float[] glorot = values(Initializer.GLOROT_UNIFORM, conv, 1);
    double limit = Math.sqrt(6.0 / (72 + 144));
    assertEquals(3 * 3 * 8 * 16, glorot.length);
    assertTrue(Arrays.stream(toDouble(glorot)).allMatch(x -> Math.abs(x) <= limit));
    assertEquals(
        limit / Math.sqrt(3), std(glorot), 0.05 * limit); // uniform(-a, a) has std a / sqrt(3)
    float[] he = values(Initializer.HE_UNIFORM, Shape.of(50, 40), 2);
    assertTrue(Arrays.stream(toDouble(he)).allMatch(x -> Math.abs(x) <= Math.sqrt(6.0 / 50)));
    float[] emb = values(Initializer.RANDOM_UNIFORM, Shape.of(100, 8), 3);
    assertTrue(Arrays.stream(toDouble(emb)).allMatch(x -> Math.abs(x) <= 0.05));
  }

  @Test
  void normalInitializersHaveKerasSpread() {
    float[] heNormal = values(Initializer.HE_NORMAL, Shape.of(200, 100), 4);
    double stddev = Math.sqrt(2.0 / 200);
    // truncated at 2 stddev of the untruncated normal, whose stddev Keras scales up by 1 / 0.8796
    assertTrue(
        Arrays.stream(toDouble(heNormal))
            .allMatch(x -> Math.abs(x) <= 2 * stddev / 0.87962566103423978 + 1e-6));
    assertEquals(stddev, std(heNormal), 0.05 * stddev);
    assertEquals(0.05, std(values(Initializer.RANDOM_NORMAL, Shape.of(100, 100), 5)), 0.003);
  }

  @Test
  void orthogonalForWideAndTallMatrices() {
    for (int[] rc : new int[][] {{4, 16}, {12, 3}}) {
      float[] q = values(Initializer.ORTHOGONAL, Shape.of(rc[0], rc[1]), 6);
      boolean wide = rc[0] < rc[1];
      int k = Math.min(rc[0], rc[1]);
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          double dot = 0;
          for (int i = 0; i < Math.max(rc[0], rc[1]); i++) {
            dot += wide ? q[a * rc[1] + i] * q[b * rc[1] + i] : q[i * rc[1] + a] * q[i * rc[1] + b];
          }
          assertEquals(
              a == b ? 1 : 0,
              dot,
              1e-5,
              "rows/columns " + a + ", " + b + " of " + Arrays.toString(rc));
        }
      }
    }
  }

  @Test
  void sameSeedSameValuesOtherSeedOtherValues() {
    for (Initializer init :
        new Initializer[] {
          Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL, Initializer.LECUN_NORMAL
        }) {
      assertArrayEquals(
          values(init, Shape.of(6, 8), 10), values(init, Shape.of(6, 8), 10), init.toString());
      assertFalse(
          Arrays.equals(values(init, Shape.of(6, 8), 10), values(init, Shape.of(6, 8), 11)),
          init.toString());
    }
    assertArrayEquals(new float[] {0, 0, 0}, values(Initializer.ZEROS, Shape.of(3), 1));
    assertArrayEquals(new float[] {1, 1}, values(Initializer.ONES, Shape.of(2), 1));
    assertNotEquals(Seeds.of(1, "dense", "kernel"), Seeds.of(1, "dense", "bias"));
    assertNotEquals(Seeds.of(1, "ab", "c"), Seeds.of(1, "a", "bc"));
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
