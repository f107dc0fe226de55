package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the plugin's tests share: a build log that keeps its lines, and a real javac run over
 * generated sources.
 */
final class TestBuilds {
  private TestBuilds() {}

  /** A log that adds each line to {@code lines}, warnings prefixed {@code WARN }. */
  static BuildLog collecting(List<String> lines) {
    return new BuildLog() {
      @Override
      public void info(String message) {
        lines.add(message);
      }

      @Override
      public void warn(String message) {
        lines.add("WARN " + message);
      }
    };
  }

  /**
   * Compiles {@code sources} into {@code classes} with {@code -Xlint:all -Werror} and the test
   * class path, failing with javac's diagnostics. With {@code apt} non-null the annotation
   * processor runs too and writes its sources there; else {@code -proc:none}.
   */
  static void javac(List<Path> sources, Path classes, Path apt) throws IOException {
    Files.createDirectories(classes);
    List<String> options =
        new ArrayList<>(
            List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
    if (apt == null) {
      options.addAll(List.of("-Xlint:all", "-Werror", "-proc:none"));
    } else {
      options.addAll(
          List.of(
              "-Xlint:all,-processing",
              "-Werror",
              "-processor",
              "io.github.kestimator.processor.KerasModelProcessor",
              "-s",
              Files.createDirectories(apt).toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertTrue(
          ok,
          diagnostics.getDiagnostics().stream()
              .map(Object::toString)
              .collect(Collectors.joining("\n")));
    }
  }
}
