package io.github.kestimator.benchmarks;

import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Runs the benchmarks. {@code Bench [--options] [--epochs N]} is the driver: it starts one child JVM
 * per measurement (same class path) so that each peak RSS is that measurement's own, and the
 * children print the {@code BENCH} lines on stdout. Notes go to stderr, prefixed with '#'.
 *
 * <p>{@code Bench run <workload> <system> [epochs]} is one measurement: workload w1, w2 or w3;
 * system tfraw, kestimator, or either with a session option ({@code +xla}, {@code +threads21},
 * {@code +threads11}, {@code +noremap}; kestimator only {@code +threads21}). {@code Bench run predict kestimator} trains and
 * exports W1 and measures serving through the generated predictor and through SavedModelBundle;
 * {@code Bench run predict tfraw} does the latter on a hand-written export. {@code Bench run memory
 * <system>} measures RSS after 1 and 3 epochs of W1 (run it with {@link #MEMORY_JVM}). {@code --tfraw-only}
 * skips everything that needs the runtime.
 */
public final class Bench {
  static final String[] WORKLOADS = {"w1", "w2", "w3"};
  static final String[] OPTIONS = {"xla", "threads21", "threads11", "noremap"};

  /** A heap resident from the start, so that RSS growth between epochs is native memory only. */
  static final List<String> MEMORY_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    // exec:exec passes -Dbench.args as one argument: split it into words.
    List<String> a = List.of(String.join(" ", args).trim().split("\\s+"));
    if (!a.isEmpty() && a.get(0).equals("run")) {
      int epochs = a.size() > 3 ? Integer.parseInt(a.get(3)) : 3;
      run(a.get(1), a.get(2), epochs);
      return;
    }
    drive(a.contains("--options"), a.contains("--epochs") ? Integer.parseInt(a.get(a.indexOf("--epochs") + 1)) : 5,
        a.contains("--tfraw-only"));
  }

  /**
   * The main measurements time {@code epochs} epochs (5 by default: a median of 5 stands the noise of
   * a shared machine better than WORKLOADS.md's minimum of 3); the option sweep times 3, because XLA
   * takes minutes per W1 epoch here.
   */
  private static void drive(boolean options, int epochs, boolean tfrawOnly) throws IOException, InterruptedException {
    long start = System.nanoTime();
    note("cores %d, load average at start: %s", Runtime.getRuntime().availableProcessors(), loadAverage());
    int failures = 0;
    for (String w : WORKLOADS) {
      failures += child("run", w, "tfraw", String.valueOf(epochs));
      if (!tfrawOnly) {
        failures += child("run", w, "kestimator", String.valueOf(epochs));
      }
      if (options) {
        for (String o : OPTIONS) {
          failures += child("run", w, "tfraw+" + o, "3");
        }
        if (!tfrawOnly) {
          failures += child("run", w, "kestimator+threads21", "3");
        }
      }
    }
    failures += child(MEMORY_JVM, "run", "memory", "tfraw");
    if (!tfrawOnly) {
      failures += child(MEMORY_JVM, "run", "memory", "kestimator");
    }
    failures += child("run", "predict", tfrawOnly ? "tfraw" : "kestimator");
    note("load average at end: %s; wall time %.0f s; %d failed", loadAverage(), (System.nanoTime() - start) / 1e9,
        failures);
    if (failures > 0) {
      System.exit(1);
    }
  }

  private static int child(String... args) throws IOException, InterruptedException {
    return child(List.of(), args);
  }

  /** Runs one measurement in a fresh JVM with the given JVM options; returns 1 when it failed. */
  private static int child(List<String> jvm, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder process = new ProcessBuilder(command).inheritIO();
    if (String.join(" ", args).contains("+xla")) {
      // global_jit_level alone clusters nothing on CPU: no "Compiled cluster using XLA" in the log without this.
      process.environment().put("TF_XLA_FLAGS", "--tf_xla_cpu_global_jit");
    }
    int exit = process.start().waitFor();
    if (exit != 0) {
      note("FAILED (exit %d): %s", exit, String.join(" ", args));
      return 1;
    }
    return 0;
  }

  private static void run(String workload, String system, int epochs) throws IOException {
    if (workload.equals("predict")) {
      predict(system);
      return;
    }
    if (workload.equals("memory")) {
      // W1, 3 epochs, in a JVM whose heap is resident from the start (MEMORY_JVM): RSS growth is then native.
      Data data = Data.w1(1);
      try (Harness.Trainee trainee = trainee(system, data, "")) {
        Harness.reportMemory(system, Harness.measure(data, trainee, 3));
      }
      return;
    }
    String base = system.contains("+") ? system.substring(0, system.indexOf('+')) : system;
    String option = system.contains("+") ? system.substring(system.indexOf('+') + 1) : "";
    long start = System.nanoTime();
    Data data = Data.of(workload);
    note("%s data: %d examples in %.1f s", workload, data.examples, (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    try (Harness.Trainee trainee = trainee(base, data, option)) {
      note("%s %s built in %.1f s", workload, system, (System.nanoTime() - start) / 1e9);
      Harness.report(workload, system, Harness.measure(data, trainee, epochs));
    }
  }

  /**
   * Serving: trains W1 for one epoch (untimed; latency does not depend on how well it learned),
   * exports it, and measures the export.
   */
  private static void predict(String system) throws IOException {
    Data data = Data.w1(1);
    Path base = Files.createTempDirectory("bench-w1-export");
    try {
      predict(system, data, base.resolve("model"));
    } finally {
      EstimatorTrainee.delete(base);
    }
  }

  private static void predict(String system, Data data, Path dir) {
    switch (system) {
      case "tfraw":
        try (RawTrainee trainee = new RawTrainee(data, sessionConfig(""))) {
          trainee.epoch();
          trainee.exportSavedModel(dir, "words_input", "score");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Serve.report("tfraw", Serve.raw(dir, data));
        break;
      case "kestimator":
        // The generated predictor, then the same export through SavedModelBundle directly.
        Path export;
        RunConfig config = EstimatorTrainee.config("", dir);
        try (W1Estimator estimator = W1Estimator.builder().runConfig(config).build()) {
          estimator.train(Input.of(EstimatorTrainee.w1(data)).batch(data.batchSize).repeat().prefetch(4),
              data.stepsPerEpoch());
          export = estimator.exportSavedModel(dir.resolve("export"));
        }
        List<W1Features> features = EstimatorTrainee.w1(data).stream().map(Example::features).toList();
        try (W1Predictor predictor = W1Predictor.load(export)) {
          Serve.report("kestimator", Serve.measure(new Serve.Model() {
            @Override
            public float one(int example) {
              return predictor.predict(features.get(example)).score();
            }

            @Override
            public float batch(int first, int n) {
              float sum = 0;
              for (W1Predictions p : predictor.predict(features.subList(first, first + n))) {
                sum += p.score();
              }
              return sum;
            }
          }, data.examples));
        }
        Serve.report("tfraw", Serve.raw(export, data));
        break;
      default:
        throw new IllegalArgumentException("unknown system " + system + " for predict (tfraw, kestimator)");
    }
  }

  private static Harness.Trainee trainee(String system, Data data, String option) {
    switch (system) {
      case "tfraw": return new RawTrainee(data, sessionConfig(option));
      case "kestimator": return EstimatorTrainee.of(data, option);
      default: throw new IllegalArgumentException("unknown system " + system + " (tfraw, kestimator)");
    }
  }

  /** The session options tried by {@code --options}; "" is TensorFlow's default session. */
  static ConfigProto sessionConfig(String option) {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    switch (option) {
      case "":
        break;
      case "xla": // XLA auto-clustering; on CPU it also needs TF_XLA_FLAGS=--tf_xla_cpu_global_jit (see child)
        config.setGraphOptions(GraphOptions.newBuilder().setOptimizerOptions(
            OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
        break;
      case "threads21": // 2 threads inside ops, 1 between: the steps here are mostly a chain of ops
        config.setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1);
        break;
      case "threads11": // no thread hand-offs at all: small ops may cost more to split than to run
        config.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1);
        break;
      case "noremap": // what Grappler's remapper (fused MatMul/Conv + BiasAdd + Relu) is worth here. Grappler
        // cannot be switched off whole: Adam's slot initializers then read uninitialized variables' shapes.
        config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
            RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)));
        break;
      default:
        throw new IllegalArgumentException("unknown option " + option + " (xla, threads21, threads11, noremap)");
    }
    return config.build();
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void note(String format, Object... args) {
    System.err.println("# " + String.format(Locale.ROOT, format, args));
  }
}
