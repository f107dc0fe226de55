package io.github.kestimator.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer kind with every regularizer it takes, every activation, loss and optimizer ({@link
 * KindCases}) trains one step, predicts and exports a SavedModel in a child JVM ({@link
 * NoCrashChild}), so that a native crash in TensorFlow (a C++ gradient that dereferences a missing
 * node, as {@code SquareGrad} did on a ref variable) fails that case with the child's exit code,
 * the crash log's native frames and the tail of its output, instead of killing the build. Cases run
 * in batches, two child JVMs at a time; after a crash, the cases the child did not reach run in a
 * new child.
 */
class NoNativeCrashTest {
  static final int CHILDREN = 2;
  static final long TIMEOUT_SECONDS = 240;

  @TempDir Path tmp;

  /** What became of one case. */
  record Outcome(boolean ok, String detail) {}

  @TestFactory
  Stream<DynamicTest> everyKindAndRegularizerTrainsPredictsAndExports() throws Exception {
    List<String> ids = new ArrayList<>(KindCases.all().keySet());
    long start = System.nanoTime();
    Map<String, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    int child = 0;
    for (List<String> batch : KindCases.batches(ids, CHILDREN)) {
      int c = child++;
      Thread t = new Thread(() -> runAll(batch, c, outcomes), "no-crash-child-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.printf(
        "NoNativeCrashTest: %d cases in %.1f s; slowest: %s%n",
        ids.size(),
        (System.nanoTime() - start) / 1e9,
        outcomes.values().stream()
            .filter(Outcome::ok)
            .map(Outcome::detail)
            .sorted(java.util.Comparator.comparingLong(NoNativeCrashTest::millis).reversed())
            .limit(3)
            .toList());
    return ids.stream()
        .map(
            id ->
                DynamicTest.dynamicTest(
                    id,
                    () -> {
                      Outcome o = outcomes.get(id);
                      if (o == null) {
                        fail(id + ": not run");
                      }
                      if (!o.ok()) {
                        fail(id + ": " + o.detail());
                      }
                    }));
  }

  /** The milliseconds in a child's {@code OK <id> <ms> ms (...)} line. */
  private static long millis(String okLine) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+) ms").matcher(okLine);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Runs {@code ids} in child JVMs until each has an outcome: a crashed child's remaining cases go
   * to a new one.
   */
  private void runAll(List<String> ids, int child, Map<String, Outcome> outcomes) {
    List<String> todo = new ArrayList<>(ids);
    int attempt = 0;
    while (!todo.isEmpty()) {
      Map<String, Outcome> got;
      try {
        got = runChild(todo, child + "-" + attempt++);
      } catch (IOException | InterruptedException e) {
        todo.forEach(id -> outcomes.put(id, new Outcome(false, "could not run a child JVM: " + e)));
        return;
      }
      outcomes.putAll(got);
      todo.removeIf(got::containsKey);
    }
  }

  /**
   * One child over {@code ids}: the outcome of every case it reached (a crash is the outcome of the
   * last one).
   */
  private Map<String, Outcome> runChild(List<String> ids, String name)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(tmp.resolve("child-" + name));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp",
                System.getProperty("java.class.path"),
                NoCrashChild.class.getName(),
                dir.toString()));
    command.addAll(ids);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
    Process p = pb.start();
    boolean exited = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor();
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    String running = null;
    boolean done = false;
    List<String> lines = Files.readAllLines(out, StandardCharsets.ISO_8859_1);
    List<String> afterLastCase = new ArrayList<>();
    for (String line : lines) {
      afterLastCase.add(line);
      if (line.startsWith("CASE ")) {
        running = line.substring(5);
        afterLastCase.clear();
      } else if (line.startsWith("OK ")) {
        outcomes.put(running, new Outcome(true, line));
        running = null;
      } else if (line.startsWith("FAIL ")) {
        outcomes.put(
            running,
            new Outcome(
                false,
                "Java exception in the child: " + line.substring(5 + running.length()).trim()));
        running = null;
      } else if (line.equals("DONE")) {
        done = true;
      }
    }
    if (!done) {
      String why =
          exited
              ? "the child JVM died (exit code " + p.exitValue() + ")"
              : "the child JVM timed out after " + TIMEOUT_SECONDS + " s";
      String culprit =
          running != null
              ? running
              : ids.stream().filter(id -> !outcomes.containsKey(id)).findFirst().orElse(null);
      if (culprit != null) {
        outcomes.put(
            culprit,
            new Outcome(
                false,
                why
                    + " while running this case\n"
                    + crashReport(dir)
                    + "stdout after CASE:\n"
                    + String.join(
                        "\n", afterLastCase.subList(0, Math.min(afterLastCase.size(), 15)))
                    + "\nstderr ends:\n"
                    + tail(err, 15)));
      }
    } else {
      assertEquals(0, p.exitValue(), "child exit code");
    }
    return outcomes;
  }

  /** The problematic frame and the native frames of the JVM's fatal error log, if it wrote one. */
  private static String crashReport(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList()) {
        b.append(f).append(":\n");
        for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
          if (line.startsWith("# Problematic frame")
              || line.startsWith("# C  [")
              || line.startsWith("C  [")
              || line.startsWith("j  io.github")) {
            b.append("  ").append(line).append('\n');
          }
        }
      }
    }
    return b.toString();
  }

  private static String tail(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
