package io.github.kestimator.keras.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Optional extras: the Keras 1 and 2 files with Keras' own predictions in {@code
 * shared/keras-fixtures} beside the repository's clone (files that may not be copied into the
 * repository). A clone with nothing beside it builds and passes without them: a test that asks for
 * one is skipped, and says so in the log. The project's own fixtures are {@link KerasFixtures}.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /**
   * A file of {@code ../shared/keras-fixtures}, found by walking up from the working directory;
   * skips the calling test (a JUnit assumption, logged) when the directory is not there.
   *
   * @throws IllegalStateException when the directory is there but the file is not
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
    String why =
        "skipped: no shared/keras-fixtures beside the clone (above "
            + start
            + "), so the optional test on "
            + name
            + " does not run";
    System.err.println("[SharedFixtures] " + why);
    Assumptions.abort(why);
    throw new AssertionError(why);
  }
}
