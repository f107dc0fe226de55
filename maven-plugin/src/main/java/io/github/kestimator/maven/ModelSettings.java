package io.github.kestimator.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the Keras models are and how to import them; shared by every goal.
 *
 * @param kerasDirectory the directory holding {@code *.json} / {@code *.keras} files
 * @param baseDirectory the project's base directory, for relative paths in messages
 * @param packageName the package generated model classes go to
 * @param defaults compile settings for every model (each component may be null)
 * @param models per-model settings
 */
public record ModelSettings(
    Path kerasDirectory,
    Path baseDirectory,
    String packageName,
    CompileOptions defaults,
    List<ModelOverride> models) {
  public ModelSettings {
    models = List.copyOf(models);
  }

  /**
   * Settings for one Keras file.
   *
   * @param file the file's name (or path) relative to the Keras directory
   * @param className the simple class name to generate, or null for the file name in UpperCamelCase
   * @param compile compile settings overriding the plugin-wide ones
   */
  public record ModelOverride(String file, String className, CompileOptions compile) {}
}
