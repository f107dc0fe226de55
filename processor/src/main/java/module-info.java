/**
 * The annotation processor: turns each {@code @KerasModel} class into a validated model and typed
 * records, estimator and predictor. It exports nothing; javac finds it on the processor path by
 * {@code META-INF/services}, on the processor module path by this module's {@code provides}.
 */
@SuppressWarnings("requires-automatic") // javapoet and auto-service have no module descriptor, only
// Automatic-Module-Names
module io.github.kestimator.processor {
  requires java.compiler;
  requires io.github.kestimator.model;
  requires com.palantir.javapoet;
  requires static com.google.auto.service;

  provides javax.annotation.processing.Processor with
      io.github.kestimator.processor.KerasModelProcessor;
}
