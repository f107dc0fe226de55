package io.github.kestimator.keras;

import io.github.kestimator.keras.testing.SharedFixtures;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Test files: the Keras JSON under src/test/resources/keras, and the Keras-saved files with Keras'
 * own predictions in {@code shared/keras-fixtures} beside the repository's clone.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path keras(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/keras/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }

  /** A file of {@code ../shared/keras-fixtures}; see {@link SharedFixtures#path}. */
  public static Path shared(String name) {
    return SharedFixtures.path(name);
  }
}
