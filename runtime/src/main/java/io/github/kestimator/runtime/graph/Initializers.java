package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.Shape;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras initializers as graph ops that compute a weight's initial value, deterministic from a seed.
 *
 * <p>Random initializers use TensorFlow's stateless random ops (Philox, seeded with {@code [seed,
 * 0]}) so large weights such as embeddings cost no graph constants; the orthogonal initializer is
 * computed in Java (QR of a seeded normal matrix, as Keras does) and stored as a constant, since
 * recurrent kernels are small. Fans follow Keras' {@code compute_fans}: a 2-D shape is {@code
 * (fan_in, fan_out)}, a convolution kernel {@code (k..., in, out)} multiplies both by the receptive
 * field.
 */
public final class Initializers {
  /**
   * Keras scales truncated normals by this to keep the requested variance ({@code
   * VarianceScaling}).
   */
  private static final double TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978;

  private Initializers() {}

  public static Operand<TFloat32> of(Ops tf, Initializer init, Shape shape, long seed) {
    Operand<TInt64> dims = tf.constant(dims(shape));
    double fanIn = fanIn(shape);
    double fanOut = fanOut(shape);
    return switch (init) {
      case ZEROS -> tf.fill(dims, tf.constant(0f));
      case ONES -> tf.fill(dims, tf.constant(1f));
      case RANDOM_UNIFORM -> uniform(tf, dims, seed, 0.05);
      case RANDOM_NORMAL ->
          tf.math.mul(tf.random.statelessRandomNormal(dims, seedOp(tf, seed)), tf.constant(0.05f));
      case TRUNCATED_NORMAL -> truncated(tf, dims, seed, 0.05 * TRUNCATED_STDDEV_CORRECTION);
      case GLOROT_UNIFORM -> uniform(tf, dims, seed, Math.sqrt(6 / (fanIn + fanOut)));
      case GLOROT_NORMAL -> truncated(tf, dims, seed, Math.sqrt(2 / (fanIn + fanOut)));
      case HE_UNIFORM -> uniform(tf, dims, seed, Math.sqrt(6 / fanIn));
      case HE_NORMAL -> truncated(tf, dims, seed, Math.sqrt(2 / fanIn));
      case LECUN_UNIFORM -> uniform(tf, dims, seed, Math.sqrt(3 / fanIn));
      case LECUN_NORMAL -> truncated(tf, dims, seed, Math.sqrt(1 / fanIn));
      case ORTHOGONAL -> orthogonalConstant(tf, shape, seed);
    };
  }

  private static Operand<TFloat32> uniform(Ops tf, Operand<TInt64> dims, long seed, double limit) {
    Operand<TFloat32> u = tf.random.statelessRandomUniform(dims, seedOp(tf, seed));
    return tf.math.sub(
        tf.math.mul(u, tf.constant((float) (2 * limit))), tf.constant((float) limit));
  }

  /** Keras' VarianceScaling "truncated_normal": stddev divided by the truncation correction. */
  private static Operand<TFloat32> truncated(
      Ops tf, Operand<TInt64> dims, long seed, double stddev) {
    return tf.math.mul(
        tf.random.statelessTruncatedNormal(dims, seedOp(tf, seed)),
        tf.constant((float) (stddev / TRUNCATED_STDDEV_CORRECTION)));
  }

  private static Operand<TInt64> seedOp(Ops tf, long seed) {
    return tf.constant(new long[] {seed, 0});
  }

  private static Operand<TFloat32> orthogonalConstant(Ops tf, Shape shape, long seed) {
    int cols = shape.dim(-1);
    int rows = shape.size() / cols;
    float[] flat = orthogonal(rows, cols, seed);
    return tf.reshape(tf.constant(StdArrays.ndCopyOf(flat)), tf.constant(dims(shape)));
  }

  /**
   * Keras' Orthogonal(gain=1) for a {@code rows x cols} matrix, row-major: QR of a normal matrix
   * (transposed when it is wide) with the signs of R's diagonal folded into Q. Modified
   * Gram-Schmidt yields exactly that Q (the QR with a positive diagonal is unique).
   */
  public static float[] orthogonal(int rows, int cols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = Math.max(rows, cols);
    int k = Math.min(rows, cols);
    double[][] q = new double[k][n]; // k orthonormal vectors of length n
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        q[j][i] = random.nextGaussian();
      }
    }
    for (int j = 0; j < k; j++) {
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[j][i] * q[p][i];
        }
        for (int i = 0; i < n; i++) {
          q[j][i] -= dot * q[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    // q holds Q's columns (n x k). A tall matrix is Q itself; a wide one is Q transposed.
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = (float) (rows >= cols ? q[c][r] : q[r][c]);
      }
    }
    return out;
  }

  static long[] dims(Shape shape) {
    return shape.dims().stream().mapToLong(Integer::longValue).toArray();
  }

  static double fanIn(Shape s) {
    return s.rank() == 0 ? 1 : s.rank() == 1 ? s.dim(0) : (double) s.dim(-2) * receptive(s);
  }

  static double fanOut(Shape s) {
    return s.rank() == 0 ? 1 : s.rank() == 1 ? s.dim(0) : (double) s.dim(-1) * receptive(s);
  }

  private static double receptive(Shape s) {
    double r = 1;
    for (int i = 0; i < s.rank() - 2; i++) {
      r *= s.dim(i);
    }
    return r;
  }
}
