package io.github.kestimator.benchmarks;

import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.export.SavedModelDirs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Global steps per second of W2 trained by {@code trainAndEvaluate} on a TF_CONFIG cluster of child
 * JVMs on loopback ports, as on real hosts: the chief alone, with 1 and with 2 workers, each with
 * one ps. {@code Bench cluster [maxSteps]} prints {@code BENCH cluster workers=<n>
 * global_steps_per_sec=<x> steps=<task:n,...>}; the rate is the chief's logged {@code
 * global_step/sec}, averaged after the first two (warm-up) intervals.
 */
final class ClusterThroughput {
  private static final Pattern RATE = Pattern.compile("global_step/sec: ([0-9.]+)");
  private static final Pattern RAN = Pattern.compile("task (\\w+:\\d+) ran (\\d+) training steps");

  private ClusterThroughput() {}

  static void run(long maxSteps) throws IOException, InterruptedException {
    for (int workers = 0; workers <= 2; workers++) {
      Path dir = Files.createTempDirectory("kestimator-cluster");
      List<Process> processes = new ArrayList<>();
      try {
        StringBuilder w = new StringBuilder();
        for (int i = 0;
            i < Math.max(workers, 1);
            i++) { // a listed worker that never starts costs nothing
          w.append(i == 0 ? "" : ", ").append("\"localhost:").append(freePort()).append('"');
        }
        String cluster =
            "{\"chief\": [\"localhost:"
                + freePort()
                + "\"], \"worker\": ["
                + w
                + "], \"ps\": [\"localhost:"
                + freePort()
                + "\"]}";
        processes.add(start(dir, cluster, "ps", 0, maxSteps));
        Process chief = start(dir, cluster, "chief", 0, maxSteps);
        processes.add(chief);
        List<Process> trainers = new ArrayList<>(List.of(chief));
        for (int i = 0; i < workers; i++) {
          Process p = start(dir, cluster, "worker", i, maxSteps);
          processes.add(p);
          trainers.add(p);
        }
        StringBuilder steps = new StringBuilder();
        for (Process p : trainers) {
          if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("a training task failed or hung; logs in " + dir);
          }
        }
        String chiefLog = Files.readString(dir.resolve("chief0.log"));
        for (int i = -1; i < workers; i++) {
          Matcher ran =
              RAN.matcher(
                  Files.readString(dir.resolve(i < 0 ? "chief0.log" : "worker" + i + ".log")));
          if (ran.find()) {
            steps
                .append(steps.length() == 0 ? "" : ",")
                .append(ran.group(1))
                .append(':')
                .append(ran.group(2));
          }
        }
        Matcher m = RATE.matcher(chiefLog);
        List<Double> rates = new ArrayList<>();
        while (m.find()) {
          rates.add(Double.parseDouble(m.group(1)));
        }
        double mean =
            rates.stream().skip(2).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf(
            Locale.ROOT,
            "BENCH cluster workers=%d global_steps_per_sec=%.0f steps=%s%n",
            workers,
            mean,
            steps);
      } finally {
        for (Process p : processes) {
          p.destroyForcibly(); // the ps never exits by itself
          p.waitFor(10, TimeUnit.SECONDS);
        }
        SavedModelDirs.deleteRecursively(dir);
      }
    }
  }

  private static Process start(Path dir, String cluster, String type, int index, long maxSteps)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Bench.class.getName(),
                "cluster-task",
                dir.resolve("model").toString(),
                Long.toString(maxSteps))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(type + index + ".log").toFile());
    pb.environment()
        .put(
            "TF_CONFIG",
            "{\"cluster\": "
                + cluster
                + ", \"task\": {\"type\": \""
                + type
                + "\", \"index\": "
                + index
                + "}}");
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
    return pb.start();
  }

  /**
   * One task of the cluster its TF_CONFIG names: trains W2 to {@code maxSteps} (the ps serves until
   * killed).
   */
  static void task(Path modelDir, long maxSteps) {
    RunConfig config =
        RunConfig.builder().modelDir(modelDir).randomSeed(42).saveCheckpointsSteps(1_000).build();
    Data data = Data.w2(2);
    try (W2Estimator e = W2Estimator.builder().runConfig(config).build()) {
      Input<W2Features, W2Labels> train =
          Input.of(EstimatorTrainee.w2(data)).batch(data.batchSize).repeat();
      e.trainAndEvaluate(TrainSpec.of(train).maxSteps(maxSteps), EvalSpec.of(train).steps(1));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
