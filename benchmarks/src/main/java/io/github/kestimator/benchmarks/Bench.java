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
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Runs the benchmarks. {@code Bench [--options] [--epochs N]} is the driver: it starts one child
 * JVM per measurement (same class path) so that each peak RSS is that measurement's own, and the
 * children print the {@code BENCH} lines on stdout. Notes go to stderr, prefixed with '#'.
 *
 * <p>{@code Bench graph [workloads]} times the runtime's training graphs alone ({@link
 * GraphThroughput}); {@code Bench cluster [maxSteps]} the global steps per second of a loopback
 * cluster by worker count ({@link ClusterThroughput}); {@code Bench ab <w> <optionA> <optionB>
 * [rounds]} two session options side by side ({@link GraphAb}); {@code Bench trace ...} per-op
 * profiles ({@link OpTrace}).
 *
 * <p>{@code Bench run <workload> <system> [epochs]} is one measurement: workload w1, w2 or w3;
 * system tfraw, kestimator, or either with a session option ({@code +xla}, {@code +threads21},
 * {@code +threads11}, {@code +noremap}; kestimator only {@code +threads21}). {@code Bench run
 * predict kestimator} trains and exports W1 and measures serving through the generated predictor
 * and through SavedModelBundle; {@code Bench run predict tfraw} does the latter on a hand-written
 * export. {@code Bench run memory <system>} measures RSS after 1 and 3 epochs of W1 (run it with
 * {@link #MEMORY_JVM}). {@code --tfraw-only} skips everything that needs the runtime.
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
    if (!a.isEmpty() && a.get(0).equals("graph")) {
      for (String w : a.size() > 1 ? a.subList(1, a.size()) : List.of(WORKLOADS)) {
        GraphThroughput.run(w);
      }
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("dump-w1")) {
      Data.w1(1).writeTokens(Path.of(a.get(1)));
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("ab")) {
      GraphAb.run(a.get(1), a.get(2), a.get(3), a.size() > 4 ? Integer.parseInt(a.get(4)) : 5);
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("trace")) {
      OpTrace.run(a.get(1), a.size() > 2 ? a.get(2) : "runtime", a.size() > 3 ? a.get(3) : "");
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("cluster")) {
      ClusterThroughput.run(a.size() > 1 ? Long.parseLong(a.get(1)) : 3_000);
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("cluster-task")) {
      ClusterThroughput.task(Path.of(a.get(1)), Long.parseLong(a.get(2)));
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("run")) {
      int epochs = a.size() > 3 ? Integer.parseInt(a.get(3)) : 3;
      run(a.get(1), a.get(2), epochs);
      return;
    }
    String python = System.getProperty("bench.python", "");
    int rounds =
        a.contains("--rounds")
            ? Integer.parseInt(a.get(a.indexOf("--rounds") + 1))
            : python.isEmpty() ? 1 : 3;
    drive(
        a.contains("--options"),
        a.contains("--epochs") ? Integer.parseInt(a.get(a.indexOf("--epochs") + 1)) : 5,
        a.contains("--tfraw-only"),
        python,
        rounds);
  }

  /** The Python peers, each run as {@code <python> peers/<script> <workload> --epochs N <args>}. */
  static final List<List<String>> PEERS =
      List.of(
          List.of("keras_peer.py", "--backend", "tensorflow"),
          List.of("keras_peer.py", "--backend", "tensorflow", "--xla"),
          List.of("keras_peer.py", "--backend", "jax"),
          List.of("torch_peer.py"));

  /**
   * The main measurements time {@code epochs} epochs (5 by default: a median of 5 stands the noise
   * of a shared machine better than WORKLOADS.md's minimum of 3); the option sweep times 3, because
   * XLA takes minutes per W1 epoch here.
   */
  private static void drive(
      boolean options, int epochs, boolean tfrawOnly, String python, int rounds)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    note(
        "cores %d, load average at start: %s",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    if (python.isEmpty()) {
      note(
          "Python peers skipped: give -Dbench.python=<a python with keras 3, tensorflow, jax and torch> to run them");
    }
    // The peers train W1 on the Java systems' own tokens (labels follow from them by the same
    // integer rule), so that its losses compare on the same data; W2 and W3 use NumPy's draw.
    Path w1Tokens = Files.createTempFile("bench-w1-tokens", ".npy");
    w1Tokens.toFile().deleteOnExit();
    Data.w1(1).writeTokens(w1Tokens);
    int failures = 0;
    // Rounds interleave the systems (kestimator, tfraw, peers, then again), so that each median is
    // taken over the same stretches of a shared machine's load and ratios are read within one run.
    Results results = new Results();
    for (int round = 1; round <= rounds; round++) {
      note("round %d of %d", round, rounds);
      for (String w : WORKLOADS) {
        seed = round;
        failures += results.add(measure("run", w, "tfraw", String.valueOf(epochs)));
        if (!tfrawOnly) {
          failures += results.add(measure("run", w, "kestimator", String.valueOf(epochs)));
        }
        if (!python.isEmpty()) {
          for (List<String> peer : PEERS) {
            List<String> command =
                new ArrayList<>(
                    List.of(
                        python,
                        Path.of("peers", peer.get(0)).toString(),
                        w,
                        "--epochs",
                        String.valueOf(epochs),
                        "--seed",
                        String.valueOf(round)));
            command.addAll(peer.subList(1, peer.size()));
            ProcessBuilder peerProcess = new ProcessBuilder(command);
            peerProcess.environment().put("BENCH_W1_TOKENS", w1Tokens.toString());
            failures += results.add(process(peerProcess, String.join(" ", command)));
          }
        }
      }
    }
    results.printMedians(rounds);
    seed = 0;
    for (String w : WORKLOADS) {
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
    if (!python.isEmpty()) {
      Outcome torch =
          process(
              new ProcessBuilder(python, Path.of("peers", "torch_peer.py").toString(), "predict"),
              "pytorch predict");
      torch.lines().forEach(System.out::println);
      failures += torch.failed();
    }
    note(
        "load average at end: %s; wall time %.0f s; %d failed",
        loadAverage(), (System.nanoTime() - start) / 1e9, failures);
    if (failures > 0) {
      System.exit(1);
    }
  }

  /** The model seed of the round being measured (see {@link #modelSeed}), 0 outside rounds. */
  private static long seed = 0;

  private static int child(String... args) throws IOException, InterruptedException {
    return child(List.of(), args, true).failed();
  }

  private static int child(List<String> jvm, String... args)
      throws IOException, InterruptedException {
    return child(jvm, args, true).failed();
  }

  /** Runs one measurement in a fresh JVM with the given JVM options, keeping its BENCH lines. */
  private static Outcome measure(String... args) throws IOException, InterruptedException {
    return child(List.of(), args, false);
  }

  private static Outcome child(List<String> jvm, String[] args, boolean print)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder process = new ProcessBuilder(command);
    if (seed > 0) {
      process.environment().put("BENCH_SEED", String.valueOf(seed));
    }
    if (String.join(" ", args).contains("+xla")) {
      // global_jit_level alone clusters nothing on CPU: no "Compiled cluster using XLA" in the log
      // without this.
      process.environment().put("TF_XLA_FLAGS", "--tf_xla_cpu_global_jit");
    }
    Outcome o = process(process, String.join(" ", args));
    if (print) {
      o.lines().forEach(System.out::println);
    }
    return o;
  }

  /** A finished measurement: its BENCH lines, and whether it failed. */
  record Outcome(List<String> lines, boolean bad) {
    int failed() {
      return bad ? 1 : 0;
    }
  }

  /**
   * Runs a measurement process; its stderr goes to ours, its BENCH lines are kept (and echoed to
   * stderr as notes).
   */
  private static Outcome process(ProcessBuilder process, String what)
      throws IOException, InterruptedException {
    process.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = process.start();
    List<String> lines = new ArrayList<>();
    try (var r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("BENCH ")) {
          lines.add(line);
        }
        System.err.println("#   " + line);
      }
    }
    int exit = p.waitFor();
    if (exit != 0) {
      note("FAILED (exit %d): %s", exit, what);
    }
    return new Outcome(lines, exit != 0);
  }

  /** The training lines of every round, by workload and system; printed as medians. */
  static final class Results {
    private final java.util.Map<String, List<String[]>> runs = new java.util.LinkedHashMap<>();

    int add(Outcome o) {
      for (String line : o.lines()) {
        String[] f = line.split(" ");
        runs.computeIfAbsent(f[1] + " " + f[2], k -> new ArrayList<>()).add(f);
      }
      return o.failed();
    }

    /** One line per workload and system: the median of each figure over the rounds. */
    void printMedians(int rounds) {
      for (var e : runs.entrySet()) {
        StringBuilder b = new StringBuilder("BENCH " + e.getKey());
        String[] first = e.getValue().get(0);
        for (int i = 3; i < first.length; i++) {
          String key = first[i].substring(0, first[i].indexOf('='));
          List<Double> v = new ArrayList<>();
          for (String[] run : e.getValue()) {
            for (String kv : run) {
              if (kv.startsWith(key + "=")) {
                v.add(Double.parseDouble(kv.substring(key.length() + 1)));
              }
            }
          }
          java.util.Collections.sort(v);
          double m =
              v.size() % 2 == 1
                  ? v.get(v.size() / 2)
                  : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
          b.append(' ')
              .append(key)
              .append('=')
              .append(
                  key.endsWith("_loss")
                      ? String.format(Locale.ROOT, "%.4f", m)
                      : String.format(Locale.ROOT, "%.0f", m));
        }
        if (rounds > 1) {
          b.append(" rounds=").append(e.getValue().size());
        }
        System.out.println(b);
      }
    }
  }

  private static void run(String workload, String system, int epochs) throws IOException {
    if (workload.equals("predict")) {
      predict(system);
      return;
    }
    if (workload.equals("memory")) {
      // W1, 3 epochs (or more: run memory <system> <epochs>; the note lists every epoch), in a JVM
      // whose heap is resident from the start (MEMORY_JVM): RSS growth is then native.
      Data data = Data.w1(1);
      try (Harness.Trainee trainee = trainee(system, data, "")) {
        Harness.reportMemory(system, Harness.measure(data, trainee, Math.max(3, epochs)));
      }
      return;
    }
    String base = system.contains("+") ? system.substring(0, system.indexOf('+')) : system;
    String option = system.contains("+") ? system.substring(system.indexOf('+') + 1) : "";
    long start = System.nanoTime();
    Data data = Data.of(workload);
    note(
        "%s data: %d examples in %.1f s",
        workload, data.examples, (System.nanoTime() - start) / 1e9);
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
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
          Serve.report(
              "tfraw", Serve.measure(List.of(Serve.raw(bundle, data)), data.examples).get(0));
        }
        break;
      case "kestimator":
        // Trains and exports W1, then serves the export.
        Path export;
        RunConfig config = EstimatorTrainee.config("", dir);
        try (W1Estimator estimator = W1Estimator.builder().runConfig(config).build()) {
          estimator.train(
              Input.of(EstimatorTrainee.w1(data)).batch(data.batchSize).repeat().prefetch(4),
              data.stepsPerEpoch());
          export = estimator.exportSavedModel(dir.resolve("export"));
        }
        List<W1Features> features =
            EstimatorTrainee.w1(data).stream().map(Example::features).toList();
        // The generated predictor and SavedModelBundle's own session on the same export,
        // interleaved call by call.
        try (W1Predictor predictor = W1Predictor.load(export);
            SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve")) {
          Serve.Model generated =
              new Serve.Model() {
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
              };
          List<Serve.Latency> both =
              Serve.measure(List.of(generated, Serve.raw(bundle, data)), data.examples);
          Serve.report("kestimator", both.get(0));
          Serve.report("tfraw", both.get(1));
        }
        break;
      default:
        throw new IllegalArgumentException(
            "unknown system " + system + " for predict (tfraw, kestimator)");
    }
  }

  private static Harness.Trainee trainee(String system, Data data, String option) {
    switch (system) {
      case "tfraw":
        return new RawTrainee(data, sessionConfig(option));
      case "kestimator":
        return EstimatorTrainee.of(data, option);
      default:
        throw new IllegalArgumentException("unknown system " + system + " (tfraw, kestimator)");
    }
  }

  /** The session options tried by {@code --options}; "" is TensorFlow's default session. */
  static ConfigProto sessionConfig(String option) {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    switch (option) {
      case "":
        break;
      case "xla": // XLA auto-clustering; on CPU it also needs TF_XLA_FLAGS=--tf_xla_cpu_global_jit
        // (see child)
        config.setGraphOptions(
            GraphOptions.newBuilder()
                .setOptimizerOptions(
                    OptimizerOptions.newBuilder()
                        .setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
        break;
      case "threads21": // 2 threads inside ops, 1 between: the steps here are mostly a chain of ops
        config.setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1);
        break;
      case "threads12": // 1 thread inside ops, 2 between: independent small ops side by side
        config.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(2);
        break;
      case "inline": // inter-op threads -1: every op runs in the caller's thread (intra-op pool
        // kept)
        config.setInterOpParallelismThreads(-1);
        break;
      case "threads22": // TensorFlow's default on this 2-core machine, spelled out
        config.setIntraOpParallelismThreads(2).setInterOpParallelismThreads(2);
        break;
      case "threads11": // no thread hand-offs at all: small ops may cost more to split than to run
        config.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1);
        break;
      case "noremap": // what Grappler's remapper (fused MatMul/Conv + BiasAdd + Relu) is worth
        // here. Grappler
        // cannot be switched off whole: Adam's slot initializers then read uninitialized variables'
        // shapes.
        config.setGraphOptions(
            GraphOptions.newBuilder()
                .setRewriteOptions(
                    RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)));
        break;
      default:
        throw new IllegalArgumentException(
            "unknown option "
                + option
                + " (xla, threads21, threads12, threads22, threads11, noremap)");
    }
    return config.build();
  }

  /**
   * The seed of the models' initial weights and dropout masks (not of the data, which is fixed):
   * {@code BENCH_SEED} in the environment, 1 without. The driver sets it to the round number for
   * the Java systems and passes the same number as {@code --seed} to the peers, so that every
   * system trains from the same seeds and each median over rounds is also one over seeds.
   */
  static long modelSeed() {
    String s = System.getenv("BENCH_SEED");
    return s == null ? 1 : Long.parseLong(s);
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
