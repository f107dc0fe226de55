package io.github.kestimator.keras.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Keras-saved files with Keras' own predictions in {@code shared/keras-fixtures} beside the
 * repository's clone. Shared by the test suites of every module that reads Keras files (this
 * module's test-jar).
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /**
   * A file of {@code ../shared/keras-fixtures} relative to the repository root, found by walking up
   * from the working directory. Fails (never skips) when the directory or the file is missing.
   */
  public static Path path(String name) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("keras-fixtures");
      if (Files.isDirectory(candidate)) {
        Path file = candidate.resolve(name);
        if (!Files.isRegularFile(file)) {
          throw new IllegalStateException("the shared Keras fixture " + file + " is missing");
        }
        return file;
      }
    }
    throw new IllegalStateException("no shared/keras-fixtures directory in " + start + " or above it: the Keras fixture"
        + " files (see shared/keras-fixtures/README.md) must sit beside the repository's clone, at ../shared/keras-fixtures");
  }
}
