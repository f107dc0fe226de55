package io.github.kestimator.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras initializer semantics: ranges and spreads from the fans, orthogonality, determinism. */
class InitializersTest {
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
