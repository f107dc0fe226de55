package io.github.kestimator.maven;

import java.nio.file.Path;

/**
 * One Keras file found in the Keras directory and what it becomes.
 *
 * @param file the file
 * @param relativePath its path relative to the Keras directory, with {@code /}
 * @param displayPath its path relative to the project, for messages
 * @param className the simple name of the model class generated from it
 * @param compile the compile settings given in the plugin configuration for it
 * @param maxSequenceLength the length of its inputs of unknown sequence length, or null
 * @param weights for a {@code <name>.json} config, the {@code <name>.weights.h5} beside it (Keras
 *     3's {@code save_weights}), or null
 */
public record ModelSource(
    Path file,
    String relativePath,
    String displayPath,
    String className,
    CompileOptions compile,
    Integer maxSequenceLength,
    Path weights) {
  /** A source without a separate weights file. */
  public ModelSource(
      Path file,
      String relativePath,
      String displayPath,
      String className,
      CompileOptions compile,
      Integer maxSequenceLength) {
    this(file, relativePath, displayPath, className, compile, maxSequenceLength, null);
  }

  /** A source without a maximum sequence length or a separate weights file. */
  public ModelSource(
      Path file,
      String relativePath,
      String displayPath,
      String className,
      CompileOptions compile) {
    this(file, relativePath, displayPath, className, compile, null, null);
  }

  /**
   * {@code message} with this source's file paths as the project shows them ({@link #displayPath}).
   */
  public String display(String message) {
    String m = message.replace(file.toString(), displayPath);
    if (weights != null) {
      String name = file.getFileName().toString();
      m =
          m.replace(
              weights.toString(),
              displayPath.substring(0, displayPath.length() - name.length())
                  + weights.getFileName());
    }
    return m;
  }
}
