package io.github.kestimator.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor never crashes javac: hundreds of random, mostly broken models compile to errors (or
 * to code), never to an exception or an internal-error report.
 */
class NeverThrowsTest {
  private static final int MODELS = 300;

  @Test
  void randomMalformedModelsGiveDiagnosticsNotExceptions() {
    RandomModels models = new RandomModels(20240601L);
    int succeeded = 0;
    int reportedByProcessor = 0;
    for (int i = 0; i < MODELS; i++) {
      // One model per compilation: javac skips processing a compilation whose annotations it
      // rejects itself.
      List<String> lines = models.model("M" + i);
      JavaFileObject source = Models.source("M" + i, lines.toArray(String[]::new));
      Compilation compilation;
      try {
        compilation = Models.compile(source);
      } catch (RuntimeException e) {
        throw new AssertionError(
            "the processor threw on model " + i + ":\n" + String.join("\n", lines), e);
      }
      boolean reported = false;
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        if (message.contains("KerasProcessorError") || message.contains("Exception")) {
          fail("internal failure on model " + i + ": " + message + "\n" + String.join("\n", lines));
        }
        reported |= message.startsWith("[Keras");
      }
      succeeded += compilation.status() == Compilation.Status.SUCCESS ? 1 : 0;
      reportedByProcessor += reported ? 1 : 0;
    }
    System.out.printf(
        "random models: %d compiled, %d with model errors, %d rejected by javac alone%n",
        succeeded, reportedByProcessor, MODELS - succeeded - reportedByProcessor);
    // The generator must exercise the processor, not only javac.
    assertTrue(
        reportedByProcessor > MODELS / 2,
        "only " + reportedByProcessor + " models reached the processor's checks");
  }
}
