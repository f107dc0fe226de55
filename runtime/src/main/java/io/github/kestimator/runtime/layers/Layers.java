package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.LayerKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one table from layer kind to its builder. Adding a layer kind: one new class and one row
 * here.
 */
public final class Layers {
  private static final Map<LayerKind, LayerBuilder> TABLE = new EnumMap<>(LayerKind.class);

  static {
    TABLE.put(LayerKind.INPUT, new InputLayer());
    TABLE.put(LayerKind.DENSE, new Dense());
    TABLE.put(LayerKind.EMBEDDING, new Embedding());
    TABLE.put(LayerKind.LSTM, new Lstm());
    TABLE.put(LayerKind.GRU, new Gru());
    TABLE.put(LayerKind.SIMPLE_RNN, new SimpleRnn());
    TABLE.put(LayerKind.BIDIRECTIONAL, new Bidirectional());
    TABLE.put(LayerKind.DROPOUT, new Dropout());
    TABLE.put(LayerKind.MASKING, new Masking());
    TABLE.put(LayerKind.FLATTEN, new Flatten());
    TABLE.put(LayerKind.RESHAPE, new Flatten());
    TABLE.put(LayerKind.ACTIVATION_LAYER, new ActivationLayer());
    TABLE.put(LayerKind.LEAKY_RELU, new LeakyRelu());
    TABLE.put(LayerKind.PRELU, new PRelu());
    TABLE.put(LayerKind.ELU, new Elu());
    TABLE.put(LayerKind.RELU, new Relu());
    TABLE.put(LayerKind.SOFTMAX, new Softmax());
    TABLE.put(LayerKind.CONV1D, new Conv(1));
    TABLE.put(LayerKind.CONV2D, new Conv(2));
    TABLE.put(LayerKind.MAX_POOLING1D, new Pooling(1, true));
    TABLE.put(LayerKind.MAX_POOLING2D, new Pooling(2, true));
    TABLE.put(LayerKind.AVERAGE_POOLING1D, new Pooling(1, false));
    TABLE.put(LayerKind.AVERAGE_POOLING2D, new Pooling(2, false));
    TABLE.put(LayerKind.GLOBAL_AVERAGE_POOLING1D, new GlobalPooling(1, false));
    TABLE.put(LayerKind.GLOBAL_AVERAGE_POOLING2D, new GlobalPooling(2, false));
    TABLE.put(LayerKind.GLOBAL_MAX_POOLING1D, new GlobalPooling(1, true));
    TABLE.put(LayerKind.GLOBAL_MAX_POOLING2D, new GlobalPooling(2, true));
    TABLE.put(LayerKind.BATCH_NORMALIZATION, new BatchNormalization());
    TABLE.put(LayerKind.LAYER_NORMALIZATION, new LayerNormalization());
    TABLE.put(LayerKind.CONCATENATE, new Concatenate());
    TABLE.put(LayerKind.ADD, new Add());
    TABLE.put(LayerKind.TEXT_VECTORIZATION, new TextVectorization());
    TABLE.put(LayerKind.STRING_LOOKUP, new IndexLookup());
    TABLE.put(LayerKind.INTEGER_LOOKUP, new IndexLookup());
    TABLE.put(LayerKind.HASHING, new Hashing());
    TABLE.put(LayerKind.NORMALIZATION, new Normalization());
    TABLE.put(LayerKind.DISCRETIZATION, new Discretization());
    TABLE.put(LayerKind.CATEGORY_ENCODING, new CategoryEncoding());
  }

  private Layers() {}

  /** The builder of {@code kind}. */
  public static LayerBuilder of(LayerKind kind) {
    LayerBuilder b = TABLE.get(kind);
    if (b == null) {
      throw new IllegalArgumentException("no graph builder for layer kind " + kind.kerasName());
    }
    return b;
  }
}
