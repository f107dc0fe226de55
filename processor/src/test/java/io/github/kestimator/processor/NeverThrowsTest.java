package io.github.kestimator.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor never crashes javac: hundreds of random, mostly broken models compile to errors
 * (or to code), never to an exception or an internal-error report.
 */
class NeverThrowsTest {
  private static final int MODELS = 300;
  private static final int PER_COMPILATION = 10;

  @Test
  void randomMalformedModelsGiveDiagnosticsNotExceptions() {
    RandomModels models = new RandomModels(20240601L);
    int failed = 0;
    int succeeded = 0;
    for (int batch = 0; batch < MODELS / PER_COMPILATION; batch++) {
      List<JavaFileObject> sources = new ArrayList<>();
      for (int i = 0; i < PER_COMPILATION; i++) {
        String name = "M" + batch + "x" + i;
        sources.add(Models.source(name, models.model(name).toArray(String[]::new)));
      }
      Compilation compilation;
      try {
        compilation = Models.compile(sources.toArray(JavaFileObject[]::new));
      } catch (RuntimeException e) {
        throw new AssertionError("the processor threw on batch " + batch + ": " + sources, e);
      }
      int reported = 0;
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        reported += message.startsWith("[Keras") ? 1 : 0;
        if (message.contains("KerasProcessorError") || message.contains("Exception")) {
          fail("internal failure in batch " + batch + ": " + message + "\n" + sources);
        }
      }
      if (compilation.status() == Compilation.Status.SUCCESS) {
        succeeded++;
      } else {
        failed++;
        // The processor ran and said why, rather than javac stopping before it.
        assertTrue(reported > 0, "no model error reported in batch " + batch + ": " + compilation.diagnostics());
      }
    }
    assertEquals(MODELS / PER_COMPILATION, failed + succeeded);
    assertTrue(failed > 0, "the generator should mostly write broken models");
  }
}
