package io.github.kestimator.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The timing rules of WORKLOADS.md, shared by every system, and the process's memory figures. */
final class Harness {
  static final int WARMUP_STEPS = 20;

  /** A model being trained by some system, stepping through one {@link Data} in order. */
  interface Trainee extends AutoCloseable {
    /**
     * Runs {@code steps} training steps; returns the loss at the start (first step), NaN if
     * unknown.
     */
    double warmUp(int steps);

    /**
     * Trains one full epoch of steps and returns the training loss of that epoch, NaN if unknown.
     */
    double epoch();

    /** The loss on the whole training set now, without dropout (untimed). */
    double evaluatedLoss();

    /** Measures and notes whatever explains this system's numbers, after the timed epochs. */
    default void explain() {}

    @Override
    void close();
  }

  /** What one measurement found. */
  record Result(
      double examplesPerSec,
      double initialLoss,
      double finalLoss,
      double lastEpochLoss,
      double[] epochSeconds,
      long[] rssMbAfterEpoch) {}

  private Harness() {}

  /** Warm up, then time {@code epochs} epochs; the throughput is the median epoch's. */
  static Result measure(Data data, Trainee trainee, int epochs) {
    long warmUpStart = System.nanoTime();
    double initial = trainee.warmUp(WARMUP_STEPS);
    Bench.note(
        "%s warm-up: %d steps in %.2f s",
        data.workload, WARMUP_STEPS, (System.nanoTime() - warmUpStart) / 1e9);
    if (Double.isNaN(initial)) {
      initial = trainee.evaluatedLoss();
    }
    double[] seconds = new double[epochs];
    long[] rss = new long[epochs];
    double loss = Double.NaN;
    for (int e = 0; e < epochs; e++) {
      long start = System.nanoTime();
      loss = trainee.epoch();
      seconds[e] = (System.nanoTime() - start) / 1e9;
      rss[e] = rssMb();
      Bench.note(
          "%s epoch %d: %.2f s, loss %s, rss %d MB",
          data.workload,
          e + 1,
          seconds[e],
          Double.isNaN(loss)
              ? "(not reported by the steps)"
              : String.format(Locale.ROOT, "%.4f", loss),
          rss[e]);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median = sorted[epochs / 2];
    // The same final loss for every system (the estimator's steps do not return theirs): the
    // training set evaluated after the last timed epoch, untimed, without dropout.
    double evaluated = trainee.evaluatedLoss();
    Bench.note(
        "%s last epoch's mean training loss %.4f, evaluated after it %.4f",
        data.workload, loss, evaluated);
    trainee.explain();
    return new Result(data.examples / median, initial, evaluated, loss, seconds, rss);
  }

  /**
   * Prints RSS after the first and the third epoch. Meant for a JVM whose heap is resident from the
   * start (-Xms = -Xmx, -XX:+AlwaysPreTouch): otherwise RSS also grows while the JVM touches fresh
   * heap pages for garbage it has not collected yet, which says nothing about leaks.
   */
  static void reportMemory(String system, Result r) {
    // One println per line: printf writes in pieces, which interleave with stderr's notes.
    System.out.println(
        String.format(
            Locale.ROOT,
            "BENCH memory %s rss_after_1_epoch_mb=%d rss_after_3_epochs_mb=%d",
            system,
            r.rssMbAfterEpoch()[0],
            r.rssMbAfterEpoch()[2]));
    Bench.note(
        "memory %s: rss after each epoch %s MB", system, Arrays.toString(r.rssMbAfterEpoch()));
  }

  /** Prints the BENCH line; fails the process when the model did not learn. */
  static void report(String workload, String system, Result r) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "BENCH %s %s examples_per_sec=%.0f final_loss=%.4f train_loss=%.4f peak_rss_mb=%d",
            workload,
            system,
            r.examplesPerSec(),
            r.finalLoss(),
            r.lastEpochLoss(),
            peakRssMb()));
    Bench.note(
        "%s %s: initial loss %.4f, epochs %s s, rss after each %s MB",
        workload,
        system,
        r.initialLoss(),
        Arrays.toString(r.epochSeconds()),
        Arrays.toString(r.rssMbAfterEpoch()));
    if (!(r.finalLoss() < r.initialLoss())) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%s %s did not learn: final loss %.4f, initial %.4f",
              workload,
              system,
              r.finalLoss(),
              r.initialLoss()));
    }
  }

  /** Peak resident set of this process (VmHWM), in MB: hence one JVM per measurement. */
  static long peakRssMb() {
    return status("VmHWM:");
  }

  /** Current resident set (VmRSS), in MB. */
  static long rssMb() {
    return status("VmRSS:");
  }

  private static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) / 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/status", e);
    }
    throw new IllegalStateException("no " + key + " in /proc/self/status");
  }
}
