package io.github.kestimator.runtime.binding;

import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.format.ModelSpecJson;

/**
 * For generated code: the base class of each generated {@code FooBinding}. The annotation processor
 * passes the model it validated as JSON ({@link ModelSpecJson}) and implements the copies; this
 * class rebuilds the model from it. So compiled user code names no type of the model module, only
 * this package, and the model module's classes can change without breaking it.
 *
 * @param <F> the generated features record
 * @param <L> the generated labels record
 * @param <P> the generated predictions record
 * @param <M> the generated metrics record
 */
public abstract class GeneratedBinding<F, L, P, M> implements ModelBinding<F, L, P, M> {
  private final Model model;

  /**
   * Reads and analyzes the model.
   *
   * @param specJson the model description, {@link ModelSpecJson#write}'s text, in one or more parts
   *     joined in order (a Java string constant holds at most 65,535 bytes, a large model's
   *     description more)
   * @throws IllegalStateException when this runtime cannot read the description or rejects the
   *     model, e.g. because the processor that generated the code is another kestimator version
   */
  protected GeneratedBinding(String... specJson) {
    String json = String.join("", specJson);
    ModelSpec spec;
    try {
      spec = ModelSpecJson.read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          getClass().getName()
              + ": cannot read the model description the annotation"
              + " processor wrote ("
              + e.getMessage()
              + "); are kestimator-processor and kestimator-runtime the same version?",
          e);
    }
    ModelAnalyzer.Analysis analysis = ModelAnalyzer.analyze(spec);
    if (!analysis.ok()) {
      StringBuilder b =
          new StringBuilder(getClass().getName())
              .append(": model '")
              .append(spec.name())
              .append(
                  "' was accepted by the annotation processor but this runtime rejects it; are kestimator-processor and"
                      + " kestimator-runtime the same version?");
      analysis.problems().forEach(p -> b.append("\n  ").append(p));
      throw new IllegalStateException(b.toString());
    }
    this.model = analysis.model();
  }

  @Override
  public final Model model() {
    return model;
  }

  /** The model's Keras-style summary table ({@link Model#summary()}). */
  public final String summary() {
    return model.summary();
  }
}
