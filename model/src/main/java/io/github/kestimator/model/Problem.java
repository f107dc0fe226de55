package io.github.kestimator.model;

/**
 * One mistake found in a model.
 *
 * @param layer the layer it is about, or null for the model as a whole
 * @param param the parameter it is about ({@code units}, {@code from}, {@code loss}, ...; a setting
 *     of the i-th per-output loss as {@code outputs[i].weight}, {@code outputs[i].output}, ...), or
 *     null
 * @param code its stable id ({@link Diagnostic#id()}, e.g. {@code KerasUnknownLayer}) that users
 *     and tests can grep
 * @param message what is wrong and what was expected
 */
public record Problem(String layer, String param, Diagnostic code, String message) {
  @Override
  public String toString() {
    return code.format(message);
  }
}
