package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the config reader refuses a model config, each with its id and whole message: the file,
 * the layer and its class where the problem is one layer's, and what is wrong.
 */
class KerasRefusalsTest {
  /** JSON written with single quotes, for readability. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A Sequential model of these layers. */
  private static String sequential(String... layers) {
    return json(
        "{'class_name': 'Sequential', 'config': {'name': 's', 'layers': ["
            + String.join(", ", layers)
            + "]}}");
  }

  /** A Keras 2 Functional model of the input {@code x} (3 floats) and these layers. */
  private static String functional(String... layers) {
    return json(
        "{'class_name': 'Functional', 'config': {'name': 'f', 'layers': ["
            + String.join(", ", layers)
            + "]}}");
  }

  private static final String INPUT = input(", 'batch_input_shape': [null, 3]");

  /** A functional Dense layer {@code d} with these {@code inbound_nodes}. */
  private static String fed(String inboundNodes) {
    return "{'class_name': 'Dense', 'name': 'd', 'config': {'name': 'd', 'units': 1}, 'inbound_nodes': "
        + inboundNodes
        + "}";
  }

  /** A functional InputLayer {@code x} with this config besides its name. */
  private static String input(String config) {
    return "{'class_name': 'InputLayer', 'name': 'x', 'config': {'name': 'x'"
        + config
        + "}, 'inbound_nodes': []}";
  }

  /**
   * A Sequential model's first layer: a Dense {@code d} with an input shape, 2 units and these
   * arguments.
   */
  private static String dense(String args) {
    return sequential(
        "{'class_name': 'Dense', 'config': {'name': 'd', 'batch_input_shape': [null, 3], 'units': 2, "
            + args
            + "}}");
  }

  /**
   * A Sequential model's first layer: an {@code l} of this class, input shape (4, 3), with these
   * arguments.
   */
  private static String first(String cls, String args) {
    return sequential(
        "{'class_name': '"
            + cls
            + "', 'config': {'name': 'l', 'batch_input_shape': [null, 4, 3], "
            + args
            + "}}");
  }

  private static final String LAYER_CLASSES =
      "supported: Dense, Embedding, LSTM, GRU, SimpleRNN, Bidirectional,"
          + " Dropout, Masking, Flatten, Reshape, Activation, LeakyReLU, PReLU, ELU, ReLU, Softmax, Conv1D, Conv2D, MaxPooling1D,"
          + " MaxPooling2D, AveragePooling1D, AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D,"
          + " GlobalMaxPooling1D, GlobalMaxPooling2D, BatchNormalization, LayerNormalization, Concatenate, Add,"
          + " TextVectorization, StringLookup, IntegerLookup, Hashing, Normalization, Discretization, CategoryEncoding";

  static Stream<Arguments> refusals() {
    return Stream.of(
        // the document and the model
        Arguments.of("[1]", "[KerasFormat] m.json: expected an object for the document, got [1]"),
        Arguments.of(
            json("{'config': {}}"),
            "[KerasFormat] m.json: no class_name: expected the JSON of model.to_json()"
                + " or a .keras archive's config.json"),
        Arguments.of(
            json("{'class_name': 'Graph', 'config': {}}"),
            "[KerasUnsupported] m.json: model class 'Graph' is"
                + " not supported; expected Sequential, Model or Functional"),
        Arguments.of(
            json("{'class_name': 'Sequential', 'config': {'layers': 3}}"),
            "[KerasFormat] m.json: expected a list for config.layers, got 3"),
        Arguments.of(sequential(), "[KerasFormat] m.json: the Sequential model has no layers"),
        Arguments.of(
            sequential(
                "{'class_name': 'InputLayer', 'config': {'name': 'x', 'batch_shape': [null, 3]}}"),
            "[KerasFormat] m.json: the Sequential model has only an InputLayer"),
        Arguments.of(
            sequential("{'class_name': 'Dense', 'config': {'name': 'd', 'units': 2}}"),
            "[KerasFormat] m.json:"
                + " layer 'd' (Dense): the first layer of the Sequential model has no input shape (batch_input_shape);"
                + " build the model with an input shape before saving it"),
        Arguments.of(
            sequential("{'class_name': 'Dense', 'config': {'units': 2}}"),
            "[KerasFormat] m.json: a Dense layer has no name"),
        Arguments.of(
            sequential("{'config': {'name': 'd', 'batch_input_shape': [null, 3], 'units': 2}}"),
            "[KerasFormat] m.json: layer 'd': the layer has no class_name"),
        // topology
        Arguments.of(
            functional(INPUT, fed("[]")),
            "[KerasFormat] m.json: layer 'd' (Dense): the layer has no inbound"
                + " nodes: it is not connected to the model's inputs"),
        Arguments.of(
            functional(INPUT, fed("[[['x', 0, 0, {}]], [['x', 0, 0, {}]]]")),
            "[KerasUnsupported] m.json:"
                + " layer 'd' (Dense): the layer is called 2 times (a shared layer); shared layers are not supported"),
        Arguments.of(
            functional(INPUT, fed("[[['x', 1, 0, {}]]]")),
            "[KerasUnsupported] m.json: layer 'd' (Dense):"
                + " the layer reads node 1, tensor 0 of 'x': shared layers and layers with several outputs are not"
                + " supported"),
        Arguments.of(
            functional(INPUT, fed("[[['x']]]")),
            "[KerasFormat] m.json: layer 'd' (Dense): cannot read the inbound reference [x]"),
        Arguments.of(
            functional(INPUT, fed("[[['x', null, 0, {}]]]")),
            "[KerasFormat] m.json: layer 'd' (Dense): cannot read the inbound reference [x, null, 0, {}]"),
        Arguments.of(
            functional(
                INPUT, "{'class_name': 'Dense', 'config': {'units': 1}, 'inbound_nodes': []}"),
            "[KerasFormat] m.json: a Dense layer has no name"),
        Arguments.of(
            functional(INPUT, fed("[[['x', 0, 0, {'mask': ['x', 0, 0]}]]]")),
            "[KerasUnsupportedValue] m.json:"
                + " layer 'd' (Dense): the layer is called with mask=[x, 0, 0], which is not supported"),
        Arguments.of(
            functional(
                INPUT,
                "{'class_name': 'Sequential', 'name': 'inner', 'config': {'name': 'inner',"
                    + " 'layers': []}, 'inbound_nodes': [[['x', 0, 0, {}]]]}"),
            "[KerasUnsupported] m.json: layer 'inner'"
                + " (Sequential): the layer is a model of its own (a nested model); nested models are not supported"),
        Arguments.of(
            sequential("{'class_name': 'Functional', 'config': {'name': 'inner', 'layers': []}}"),
            "[KerasUnsupported] m.json: layer 'inner' (Functional): the layer is a model of its own (a nested model);"
                + " nested models are not supported"),
        // inputs
        Arguments.of(
            functional(input("")),
            "[KerasFormat] m.json: layer 'x' (InputLayer): has no batch_shape / batch_input_shape"),
        Arguments.of(
            functional(input(", 'batch_input_shape': 3")),
            "[KerasFormat] m.json: layer 'x' (InputLayer): expected a list for batch_input_shape, got 3"),
        Arguments.of(
            functional(input(", 'batch_input_shape': [null, 3], 'sparse': true")),
            "[KerasUnsupportedValue] m.json: layer 'x' (InputLayer): argument sparse=true is not supported"),
        Arguments.of(
            functional(input(", 'batch_input_shape': [null, 3], 'dtype': 'uint8'")),
            "[KerasUnsupportedValue]"
                + " m.json: layer 'x' (InputLayer): dtype 'uint8' is not supported; supported: float32, int32, int64 (read"
                + " as int32), string"),
        Arguments.of(
            functional(input(", 'batch_input_shape': [null, 0]")),
            "[KerasFormat] m.json: layer 'x'"
                + " (InputLayer): argument batch_input_shape=[null, 0]: dimension 0 is not a size from 1 to 2147483647"),
        // layer classes and arguments
        Arguments.of(
            first("Lambda", "'function': 'x'"),
            "[KerasUnsupportedLayer] m.json: layer 'l' (Lambda): layer"
                + " class 'Lambda' is not supported; "
                + LAYER_CLASSES),
        Arguments.of(
            first("Densse", "'units': 1"),
            "[KerasUnsupportedLayer] m.json: layer 'l' (Densse): layer class"
                + " 'Densse' is not supported; "
                + LAYER_CLASSES
                + "; did you mean 'Dense'?"),
        Arguments.of(
            dense("'dtype': 'float64'"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument"
                + " dtype='float64' is not supported (only float32: kestimator computes every layer in float32)"),
        Arguments.of(
            dense("'unitz': 3"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument 'unitz' is not"
                + " supported; did you mean 'units'?"),
        Arguments.of(
            dense("'kernel_constraint': {'class_name': 'RadialConstraint', 'config': {}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): kernel_constraint 'RadialConstraint' is"
                + " not supported; supported: MaxNorm, NonNeg, UnitNorm, MinMaxNorm"),
        Arguments.of(
            dense(
                "'kernel_constraint': {'class_name': 'MinMaxNorm', 'config': {'min_value': 2.0, 'max_value': 1.0}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument kernel_constraint=MinMaxNorm{min_value=2.0, max_value=1.0} is not supported:"
                + " MIN_MAX_NORM minValue must be <= maxValue, got minValue = 2.0 and maxValue = 1.0"),
        Arguments.of(
            dense(
                "'kernel_constraint': {'class_name': 'MaxNorm', 'config': {'max_value': 2, 'rate': 1}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument kernel_constraint=MaxNorm{max_value=2, rate=1} is not supported:"
                + " MAX_NORM takes no parameter 'rate' (MIN_MAX_NORM takes it); MAX_NORM takes maxValue and"
                + " axis"),
        Arguments.of(
            dense("'use_bias': null"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument use_bias=None is not supported"),
        Arguments.of(
            dense("'activation': 'relu6'"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): activation"
                + " 'relu6' is not supported; supported: linear, relu, sigmoid, tanh, softmax, elu, selu, gelu, swish,"
                + " softplus, softsign, hard_sigmoid, leaky_relu; did you mean 'relu'?"),
        Arguments.of(
            dense("'use_bias': 'yes'"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument"
                + " use_bias='yes' is not supported: expected true or false, got \"yes\""),
        Arguments.of(
            dense("'kernel_initializer': 5"),
            "[KerasFormat] m.json: layer 'd' (Dense): expected an object for kernel_initializer, got 5"),
        Arguments.of(
            dense("'kernel_initializer': 'stft'"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense):"
                + " kernel_initializer 'stft' is not supported; supported: "
                + KerasIdentifiers.SUPPORTED_INITIALIZERS),
        Arguments.of(
            dense(
                "'kernel_initializer': {'class_name': 'RandomNormal', 'config': {'stddev': -1.0}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument kernel_initializer=RandomNormal{stddev=-1.0} is not supported:"
                + " RANDOM_NORMAL stddev must be > 0.0, got -1.0"),
        Arguments.of(
            dense(
                "'kernel_initializer': {'class_name': 'RandomUniform', 'config': {'minval': 1.0, 'maxval': 0.5}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): argument kernel_initializer=RandomUniform{minval=1.0, maxval=0.5} is not supported:"
                + " RANDOM_UNIFORM minval must be <= maxval, got minval = 1.0 and maxval = 0.5"),
        Arguments.of(
            dense("'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'gain': 2}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): kernel_initializer GlorotUniform: argument gain=2 is"
                + " not supported"),
        Arguments.of(
            dense("'kernel_regularizer': {'class_name': 'OrthogonalRegularizer', 'config': {}}"),
            "[KerasUnsupportedValue] m.json: layer 'd' (Dense): kernel_regularizer 'OrthogonalRegularizer' is not"
                + " supported; supported: L1L2, L1, L2"),
        Arguments.of(
            first("Conv1D", "'filters': 2, 'kernel_size': [null]"),
            "[KerasFormat] m.json: layer 'l' (Conv1D):"
                + " argument kernel_size=[null] has an unknown (None) dimension; every dimension must be known"),
        Arguments.of(
            first(
                "Bidirectional",
                "'layer': {'class_name': 'Dense', 'config': {'name': 'd', 'units': 2}}"),
            "[KerasFormat] m.json: layer 'l' (Bidirectional): wraps a Dense; only LSTM, GRU and SimpleRNN can be"
                + " wrapped"),
        Arguments.of(
            first("Bidirectional", "'merge_mode': 'concat'"),
            "[KerasFormat] m.json: layer 'l' (Bidirectional): the Bidirectional layer has no wrapped 'layer'"),
        // Keras 1 spellings
        Arguments.of(
            first("LSTM", "'output_dim': 2, 'forget_bias_init': 'two'"),
            "[KerasUnsupportedValue] m.json:"
                + " layer 'l' (LSTM): argument forget_bias_init='two' is not supported (only 'one' or 'zero')"),
        Arguments.of(
            first("Embedding", "'input_dim': 5, 'output_dim': 2, 'dropout': 'some'"),
            "[KerasUnsupportedValue] m.json: layer 'l' (Embedding): argument dropout='some' is not supported"),
        Arguments.of(
            first("Convolution1D", "'nb_filter': 2, 'filter_length': 2, 'dim_ordering': 'th'"),
            "[KerasUnsupportedValue] m.json: layer 'l' (Convolution1D): argument dim_ordering='th' is not supported"
                + " (only 'tf', channels last)"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void isRefusedWithItsIdAndAMessageNamingWhatIsWrong(String json, String message) {
    KerasFormatException e =
        assertThrows(KerasFormatException.class, () -> KerasConfigReader.readJson(json, "m.json"));
    assertEquals(message, e.getMessage());
  }
}
