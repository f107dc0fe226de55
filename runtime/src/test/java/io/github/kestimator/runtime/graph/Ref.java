package io.github.kestimator.runtime.graph;

/** Plain-Java reference math for tests, row-major flat arrays. */
public final class Ref {
  private Ref() {}

  /** x [n, k] @ w [k, m] (+ b [m]). */
  public static float[] dense(float[] x, int n, int k, float[] w, int m, float[] b) {
    float[] y = new float[n * m];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < m; c++) {
        double s = b == null ? 0 : b[c];
        for (int i = 0; i < k; i++) {
          s += (double) x[r * k + i] * w[i * m + c];
        }
        y[r * m + c] = (float) s;
      }
    }
    return y;
  }

  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * An LSTM over one example's sequence x [steps, features]; returns every h [steps, units]. Gates
   * i, f, c, o as Keras orders them.
   */
  public static float[] lstm(
      float[] x,
      int steps,
      int features,
      float[] kernel,
      float[] recurrent,
      float[] bias,
      int units) {
    float[] h = new float[units];
    float[] c = new float[units];
    float[] out = new float[steps * units];
    for (int t = 0; t < steps; t++) {
      float[] xt = java.util.Arrays.copyOfRange(x, t * features, (t + 1) * features);
      float[] z =
          add(
              dense(xt, 1, features, kernel, 4 * units, bias),
              dense(h, 1, units, recurrent, 4 * units, null));
      for (int j = 0; j < units; j++) {
        double i = sigmoid(z[j]);
        double f = sigmoid(z[units + j]);
        double g = Math.tanh(z[2 * units + j]);
        double o = sigmoid(z[3 * units + j]);
        c[j] = (float) (f * c[j] + i * g);
        h[j] = (float) (o * Math.tanh(c[j]));
      }
      System.arraycopy(h, 0, out, t * units, units);
    }
    return out;
  }

  public static float[] add(float[] a, float[] b) {
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }

  public static float[] gather(float[] table, int width, int[] ids) {
    float[] y = new float[ids.length * width];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(table, ids[i] * width, y, i * width, width);
    }
    return y;
  }
}
