package io.github.kestimator.processor;

import java.util.List;

/**
 * The processor's own messages, each with a stable id in brackets that users and tests can grep.
 * Model mistakes found by the analyzer come with their own ids from {@code spec}'s {@code Problem}.
 */
final class Messages {
  private Messages() {}

  static String noLayerAnnotation(String field) {
    return "[KerasNoLayerAnnotation] field '" + field + "' is a Layer but has no layer annotation: say which layer it is,"
        + " e.g. @Dense(units = 8) Layer " + field + ";";
  }

  static String twoLayerAnnotations(String field, List<String> annotations) {
    return "[KerasTwoLayerAnnotations] field '" + field + "' has " + annotations.size() + " layer annotations ("
        + String.join(", ", annotations.stream().map(a -> "@" + a).toList())
        + "): one field is one layer; declare a field for each";
  }

  static String notALayerField(String field, String annotation, String type) {
    return "[KerasLayerFieldType] @" + annotation + " is on field '" + field + "' of type " + type
        + ": layer fields must be of type io.github.kestimator.annotations.Layer";
  }

  static String notAClass(String type) {
    return "[KerasModelKind] @KerasModel is on '" + type + "', which is not a class: put it on a class with one Layer field"
        + " per layer";
  }

  static String privateClass(String type) {
    return "[KerasModelAccess] model class '" + type + "' is private: the generated code beside it cannot reach it;"
        + " make it package-private or public";
  }

  static String innerClass(String type) {
    return "[KerasModelAccess] model class '" + type + "' is an inner class: the generated code cannot reach it; make it"
        + " static or top-level";
  }

  static String nameTaken(String qualifiedName, String model) {
    return "[KerasGeneratedNameTaken] type " + qualifiedName + " already exists, but the processor generates it for model"
        + " class '" + model + "': rename that type or the model class";
  }

  /** Id of {@link #componentName}, which is reported as a spec Problem (and so carries its id apart). */
  static final String GENERATED_NAME = "KerasGeneratedName";

  static String componentName(String what, String name, String record, String reason) {
    return what + " '" + name + "' cannot be a component of the generated record " + record
        + ": " + reason;
  }

  static String missingLoss() {
    return "[KerasNoLoss] @Compile needs a loss, e.g. loss = BINARY_CROSSENTROPY";
  }

  static String unknownConstant(String what, String name) {
    return "[KerasProcessorError] the model module has no " + what + " named " + name
        + "; the annotations and model modules are out of step (please report it)";
  }

  static String internalError(Throwable e) {
    return "[KerasProcessorError] the kestimator processor failed on this model (please report it): " + e;
  }
}
