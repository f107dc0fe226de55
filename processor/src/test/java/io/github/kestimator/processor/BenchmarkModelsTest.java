package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's models are valid and their generated code is warning-free (not a timing test).
 */
class BenchmarkModelsTest {
  @Test
  void benchmarkModelsCompileWithoutWarnings() {
    assertThat(Models.compile(ProcessorBenchmark.models("Check", 6).toArray(JavaFileObject[]::new)))
        .succeededWithoutWarnings();
  }
}
