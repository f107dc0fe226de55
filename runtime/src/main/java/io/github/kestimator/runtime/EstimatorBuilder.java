package io.github.kestimator.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a generated estimator: {@code FooEstimator.builder().modelDir(dir).build()}. Settings
 * beyond the model directory go in a {@link RunConfig}.
 */
public final class EstimatorBuilder<E> {
  private final Function<RunConfig, E> factory;
  private RunConfig config;
  private Path modelDir;

  public EstimatorBuilder(Function<RunConfig, E> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The model directory; overrides the one in {@link #runConfig}. */
  public EstimatorBuilder<E> modelDir(Path modelDir) {
    this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    return this;
  }

  public EstimatorBuilder<E> runConfig(RunConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /**
   * The estimator on the model directory (created if missing). Nothing is written there: the first
   * training saves the initial state.
   *
   * @throws IllegalStateException when no model directory was given
   */
  public E build() {
    RunConfig c = config == null ? RunConfig.builder().build() : config;
    if (modelDir != null) {
      c = c.withModelDir(modelDir);
    }
    if (c.modelDir() == null) {
      throw new IllegalStateException(
          "no model directory: call modelDir(Path) or give a RunConfig with one");
    }
    return factory.apply(c);
  }
}
