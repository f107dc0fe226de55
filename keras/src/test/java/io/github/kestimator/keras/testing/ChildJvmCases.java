package io.github.kestimator.keras.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs test cases that load TensorFlow in child JVMs, so that a native crash fails its case, names
 * it, and the remaining cases run on in a new child. The child is a {@code main} class on the test
 * class path, called with {@code arguments} then the cases left; for each case it prints {@code
 * CASE <case>} before it starts and {@code RESULT <case> <result on one line>} when it is done.
 */
public final class ChildJvmCases {
  /** How long one child may run before it is killed (its current case then fails). */
  static final long TIMEOUT_MINUTES = 10;

  private ChildJvmCases() {}

  /**
   * Each case's result (what followed {@code RESULT <case> }), or {@code crash: ...} for the case a
   * child died in.
   *
   * @param tmp where the children's crash logs and stderr go
   */
  public static Map<String, String> run(
      Class<?> main, List<String> arguments, List<String> cases, Path tmp)
      throws IOException, InterruptedException {
    Map<String, String> results = new LinkedHashMap<>();
    List<String> left = new ArrayList<>(cases);
    while (!left.isEmpty()) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:-CreateCoredumpOnCrash",
                  "-XX:ErrorFile=" + tmp.resolve("hs_err_%p.log"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  main.getName()));
      command.addAll(arguments);
      command.addAll(left);
      Path err = Files.createTempFile(tmp, "child", ".err");
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      AtomicBoolean timedOut = new AtomicBoolean();
      Thread watchdog = // a hung child is killed, which ends the reading below
          new Thread(
              () -> {
                try {
                  if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    timedOut.set(true);
                    p.destroyForcibly();
                  }
                } catch (InterruptedException e) {
                  p.destroyForcibly();
                }
              },
              "child-jvm-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String current = null;
      List<String> other =
          new ArrayList<>(); // what else the child printed: a JVM crash reports on stdout
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("CASE ")) {
            current = line.substring(5);
          } else if (line.startsWith("RESULT ") && line.indexOf(' ', 7) > 7) {
            String rest = line.substring(7);
            String c = rest.substring(0, rest.indexOf(' '));
            results.put(c, rest.substring(c.length() + 1));
            left.remove(c);
            current = null;
          } else {
            other.add(line);
          }
        }
      }
      int exit = p.waitFor();
      watchdog.interrupt();
      if (current != null) { // the child died in this case
        List<String> crash = other.stream().filter(l -> l.startsWith("#")).toList();
        results.put(
            current,
            (timedOut.get()
                    ? "crash: killed after " + TIMEOUT_MINUTES + " minutes"
                    : "crash: the JVM exited with " + exit)
                + " in this case: "
                + String.join(" | ", crash.subList(0, Math.min(crash.size(), 12))));
        left.remove(current);
      } else if (!left.isEmpty()) {
        throw new IllegalStateException(
            "the child JVM exited with " + exit + " before " + left + ": " + Files.readString(err));
      }
    }
    return results;
  }
}
