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
 * @param maxSequenceLength the length of every input whose sequence length the Keras file leaves
 *     unknown (None), or null for none: such a file is then refused naming the setting
 */
public record ModelSettings(
    Path kerasDirectory,
    Path baseDirectory,
    String packageName,
    CompileOptions defaults,
    List<ModelOverride> models,
    Integer maxSequenceLength) {
  public ModelSettings {
    models = List.copyOf(models);
  }

  /** Settings without a maximum sequence length. */
  public ModelSettings(
      Path kerasDirectory,
      Path baseDirectory,
      String packageName,
      CompileOptions defaults,
      List<ModelOverride> models) {
    this(kerasDirectory, baseDirectory, packageName, defaults, models, null);
  }

  /**
   * Settings for one Keras file.
   *
   * @param file the file's name (or path) relative to the Keras directory
   * @param className the simple class name to generate, or null for the file name in UpperCamelCase
   * @param compile compile settings overriding the plugin-wide ones
   * @param maxSequenceLength overrides the plugin-wide maximum sequence length; null: that one
   */
  public record ModelOverride(
      String file, String className, CompileOptions compile, Integer maxSequenceLength) {
    /** An override without its own maximum sequence length. */
    public ModelOverride(String file, String className, CompileOptions compile) {
      this(file, className, compile, null);
    }
  }
}
