package io.github.kestimator.model;

/**
 * A value of the wrong kind with its catalogue id: an argument an initializer or constraint does
 * not take ({@link Diagnostic#UNKNOWN_PARAM}) or one out of range ({@link Diagnostic#BAD_PARAM}).
 * {@link ModelAnalyzer} reports it on the layer parameter that holds the value.
 */
public final class ParamException extends IllegalArgumentException {
  private final Diagnostic diagnostic;

  public ParamException(Diagnostic diagnostic, String message) {
    super(message);
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
