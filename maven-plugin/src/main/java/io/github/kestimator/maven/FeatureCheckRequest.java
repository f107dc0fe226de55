package io.github.kestimator.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FeatureCheckService} checks: data files against the models they feed.
 *
 * @param classesDirectory the compiled classes, where the annotation processor put each model
 *     class's {@link io.github.kestimator.model.format.ModelColumns columns file}
 */
public record FeatureCheckRequest(
    ModelSettings settings, Path classesDirectory, List<DataFile> dataFiles) {
  public FeatureCheckRequest {
    dataFiles = List.copyOf(dataFiles);
  }

  /**
   * One data file.
   *
   * @param file the CSV or TFRecord file
   * @param model the Keras file (relative to the Keras directory or the project), or a model
   *     class's fully qualified name
   * @param labels whether the file must also hold the label columns (the output layers' names)
   */
  public record DataFile(Path file, String model, boolean labels) {}
}
