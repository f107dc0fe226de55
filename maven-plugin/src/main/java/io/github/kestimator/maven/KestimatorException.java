package io.github.kestimator.maven;

/**
 * A build failure found by a service: a bad Keras file, an invalid model, a data file whose columns
 * do not match. The message is complete and meant for the user; the mojos turn it into a {@code
 * MojoFailureException}.
 */
public final class KestimatorException extends Exception {
  private static final long serialVersionUID = 1L;

  public KestimatorException(String message) {
    super(message);
  }

  public KestimatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
