package io.github.kestimator.runtime.export;

import java.nio.file.Path;
import java.util.Optional;

/** tf.estimator.FinalExporter: exports only after the final evaluation of trainAndEvaluate. */
public final class FinalExporter<M> implements Exporter<M> {
  private final String name;

  private FinalExporter(String name) {
    this.name = Exporter.checkName(name);
  }

  public static <M> FinalExporter<M> of(String name) {
    return new FinalExporter<>(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Path> export(Request<? extends M> request) {
    return request.isFinal()
        ? Optional.of(request.writer().exportSavedModel(request.exportDir()))
        : Optional.empty();
  }
}
