package io.github.kestimator.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor writes the same files in two separate javac processes, one of them with identity
 * hash codes that all collide ({@code -XX:hashCode=2}), so no output depends on a hash order or
 * anything else that differs between JVMs (Gradle's and Maven's build caches compare outputs across
 * machines). The in-process result must be the same too.
 */
class TwoJvmDeterminismTest {
  @TempDir Path dir;

  @Test
  void twoJavacProcessesWriteTheSameSources() throws Exception {
    Path src = dir.resolve("src/test/Sentiment.java");
    Files.createDirectories(src.getParent());
    JavaFileObject source = Models.source("Sentiment", Models.SENTIMENT);
    Files.writeString(src, source.getCharContent(true), StandardCharsets.UTF_8);

    Map<String, String> first = javacInChildJvm(src, "first", List.of());
    Map<String, String> second =
        javacInChildJvm(
            src, "second", List.of("-J-XX:+UnlockExperimentalVMOptions", "-J-XX:hashCode=2"));
    assertEquals(
        7,
        first.size(),
        first
            .keySet()
            .toString()); // features, labels, predictions, metrics, binding, estimator, predictor
    assertEquals(first, second);

    Map<String, String> inProcess = new TreeMap<>();
    for (JavaFileObject f : Models.compile(source).generatedSourceFiles()) {
      inProcess.put(
          f.getName().replaceFirst("^/SOURCE_OUTPUT/", ""), f.getCharContent(true).toString());
    }
    assertEquals(inProcess, first);
  }

  /**
   * Runs the JDK's javac as its own process with the processor on the processor path; the generated
   * sources by path.
   */
  private Map<String, String> javacInChildJvm(Path src, String name, List<String> jvmFlags)
      throws Exception {
    Path out = dir.resolve(name);
    Path classes = dir.resolve(name + "-classes");
    Files.createDirectories(out);
    Files.createDirectories(classes);
    String classPath = System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(
        List.of(
            "-proc:only",
            "-processor",
            KerasModelProcessor.class.getName(),
            "-processorpath",
            classPath,
            "-cp",
            classPath,
            "-s",
            out.toString(),
            "-d",
            classes.toString(),
            src.toString()));
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("javac did not finish in 120 s: " + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), () -> "javac failed: " + read(log));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            out.relativize(f).toString().replace('\\', '/'),
            Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
