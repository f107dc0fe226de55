package io.github.kestimator.maven;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The Keras files under src/test/resources/keras. */
public final class Fixtures {
  private Fixtures() {}

  public static Path keras(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/keras/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }
}
