package io.github.kestimator.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Serving of an exported W1 model: single-example latency and batch-of-256 throughput. Several ways
 * of serving the same export are measured interleaved, call by call (A, B, A, B, ...), so that a
 * difference of a few percent between them is not the order they ran in: measured one after the
 * other, the same code came out 13% faster in one run and 18% slower in another.
 */
final class Serve {
  static final int WARMUP_CALLS = 1_000;
  static final int CALLS = 10_000;
  static final int BATCH = 256;
  static final int BATCHES = 100;

  /** A way to predict W1 examples, by index into the training data. */
  interface Model {
    /** Predicts one example; returns its score so that no call can be optimized away. */
    float one(int example);

    /** Predicts {@code n} examples from {@code first}; returns the sum of their scores. */
    float batch(int first, int n);
  }

  /** What a serving measurement found. */
  record Latency(double p50us, double p99us, double batchExamplesPerSec) {}

  private Serve() {}

  /** Measures each model, interleaved call by call; the latencies in the models' order. */
  static List<Latency> measure(List<Model> models, int examples) {
    int m = models.size();
    double checksum = 0;
    for (int i = 0; i < WARMUP_CALLS; i++) {
      for (Model model : models) {
        checksum += model.one(i % examples);
      }
    }
    long[][] nanos = new long[m][CALLS];
    for (int i = 0; i < CALLS; i++) {
      for (int k = 0; k < m; k++) {
        long start = System.nanoTime();
        checksum += models.get(k).one(i % examples);
        nanos[k][i] = System.nanoTime() - start;
      }
    }
    for (int b = 0; b < 10; b++) { // warm the batch path too
      for (Model model : models) {
        checksum += model.batch(b * BATCH % (examples - BATCH), BATCH);
      }
    }
    long[] batchNanos = new long[m];
    for (int b = 0; b < BATCHES; b++) {
      for (int k = 0; k < m; k++) {
        long start = System.nanoTime();
        checksum += models.get(k).batch(b * BATCH % (examples - BATCH), BATCH);
        batchNanos[k] += System.nanoTime() - start;
      }
    }
    Bench.note("serving checksum %.3f", checksum);
    List<Latency> out = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      Arrays.sort(nanos[k]);
      out.add(
          new Latency(
              nanos[k][CALLS / 2] / 1e3,
              nanos[k][CALLS * 99 / 100] / 1e3,
              BATCHES * BATCH / (batchNanos[k] / 1e9)));
    }
    return out;
  }

  static void report(String system, Latency l) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "BENCH predict %s p50_us=%.0f p99_us=%.0f batch256_examples_per_sec=%.0f",
            system,
            l.p50us(),
            l.p99us(),
            l.batchExamplesPerSec()));
  }

  /**
   * The floor: the SavedModel called through its own session with a plain runner on the
   * serving_default signature's tensor names, one int tensor in, one float tensor out.
   */
  static Model raw(SavedModelBundle bundle, Data data) {
    Signature signature =
        bundle.signatures().stream()
            .filter(s -> s.key().equals(Signature.DEFAULT_KEY))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no serving_default signature"));
    String input = signature.getInputs().values().iterator().next().name;
    String output = signature.getOutputs().values().iterator().next().name;
    Session session = bundle.session();
    int length = data.featureSize;
    var tokens = DataBuffers.of(data.intFeatures, true, false);
    return new Model() {
      @Override
      public float one(int example) {
        return batch(example, 1);
      }

      @Override
      public float batch(int first, int n) {
        try (Tensor x =
                TInt32.tensorOf(
                    Shape.of(n, length), tokens.slice((long) first * length, (long) n * length));
            Result r = session.runner().feed(input, x).fetch(output).run()) {
          TFloat32 scores = (TFloat32) r.get(0);
          float sum = 0;
          for (int i = 0; i < n; i++) {
            sum += scores.getFloat(i, 0);
          }
          return sum;
        }
      }
    };
  }
}
