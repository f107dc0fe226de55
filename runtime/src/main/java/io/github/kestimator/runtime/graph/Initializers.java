package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.Distribution;
import io.github.kestimator.model.FanMode;
import io.github.kestimator.model.Initializer;
import io.github.kestimator.model.InitializerType;
import io.github.kestimator.model.Shape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras initializers as graph ops that compute a weight's initial value, deterministic from a seed.
 *
 * <p>They are Keras 3's own ops on TensorFlow: random initializers draw with TensorFlow's stateless
 * random ops (Philox, seeded with {@code [seed, 0]}), so large weights such as embeddings cost no
 * graph constants, and {@code Orthogonal} takes the reduced QR decomposition of such a normal draw,
 * with the signs of R's diagonal folded into Q. A seeded initializer ({@code RandomNormal(seed=3)})
 * therefore draws exactly what Keras 3 on TensorFlow draws for that seed ({@link #kerasSeed}: the
 * seed modulo {@code 2^31 - 2}), in every run and every model; a test compares the initial weights
 * of models Keras saved right after building them. (Keras on JAX or PyTorch draws other values for
 * the same seed.) An unseeded one draws from a seed derived from the run's {@code RunConfig} seed,
 * the layer and the weight, as Keras' unseeded initializers draw from a random seed. Fans follow
 * Keras' {@code compute_fans}: a 2-D shape is {@code (fan_in, fan_out)}, a convolution kernel
 * {@code (k..., in, out)} multiplies both by the receptive field.
 */
public final class Initializers {
  /**
   * Keras scales truncated normals by this to keep the requested variance ({@code
   * VarianceScaling}).
   */
  private static final double TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978;

  private Initializers() {}

  /**
   * The initial value of a weight of {@code shape}.
   *
   * @param seed the seed derived from the run's seed, the layer and the weight; a seeded
   *     initializer ({@link Initializer#seed()}) draws with its own seed instead, the same in every
   *     run
   */
  public static Operand<TFloat32> of(Ops tf, Initializer init, Shape shape, long seed) {
    Operand<TInt64> dims = tf.constant(dims(shape));
    long s = init.seed() != null ? kerasSeed(init.seed()) : seed;
    InitializerType.Scaling scaling = init.type().scaling(init.params());
    if (scaling != null) {
      return varianceScaling(
          tf, dims, shape, s, scaling.scale(), scaling.mode(), scaling.distribution());
    }
    return switch (init.type()) {
      case ZEROS -> tf.fill(dims, tf.constant(0f));
      case ONES -> tf.fill(dims, tf.constant(1f));
      case CONSTANT -> tf.fill(dims, tf.constant((float) init.getDouble("constant")));
      case RANDOM_UNIFORM -> {
        double lo = init.getDouble("minval");
        double hi = init.getDouble("maxval");
        Operand<TFloat32> u = tf.random.statelessRandomUniform(dims, seedOp(tf, s));
        // Keras: u * (maxval - minval) + minval, each in float32
        yield tf.math.add(
            tf.math.mul(u, tf.constant((float) hi - (float) lo)), tf.constant((float) lo));
      }
      case RANDOM_NORMAL ->
          shifted(
              tf,
              tf.math.mul(
                  tf.random.statelessRandomNormal(dims, seedOp(tf, s)),
                  tf.constant((float) init.getDouble("stddev"))),
              init.getDouble("mean"));
      case TRUNCATED_NORMAL ->
          shifted(
              tf,
              tf.math.mul(
                  tf.random.statelessTruncatedNormal(dims, seedOp(tf, s)),
                  tf.constant((float) init.getDouble("stddev"))),
              init.getDouble("mean"));
      case ORTHOGONAL -> orthogonal(tf, shape, s, init.getDouble("gain"));
      case IDENTITY -> identity(tf, shape, init.getDouble("gain"));
      default -> throw new IllegalStateException("no initializer " + init);
    };
  }

  /**
   * Keras' {@code VarianceScaling}: {@code scale / max(1, fan)} is the variance of a truncated
   * normal (its stddev divided by the truncation correction), an untruncated normal, or a uniform
   * in {@code [-sqrt(3 * variance), sqrt(3 * variance)]}.
   */
  private static Operand<TFloat32> varianceScaling(
      Ops tf,
      Operand<TInt64> dims,
      Shape shape,
      long seed,
      double scale,
      FanMode mode,
      Distribution distribution) {
    double fan =
        switch (mode) {
          case FAN_IN -> fanIn(shape);
          case FAN_OUT -> fanOut(shape);
          case FAN_AVG -> (fanIn(shape) + fanOut(shape)) / 2;
        };
    double variance = scale / Math.max(1, fan);
    return switch (distribution) {
      case UNIFORM -> uniform(tf, dims, seed, Math.sqrt(3 * variance));
      case TRUNCATED_NORMAL -> truncated(tf, dims, seed, Math.sqrt(variance));
      case UNTRUNCATED_NORMAL ->
          tf.math.mul(
              tf.random.statelessRandomNormal(dims, seedOp(tf, seed)),
              tf.constant((float) Math.sqrt(variance)));
    };
  }

  private static Operand<TFloat32> shifted(Ops tf, Operand<TFloat32> x, double mean) {
    return mean == 0 ? x : tf.math.add(x, tf.constant((float) mean));
  }

  /** Keras' {@code Identity(gain)}: {@code gain} on the main diagonal of a 2-D weight. */
  private static Operand<TFloat32> identity(Ops tf, Shape shape, double gain) {
    if (shape.rank() != 2) {
      throw new IllegalArgumentException(
          "an Identity initializer fills 2-D weights only, got a weight of shape " + shape.dims());
    }
    int rows = shape.dim(0);
    int cols = shape.dim(1);
    float[] flat = new float[rows * cols];
    for (int i = 0; i < Math.min(rows, cols); i++) {
      flat[i * cols + i] = (float) gain;
    }
    return tf.reshape(tf.constant(StdArrays.ndCopyOf(flat)), tf.constant(dims(shape)));
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

  /**
   * The Philox seed Keras 3 on TensorFlow draws a seeded initializer with: {@code [seed, 0]}, taken
   * modulo {@code 2^31 - 2} as its {@code _cast_seed} does for TensorFlow's int32 seeds.
   */
  static long kerasSeed(long seed) {
    return Math.floorMod(seed, Integer.MAX_VALUE - 1L);
  }

  private static Operand<TInt64> seedOp(Ops tf, long seed) {
    return tf.constant(new long[] {seed, 0});
  }

  /**
   * Keras' {@code Orthogonal(gain)}, with Keras' ops: a normal matrix of {@code (max(rows, cols),
   * min(rows, cols))} (rows: the product of all but the last dimension), its reduced QR
   * decomposition, Q's columns times the signs of R's diagonal, transposed when the weight is wide,
   * reshaped and times {@code gain}.
   */
  private static Operand<TFloat32> orthogonal(Ops tf, Shape shape, long seed, double gain) {
    int cols = shape.dim(-1);
    int rows = shape.size() / cols;
    Operand<TFloat32> a =
        tf.random.statelessRandomNormal(
            tf.constant(new long[] {Math.max(rows, cols), Math.min(rows, cols)}), seedOp(tf, seed));
    Qr<TFloat32> qr = tf.linalg.qr(a, Qr.fullMatrices(false));
    Operand<TFloat32> d = tf.linalg.matrixDiagPart(qr.r(), tf.constant(0), tf.constant(0f));
    Operand<TFloat32> q = tf.math.mul(qr.q(), tf.math.sign(d));
    if (rows < cols) {
      q = tf.linalg.transpose(q, tf.constant(new int[] {1, 0}));
    }
    Operand<TFloat32> out = tf.reshape(q, tf.constant(dims(shape)));
    return gain == 1 ? out : tf.math.mul(tf.constant((float) gain), out);
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
