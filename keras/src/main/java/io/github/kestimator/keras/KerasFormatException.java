package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;

/**
 * A Keras file that cannot be read, or that uses something kestimator does not support. The message
 * names the file, the layer's name and its Keras {@code class_name} where there is one, and starts
 * with a stable id such as {@code [KerasUnsupportedLayer]}.
 */
public final class KerasFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Diagnostic code;
  private final String source;
  private final String layer;
  private final String className;

  KerasFormatException(
      Diagnostic code, String source, String layer, String className, String message) {
    super(
        code.format(
            source
                + ": "
                + (layer == null
                    ? ""
                    : "layer '"
                        + layer
                        + "'"
                        + (className == null ? "" : " (" + className + ")")
                        + ": ")
                + message));
    this.code = code;
    this.source = source;
    this.layer = layer;
    this.className = className;
  }

  /** Its stable id, e.g. {@link Diagnostic#UNSUPPORTED_LAYER} ({@code KerasUnsupportedLayer}). */
  public Diagnostic code() {
    return code;
  }

  /** The file (or archive entry) read. */
  public String source() {
    return source;
  }

  /** The layer's Keras name, or null when the problem is not about one layer. */
  public String layer() {
    return layer;
  }

  /** The layer's Keras {@code class_name}, or null. */
  public String className() {
    return className;
  }
}
