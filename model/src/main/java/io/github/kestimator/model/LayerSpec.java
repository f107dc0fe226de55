package io.github.kestimator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer as the user (or a Keras file) wrote it, before validation.
 *
 * @param name the layer's name: the field name unless the annotation gives one
 * @param kind what the layer is
 * @param from names of the layers feeding this one; empty means the previous layer (or, for the
 *     first layer, the model's implicit input)
 * @param args parameter values as written (raw: numbers, strings, enums, lists); missing ones take
 *     {@link LayerKind}'s defaults when the model is analyzed
 * @param wrapped for {@link LayerKind#BIDIRECTIONAL}, the recurrent layer it wraps; else null
 */
public record LayerSpec(
    String name, LayerKind kind, List<String> from, Map<String, Object> args, LayerSpec wrapped) {
  public LayerSpec {
    from = List.copyOf(from);
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  public static LayerSpec of(String name, LayerKind kind, Map<String, Object> args) {
    return new LayerSpec(name, kind, List.of(), args, null);
  }

  public LayerSpec from(String... inbound) {
    return new LayerSpec(name, kind, List.of(inbound), args, wrapped);
  }
}
