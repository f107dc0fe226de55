package io.github.kestimator.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints Keras' {@code model.summary()} table, features, labels and compile settings of every Keras
 * model in the Keras directory.
 *
 * @since 0.1.0
 */
@Mojo(name = "summary", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public final class SummaryMojo extends AbstractKestimatorMojo {
  @Override
  void run() throws KestimatorException {
    new SummaryService(log()).summarize(settings());
  }
}
