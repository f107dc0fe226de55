package io.github.kestimator.maven;

import io.github.kestimator.keras.testing.SharedFixtures;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The Keras files under src/test/resources/keras, and the Keras-saved files of
 * ../shared/keras-fixtures.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A file of {@code ../shared/keras-fixtures}; see {@link SharedFixtures#path}. */
  public static Path shared(String name) {
    return SharedFixtures.path(name);
  }

  public static Path keras(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/keras/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }
}
