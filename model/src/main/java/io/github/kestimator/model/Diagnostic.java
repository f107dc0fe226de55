package io.github.kestimator.model;

/**
 * Every stable message id kestimator reports, with a one-line description. The processor, the Keras
 * reader, the Maven plugin and the CLI print an id in brackets in front of the message ({@code
 * [KerasUnknownLayer] layer 'lstm' takes input from 'embeding' ...}) so users and tests can search
 * for it; README's troubleshooting tables list every id, which a test checks.
 */
public enum Diagnostic {
  // Model mistakes, found by ModelAnalyzer (annotations and Keras files alike).
  EMPTY_MODEL("KerasEmptyModel", "the model has no layers"),
  NO_COMPILE(
      "KerasNoCompile",
      "the model has no compile settings (@Compile, or a Keras file's training config)"),
  NO_LOSS("KerasNoLoss", "@Compile names no loss"),
  UNKNOWN_LAYER(
      "KerasUnknownLayer",
      "`from` names no layer of the model; the message suggests the closest name"),
  FORWARD_REFERENCE(
      "KerasForwardReference",
      "`from` names a layer declared later: declare layers in the order data flows"),
  DUPLICATE_LAYER("KerasDuplicateLayer", "two layers share a name (field names, or `name = ...`)"),
  INVALID_NAME(
      "KerasInvalidName",
      "a layer or feature name TensorFlow or Java cannot use (letters, digits, `_`; starts with a letter)"),
  SHAPE(
      "KerasShape",
      "a layer does not fit its input: wrong rank, too small for its kernel, ids where floats are"
          + " expected or the other way round"),
  MISSING_INPUT_SHAPE(
      "KerasMissingInputShape",
      "the first layer does not say the shape of one example: set `inputShape`"
          + " (or `inputLength` on an Embedding), or start with `@Input`"),
  BAD_PARAM(
      "KerasBadParam",
      "a parameter is out of range (`units must be > 0, got 0`, `learningRate must be > 0.0`),"
          + " or set where it means nothing (`inputShape` on a layer that is not the first)"),
  MISSING_PARAM("KerasMissingParam", "a parameter the layer needs is missing"),
  UNKNOWN_PARAM(
      "KerasUnknownParam",
      "a parameter the layer, optimizer, initializer or constraint does not take (`beta1` on"
          + " SGD, `stddev` on ZEROS); the message lists the ones it takes"),
  LOSS(
      "KerasLoss",
      "the loss does not fit the output: binary cross-entropy on a softmax, sparse categorical on one"
          + " sigmoid unit, `fromLogits` on a sigmoid"),
  OUTPUT_LOSS(
      "KerasOutputLoss",
      "a loss per output (`@OutputLoss`) names no output, names one twice, leaves an output"
          + " without a loss, is given beside `loss`, or has a weight that is negative or not finite"),
  METRIC(
      "KerasMetric",
      "a metric does not fit: AUC, precision or recall on a multi-class output; categorical metrics"
          + " with class-id labels; a metric listed twice"),
  UNUSED_INPUT("KerasUnusedInput", "an `@Input` feeds no layer"),
  INPUT_FROM("KerasInputFrom", "an `@Input` has a `from`: inputs are fed by data"),
  BIDIRECTIONAL("KerasBidirectional", "`@Bidirectional` wraps no recurrent layer"),
  MASK(
      "KerasMask",
      "a mask (from `maskZero` or `@Masking`) reaches a layer that would use it in a way kestimator"
          + " does not reproduce (BatchNormalization, Softmax), or an output (Keras would weigh the"
          + " loss by it)"),
  GENERATED_NAME(
      "KerasGeneratedName",
      "a layer, feature or metric name cannot be a component of a generated record"),

  // The processor's own checks on model classes.
  MODEL_ACCESS(
      "KerasModelAccess",
      "the model class is private or a non-static inner class: generated code could not"
          + " reach it"),
  MODEL_KIND("KerasModelKind", "@KerasModel is on an interface, enum or record instead of a class"),
  GENERATED_NAME_TAKEN(
      "KerasGeneratedNameTaken",
      "a type you wrote has a name the processor generates" + " (`SentimentFeatures`)"),
  NO_LAYER_ANNOTATION("KerasNoLayerAnnotation", "a `Layer` field has no layer annotation"),
  TWO_LAYER_ANNOTATIONS(
      "KerasTwoLayerAnnotations",
      "a `Layer` field has two layer annotations: one field is one layer"),
  LAYER_FIELD_TYPE("KerasLayerFieldType", "a layer annotation is on a field that is not a `Layer`"),
  VOCABULARY_RESOURCE(
      "KerasVocabularyResource",
      "a `vocabularyResource` cannot be read (not on the class path,"
          + " not UTF-8, not an integer for `@IntegerLookup`), or is given with `vocabulary`"),
  PROCESSOR_ERROR(
      "KerasProcessorError", "the processor itself failed: please report it with the model class"),

  // Reading Keras files.
  FORMAT(
      "KerasFormat",
      "the file is not a Keras model kestimator can read: not HDF5/zip/JSON, truncated, malformed,"
          + " or past a size limit"),
  MODEL(
      "KerasModel",
      "the file's model cannot be turned into a kestimator model (the analyzer's problems follow)"),
  UNSUPPORTED(
      "KerasUnsupported",
      "the file uses a model-level feature kestimator does not support (a model class"
          + " other than Sequential/Functional, a nested model, a shared layer)"),
  UNSUPPORTED_LAYER(
      "KerasUnsupportedLayer",
      "a layer class kestimator does not support (Lambda, a custom layer);"
          + " the message lists the supported ones"),
  UNKNOWN_LENGTH(
      "KerasUnknownLength",
      "an input of the Keras file (or a TextVectorization without `output_sequence_length`) has an"
          + " unknown (None) sequence length: give the maximum length"
          + " (`maxSequenceLength` of KerasEstimator, `<maxSequenceLength>` of the plugin,"
          + " `--max-sequence-length` of the CLI)"),
  UNSUPPORTED_VALUE(
      "KerasUnsupportedValue",
      "a layer argument with a value kestimator does not support (channels_first, causal padding,"
          + " an initializer or constraint it does not have, or one whose arguments are out of range)"),
  WEIGHTS("KerasWeights", "the weights do not fit the model: missing, extra, or of another shape"),
  UNSUPPORTED_TRAINING(
      "KerasUnsupportedTraining",
      "train or evaluate on a file whose loss, optimizer or metrics"
          + " kestimator cannot use (predict and export still work)"),
  TRAINING_IGNORED(
      "KerasTrainingIgnored",
      "a warning: the file's training settings kestimator cannot use are ignored"
          + " for prediction"),

  // At run time (the runtime and the estimators).
  ADAPT_FIRST(
      "KerasAdaptFirst",
      "a preprocessing layer that learns from data has no state yet: call `estimator.adapt(input)`"
          + " or train (training adapts an empty model dir before step 0)"),
  NO_CHECKPOINT(
      "KerasNoCheckpoint",
      "evaluate, predict or export on a model dir without a checkpoint and a model without"
          + " starting weights: train first"),
  CORRUPT_CHECKPOINT(
      "KerasCorruptCheckpoint",
      "a checkpoint's files are truncated or corrupt: delete that checkpoint's"
          + " files and the run resumes from the one before"),
  FOREIGN_MODEL_DIR(
      "KerasForeignModelDir",
      "the model dir holds checkpoints of another model (`model.properties`"
          + " differs): use a new `modelDir`"),
  MODEL_DIR_LOCKED(
      "KerasModelDirLocked",
      "another process or estimator trains in this model dir now (`train.lock`);"
          + " a lock left by a killed process is taken over"),
  LOSS_NOT_FINITE(
      "KerasLossNotFinite",
      "the loss became NaN or infinite: training stopped without saving and the last"
          + " good checkpoint is kept; lower the learning rate or clip gradients");

  private final String id;
  private final String doc;

  Diagnostic(String id, String doc) {
    this.id = id;
    this.doc = doc;
  }

  /** The id printed in brackets, e.g. {@code KerasUnknownLayer}. */
  public String id() {
    return id;
  }

  /** What the id means, one line (Markdown, as in README's table). */
  public String doc() {
    return doc;
  }

  /** {@code [id] message}, the form every message with an id is printed in. */
  public String format(String message) {
    return "[" + id + "] " + message;
  }

  /** The constant with this id; {@link IllegalArgumentException} naming the id if there is none. */
  public static Diagnostic ofId(String id) {
    for (Diagnostic d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no diagnostic with id '" + id + "'");
  }
}
