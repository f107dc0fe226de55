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
 */
public record ModelSource(
    Path file,
    String relativePath,
    String displayPath,
    String className,
    CompileOptions compile,
    Integer maxSequenceLength) {
  /** A source without a maximum sequence length. */
  public ModelSource(
      Path file,
      String relativePath,
      String displayPath,
      String className,
      CompileOptions compile) {
    this(file, relativePath, displayPath, className, compile, null);
  }
}
