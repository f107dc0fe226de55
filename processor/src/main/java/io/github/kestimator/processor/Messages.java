package io.github.kestimator.processor;

import io.github.kestimator.model.Diagnostic;
import java.util.List;

/**
 * The processor's own messages, each with a stable id in brackets that users and tests can grep.
 * Model mistakes found by the analyzer come with their own ids from {@code spec}'s {@code Problem}.
 */
final class Messages {
  private Messages() {}

  static String noLayerAnnotation(String field) {
    return Diagnostic.NO_LAYER_ANNOTATION.format(
        "field '"
            + field
            + "' is a Layer but has no layer annotation: say which layer it is,"
            + " e.g. @Dense(units = 8) Layer "
            + field
            + ";");
  }

  static String twoLayerAnnotations(String field, List<String> annotations) {
    return Diagnostic.TWO_LAYER_ANNOTATIONS.format(
        "field '"
            + field
            + "' has "
            + annotations.size()
            + " layer annotations ("
            + String.join(", ", annotations.stream().map(a -> "@" + a).toList())
            + "): one field is one layer; declare a field for each");
  }

  static String notALayerField(String field, String annotation, String type) {
    return Diagnostic.LAYER_FIELD_TYPE.format(
        "@"
            + annotation
            + " is on field '"
            + field
            + "' of type "
            + type
            + ": layer fields must be of type io.github.kestimator.annotations.Layer");
  }

  static String notAClass(String type) {
    return Diagnostic.MODEL_KIND.format(
        "@KerasModel is on '"
            + type
            + "', which is not a class: put it on a class with one Layer field"
            + " per layer");
  }

  static String privateClass(String type) {
    return Diagnostic.MODEL_ACCESS.format(
        "model class '"
            + type
            + "' is private: the generated code beside it cannot reach it;"
            + " make it package-private or public");
  }

  static String innerClass(String type) {
    return Diagnostic.MODEL_ACCESS.format(
        "model class '"
            + type
            + "' is an inner class: the generated code cannot reach it; make it"
            + " static or top-level");
  }

  static String nameTaken(String qualifiedName, String model) {
    return Diagnostic.GENERATED_NAME_TAKEN.format(
        "type "
            + qualifiedName
            + " already exists, but the processor generates it for model"
            + " class '"
            + model
            + "': rename that type or the model class");
  }

  static String componentName(String what, String name, String record, String reason) {
    return what
        + " '"
        + name
        + "' cannot be a component of the generated record "
        + record
        + ": "
        + reason;
  }

  static String missingLoss() {
    return Diagnostic.NO_LOSS.format(
        "@Compile needs a loss, e.g. loss = BINARY_CROSSENTROPY for every output, or one per output:"
            + " outputs = {@OutputLoss(output = \"...\", loss = ...), ...}");
  }

  static String unknownConstant(String what, String name) {
    return Diagnostic.PROCESSOR_ERROR.format(
        "the model module has no "
            + what
            + " named "
            + name
            + "; the annotations and model modules are out of step (please report it)");
  }

  static String internalError(Throwable e) {
    return Diagnostic.PROCESSOR_ERROR.format(
        "the kestimator processor failed on this model (please report it): " + e);
  }
}
