package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.binding.MapBinding;
import io.github.kestimator.runtime.export.FinalExporter;
import io.github.kestimator.runtime.export.LatestExporter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TF_CONFIG cluster of child JVMs on free loopback ports, each running {@link #main} (Tiny's
 * trainAndEvaluate) with its task's TF_CONFIG in the environment, as on real hosts. Closing it
 * kills every process it started (the ps never exits by itself).
 */
final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final Path modelDir;
  private final long maxSteps;
  private final String clusterJson;
  private final List<Process> processes = new ArrayList<>();
  private boolean warm;
  private int launches;

  /**
   * The role process: trains Tiny on the cluster TF_CONFIG describes; args: model dir, max steps,
   * and whether Tiny starts from {@code tiny.weights} ({@code warm}) or its initializers ({@code
   * fresh}).
   */
  public static void main(String[] args) {
    RunConfig config =
        Tiny.config(Path.of(args[0]))
            .saveCheckpointsSteps(100)
            .keepCheckpointMax(3)
            .logStepCountSteps(100)
            .build();
    MapBinding binding =
        args[2].equals("warm")
            ? new MapBinding(Tiny.MODEL, "/io/github/kestimator/runtime/tiny.weights")
            : Tiny.BINDING;
    try (Tiny.TinyEstimator est = new Tiny.TinyEstimator(binding, config)) {
      est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(Long.parseLong(args[1])),
              EvalSpec.of(Tiny.evalInput())
                  .throttle(Duration.ZERO)
                  .exporters(LatestExporter.of("latest", 2), FinalExporter.of("final")))
          .ifPresentOrElse(
              m -> System.out.println("final metrics: " + m),
              () -> System.out.println("no metrics on this task"));
    }
  }

  LocalCluster(Path dir, long maxSteps, int workers) throws IOException {
    this.dir = dir;
    this.modelDir = dir.resolve("model");
    this.maxSteps = maxSteps;
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < workers; i++) {
      w.append(i == 0 ? "" : ", ").append("\"localhost:").append(freePort()).append('"');
    }
    clusterJson =
        "{\"chief\": [\"localhost:"
            + freePort()
            + "\"], \"worker\": ["
            + w
            + "], \"ps\": [\"localhost:"
            + freePort()
            + "\"]}";
  }

  Path modelDir() {
    return modelDir;
  }

  /** Starts the tasks started from now on from Tiny's {@code tiny.weights}. */
  LocalCluster warmStarted() {
    warm = true;
    return this;
  }

  /** Starts task {@code type:index}; its output goes to {@code <dir>/<type><index>-<n>.log}. */
  Task start(String type, int index) throws IOException {
    String tfConfig =
        "{\"cluster\": "
            + clusterJson
            + ", \"task\": {\"type\": \""
            + type
            + "\", \"index\": "
            + index
            + "}}";
    return start(type + index, tfConfig);
  }

  /** Starts a role process with this exact TF_CONFIG. */
  Task start(String name, String tfConfig) throws IOException {
    Path log = dir.resolve(name + "-" + (++launches) + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalCluster.class.getName(),
                modelDir.toString(),
                Long.toString(maxSteps),
                warm ? "warm" : "fresh")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("TF_CONFIG", tfConfig);
    env.put("TF_CPP_MIN_LOG_LEVEL", "1");
    Process p = pb.start();
    processes.add(p);
    return new Task(p, log);
  }

  /** A role process and its log. */
  record Task(Process process, Path log) {
    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    /** Waits for the process to exit 0. */
    void awaitSuccess(long seconds) throws InterruptedException {
      assertTrue(
          process.waitFor(seconds, TimeUnit.SECONDS),
          () -> log + " did not finish in " + seconds + " s:\n" + output());
      assertTrue(
          process.exitValue() == 0,
          () -> log + " failed with exit code " + process.exitValue() + ":\n" + output());
    }

    /** Waits for the first match of {@code regex} in the log; returns its groups. */
    Matcher await(String regex, long seconds) throws InterruptedException {
      Pattern p = Pattern.compile(regex);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        Matcher m = p.matcher(output());
        if (m.find()) {
          return m;
        }
        assertTrue(
            System.nanoTime() < deadline,
            () -> log + " printed no '" + regex + "' in " + seconds + " s:\n" + output());
        Thread.sleep(50);
      }
    }

    /** The number of training steps the task logged at its end. */
    long stepsRan() throws InterruptedException {
      return Long.parseLong(await("task \\w+:\\d+ ran (\\d+) training steps", 1).group(1));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL
      process.waitFor();
    }
  }

  /** The latest checkpoint's global step, or -1. */
  long latestCheckpoint() {
    var s = io.github.kestimator.runtime.modeldir.CheckpointState.read(modelDir);
    return s == null ? -1 : Long.parseLong(s.latest().substring(s.latest().lastIndexOf('-') + 1));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
