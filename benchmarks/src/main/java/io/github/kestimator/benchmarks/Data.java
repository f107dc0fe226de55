package io.github.kestimator.benchmarks;

import java.util.SplittableRandom;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.IntDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One workload's synthetic training set (WORKLOADS.md), made from a fixed seed before any timing,
 * held as flat row-major primitive arrays so that a batch becomes a tensor with one copy and no
 * boxing. Features are ints (W1 token ids) or floats; labels are floats (binary) or ints (classes).
 */
final class Data {
  final String workload;
  final int examples;
  final int batchSize;

  /** One example's feature shape, without the batch axis. */
  final long[] exampleShape;

  final int featureSize;
  final int[] intFeatures;
  final float[] floatFeatures;
  final float[] floatLabels;
  final int[] intLabels;
  private final IntDataBuffer intFeatureBuffer;
  private final FloatDataBuffer floatFeatureBuffer;
  private final IntDataBuffer intLabelBuffer;
  private final FloatDataBuffer floatLabelBuffer;

  private Data(
      String workload,
      int examples,
      int batchSize,
      long[] exampleShape,
      int[] intFeatures,
      float[] floatFeatures,
      float[] floatLabels,
      int[] intLabels) {
    this.workload = workload;
    this.examples = examples;
    this.batchSize = batchSize;
    this.exampleShape = exampleShape;
    int size = 1;
    for (long d : exampleShape) {
      size *= (int) d;
    }
    this.featureSize = size;
    this.intFeatures = intFeatures;
    this.floatFeatures = floatFeatures;
    this.floatLabels = floatLabels;
    this.intLabels = intLabels;
    // Read-only views over the arrays, not copies: slicing them per batch allocates no Java arrays.
    this.intFeatureBuffer = intFeatures == null ? null : DataBuffers.of(intFeatures, true, false);
    this.floatFeatureBuffer =
        floatFeatures == null ? null : DataBuffers.of(floatFeatures, true, false);
    this.intLabelBuffer = intLabels == null ? null : DataBuffers.of(intLabels, true, false);
    this.floatLabelBuffer = floatLabels == null ? null : DataBuffers.of(floatLabels, true, false);
  }

  static Data of(String workload) {
    switch (workload) {
      case "w1":
        return w1(1);
      case "w2":
        return w2(2);
      case "w3":
        return w3(3);
      default:
        throw new IllegalArgumentException("unknown workload " + workload + " (w1, w2, w3)");
    }
  }

  /**
   * W1 sentiment: 100 tokens uniform in 1..9999; positive when more tokens in 1..500 than in
   * 501..1000.
   */
  static Data w1(long seed) {
    int n = 25_600;
    int length = 100;
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[n * length];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      int positive = 0;
      int negative = 0;
      for (int t = 0; t < length; t++) {
        int token = random.nextInt(1, 10_000);
        tokens[i * length + t] = token;
        if (token <= 500) {
          positive++;
        } else if (token <= 1000) {
          negative++;
        }
      }
      labels[i] = positive > negative ? 1f : 0f;
    }
    return new Data("w1", n, 64, new long[] {length}, tokens, null, labels, null);
  }

  /** W2 tabular: 32 standard normal floats; label 1 when the sum of the first 8 is > 0. */
  static Data w2(long seed) {
    int n = 204_800;
    int width = 32;
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * width];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      float sum = 0;
      for (int j = 0; j < width; j++) {
        float v = (float) random.nextGaussian();
        x[i * width + j] = v;
        if (j < 8) {
          sum += v;
        }
      }
      labels[i] = sum > 0 ? 1f : 0f;
    }
    return new Data("w2", n, 512, new long[] {width}, null, x, labels, null);
  }

  /**
   * W3 conv: 28x28x1 pixels uniform in 0..1; label = the band (rows 4+2k, 5+2k) with the largest
   * sum.
   */
  static Data w3(long seed) {
    int n = 12_800;
    int side = 28;
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * side * side];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int base = i * side * side;
      for (int p = 0; p < side * side; p++) {
        x[base + p] = (float) random.nextDouble();
      }
      int best = 0;
      double bestSum = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 10; k++) {
        double sum = 0;
        for (int row = 4 + 2 * k; row <= 5 + 2 * k; row++) {
          for (int col = 0; col < side; col++) {
            sum += x[base + row * side + col];
          }
        }
        if (sum > bestSum) {
          bestSum = sum;
          best = k;
        }
      }
      labels[i] = best;
    }
    return new Data("w3", n, 128, new long[] {side, side, 1}, null, x, null, labels);
  }

  /**
   * Writes the int features ({@code [examples, length]}, W1's tokens) as a NumPy {@code .npy} file
   * of little-endian int32, so that the Python peers can train on exactly these data ({@code
   * BENCH_W1_TOKENS}, see peers/workloads.py).
   */
  void writeTokens(java.nio.file.Path file) throws java.io.IOException {
    String dict =
        "{'descr': '<i4', 'fortran_order': False, 'shape': ("
            + examples
            + ", "
            + featureSize
            + "), }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    java.nio.ByteBuffer out =
        java.nio.ByteBuffer.allocate(10 + header.length() + 4 * intFeatures.length)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.asIntBuffer().put(intFeatures);
    java.nio.file.Files.write(file, out.array());
  }

  /** The same examples in batches of {@code n}. */
  Data withBatchSize(int n) {
    return new Data(
        workload, examples, n, exampleShape, intFeatures, floatFeatures, floatLabels, intLabels);
  }

  int stepsPerEpoch() {
    return examples / batchSize;
  }

  /** The features of batch {@code b} of an epoch as a new tensor; the caller closes it. */
  Tensor features(int b) {
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batchSize;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    long offset = (long) b * batchSize * featureSize;
    long size = (long) batchSize * featureSize;
    return intFeatures != null
        ? TInt32.tensorOf(Shape.of(shape), intFeatureBuffer.slice(offset, size))
        : TFloat32.tensorOf(Shape.of(shape), floatFeatureBuffer.slice(offset, size));
  }

  /**
   * The labels of batch {@code b}: [batch, 1] floats for binary workloads, [batch] ints for
   * classes.
   */
  Tensor labels(int b) {
    int offset = b * batchSize;
    if (intLabels != null) {
      return TInt32.tensorOf(Shape.of(batchSize), intLabelBuffer.slice(offset, batchSize));
    }
    return TFloat32.tensorOf(Shape.of(batchSize, 1), floatLabelBuffer.slice(offset, batchSize));
  }
}
