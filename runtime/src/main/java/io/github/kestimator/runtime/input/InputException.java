package io.github.kestimator.runtime.input;

/**
 * Bad input data: a corrupt file, a missing column, a value of the wrong kind or length. The
 * message names where (file, line or record, column or key) and what was expected.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
