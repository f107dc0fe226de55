package io.github.kestimator.runtime.layers;

import io.github.kestimator.spec.LayerKind;
import java.util.EnumMap;
import java.util.Map;

/** The one table from layer kind to its builder. Adding a layer kind: one new class and one row here. */
public final class Layers {
  private static final Map<LayerKind, LayerBuilder> TABLE = new EnumMap<>(LayerKind.class);

  static {
    TABLE.put(LayerKind.INPUT, new InputLayer());
    TABLE.put(LayerKind.DENSE, new Dense());
    TABLE.put(LayerKind.EMBEDDING, new Embedding());
    TABLE.put(LayerKind.LSTM, new Lstm());
    TABLE.put(LayerKind.DROPOUT, new Dropout());
  }

  private Layers() {}

  /** The builder of {@code kind}. */
  public static LayerBuilder of(LayerKind kind) {
    LayerBuilder b = TABLE.get(kind);
    if (b == null) {
      throw new UnsupportedOperationException("no graph builder for layer kind " + kind.kerasName() + " yet");
    }
    return b;
  }
}
