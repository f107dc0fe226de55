package io.github.kestimator.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.ConstraintType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Each constraint's graph op against Keras' formula, computed here in double on the same matrix:
 * norms over the constraint's axes, Keras' epsilon 1e-7.
 */
class ConstraintsTest {
  /** A 4 x 3 matrix with negative entries, columns of norms below 0.5, near 1 and above 2. */
  static final float[][] W = {
    {0.1f, -0.6f, 1.5f}, {-0.2f, 0.5f, -1.0f}, {0.05f, 0.4f, 0.9f}, {0.1f, -0.3f, 1.2f}
  };

  static float[][] apply(Constraint c) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var out = Constraints.apply(tf, c, tf.constant(StdArrays.ndCopyOf(W)));
      try (Result r = s.runner().fetch(out).run()) {
        return StdArrays.array2dCopyOf((TFloat32) r.get(0));
      }
    }
  }

  static Constraint of(ConstraintType t, Object... args) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      m.put((String) args[i], args[i + 1]);
    }
    return Constraint.of(t, m);
  }

  /** Norms of W along axis 0 (one per column) or 1 (one per row), or over both. */
  static double norm(int axis, int index) {
    double sum = 0;
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        if (axis == 0 && c == index || axis == 1 && r == index || axis == 2) {
          sum += (double) W[r][c] * W[r][c];
        }
      }
    }
    return Math.sqrt(sum);
  }

  interface Scale {
    double of(double norm);
  }

  static void assertScaled(float[][] got, int axis, Scale scale) {
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        double n = norm(axis, axis == 0 ? c : r);
        double want = W[r][c] * scale.of(n) / (1e-7 + n);
        assertEquals(want, got[r][c], 1e-6 * (1 + Math.abs(want)), r + "," + c);
      }
    }
  }

  @Test
  void maxNormCapsEachColumnsNorm() {
    assertScaled(apply(of(ConstraintType.MAX_NORM, "maxValue", 1.0)), 0, n -> Math.min(n, 1.0));
    assertScaled(apply(of(ConstraintType.MAX_NORM)), 0, n -> Math.min(n, 2.0)); // Keras' default
    assertScaled(
        apply(of(ConstraintType.MAX_NORM, "maxValue", 0.5, "axis", 1)), 1, n -> Math.min(n, 0.5));
    assertScaled(
        apply(of(ConstraintType.MAX_NORM, "maxValue", 0.5, "axis", -1)), 1, n -> Math.min(n, 0.5));
    assertScaled(
        apply(of(ConstraintType.MAX_NORM, "maxValue", 1.0, "axis", List.of(0, 1))),
        2,
        n -> Math.min(n, 1.0));
  }

  @Test
  void unitNormAndMinMaxNormAndNonNeg() {
    assertScaled(apply(of(ConstraintType.UNIT_NORM)), 0, n -> 1);
    assertScaled(apply(of(ConstraintType.MIN_MAX_NORM)), 0, n -> Math.max(0, Math.min(n, 1)));
    assertScaled(
        apply(
            of(
                ConstraintType.MIN_MAX_NORM,
                "minValue",
                0.9,
                "maxValue",
                1.2,
                "rate",
                0.25,
                "axis",
                1)),
        1,
        n -> 0.25 * Math.max(0.9, Math.min(n, 1.2)) + 0.75 * n);
    float[][] nonNeg = apply(of(ConstraintType.NON_NEG));
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(Math.max(0, W[r][c]), nonNeg[r][c], r + "," + c);
      }
    }
  }

  @Test
  void anAxisOutsideTheWeightIsAnError() {
    Constraint outside = Constraint.of(ConstraintType.UNIT_NORM, Map.of("axis", List.of(0, 2)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> outside.axes(2));
    assertEquals("UnitNorm(axis=[0, 2]) has axis 2, outside a weight of rank 2", e.getMessage());
    Constraint inside = Constraint.of(ConstraintType.UNIT_NORM, Map.of("axis", List.of(-1, 0)));
    assertEquals(List.of(1, 0), java.util.Arrays.stream(inside.axes(2)).boxed().toList());
  }
}
