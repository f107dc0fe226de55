package io.github.kestimator.keras;

import static io.github.kestimator.keras.ConfigJson.show;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 1's layer arguments as Keras 2 spells them ({@code output_dim} to {@code units}, {@code
 * init} to {@code kernel_initializer}, {@code inner_activation} to {@code recurrent_activation},
 * ...), and defaults that changed since: a GRU config without {@code reset_after} predates it
 * (Keras 1, Keras 2 before 2.1.3), so it is {@code reset_after=False}. Keys Keras 2 never writes
 * for a class are the only ones renamed, so Keras 2 and 3 configs pass through unchanged. (Keras
 * 1's layer class names are {@link KerasIdentifiers#layerKind}'s.)
 */
final class Keras1Arguments {
  private final ConfigJson json;

  /** Where Keras 1's Embedding {@code dropout} is noted: only training uses it. */
  private final List<String> trainingNotes;

  Keras1Arguments(ConfigJson json, List<String> trainingNotes) {
    this.json = json;
    this.trainingNotes = trainingNotes;
  }

  /**
   * The config {@code c} of the layer {@code name} (of Keras class {@code cls}) in Keras 2's
   * spelling.
   */
  Map<String, Object> asKeras2(LayerKind kind, String name, String cls, Map<String, Object> c) {
    Map<String, Object> out = new LinkedHashMap<>(c);
    Map<String, String> renames = new LinkedHashMap<>();
    switch (kind) {
      case DENSE, LSTM, GRU, SIMPLE_RNN -> {
        renames.putAll(
            Map.of(
                "output_dim",
                "units",
                "init",
                "kernel_initializer",
                "W_regularizer",
                "kernel_regularizer",
                "b_regularizer",
                "bias_regularizer",
                "W_constraint",
                "kernel_constraint",
                "b_constraint",
                "bias_constraint",
                "bias",
                "use_bias"));
        renames.putAll(
            Map.of(
                "inner_init",
                "recurrent_initializer",
                "inner_activation",
                "recurrent_activation",
                "U_regularizer",
                "recurrent_regularizer",
                "U_constraint",
                "recurrent_constraint",
                "dropout_W",
                "dropout",
                "dropout_U",
                "recurrent_dropout"));
        for (String k : List.of("input_dim", "input_length", "input_dtype", "consume_less")) {
          out.remove(k); // the shape is in batch_input_shape; consume_less is an execution hint
        }
      }
      case EMBEDDING -> {
        renames.putAll(
            Map.of(
                "init",
                "embeddings_initializer",
                "W_regularizer",
                "embeddings_regularizer",
                "W_constraint",
                "embeddings_constraint"));
        out.remove("input_dtype");
        Object dropout =
            out.remove("dropout"); // Keras 1: drops whole embedding rows while training
        if (dropout instanceof Number n && n.doubleValue() != 0) {
          trainingNotes.add(
              "layer '"
                  + name
                  + "' ("
                  + cls
                  + "): Keras 1 dropout="
                  + dropout
                  + " (drops whole embedding"
                  + " rows while training)");
        } else if (dropout != null && !(dropout instanceof Number)) {
          throw json.refuse(
              Diagnostic.UNSUPPORTED_VALUE,
              name,
              cls,
              "argument dropout=" + show(dropout) + " is not supported");
        }
      }
      case DROPOUT -> renames.put("p", "rate");
      case CONV1D, CONV2D -> {
        renames.putAll(
            Map.of(
                "nb_filter",
                "filters",
                "init",
                "kernel_initializer",
                "border_mode",
                "padding",
                "W_regularizer",
                "kernel_regularizer",
                "b_regularizer",
                "bias_regularizer",
                "W_constraint",
                "kernel_constraint",
                "b_constraint",
                "bias_constraint",
                "bias",
                "use_bias",
                "subsample",
                "strides"));
        if (out.containsKey("filter_length") && !out.containsKey("kernel_size")) {
          out.put("kernel_size", List.of(out.remove("filter_length")));
        }
        if (out.containsKey("nb_row") && !out.containsKey("kernel_size")) {
          out.put("kernel_size", List.of(out.remove("nb_row"), out.remove("nb_col")));
        }
        if (out.containsKey("subsample_length") && !out.containsKey("strides")) {
          out.put("strides", List.of(out.remove("subsample_length")));
        }
        out.remove("input_dim");
        out.remove("input_length");
        dimOrdering(out, name, cls);
      }
      case MAX_POOLING1D, MAX_POOLING2D, AVERAGE_POOLING1D, AVERAGE_POOLING2D -> {
        renames.put("border_mode", "padding");
        if (out.containsKey("pool_length") && !out.containsKey("pool_size")) {
          out.put("pool_size", List.of(out.remove("pool_length")));
        }
        if (out.containsKey("stride") && !out.containsKey("strides")) {
          Object stride = out.remove("stride");
          out.put("strides", stride == null ? null : List.of(stride));
        }
        dimOrdering(out, name, cls);
      }
      case LEAKY_RELU -> renames.put("alpha", "negative_slope"); // Keras 2's name
      default -> {}
    }
    for (Map.Entry<String, String> r : renames.entrySet()) {
      if (out.containsKey(r.getKey()) && !out.containsKey(r.getValue())) {
        out.put(r.getValue(), out.remove(r.getKey()));
      }
    }
    if (kind == LayerKind.LSTM && out.containsKey("forget_bias_init")) {
      Object f = out.remove("forget_bias_init");
      if (!"one".equals(f) && !"zero".equals(f)) {
        throw json.refuse(
            Diagnostic.UNSUPPORTED_VALUE,
            name,
            cls,
            "argument forget_bias_init=" + show(f) + " is not supported (only 'one' or 'zero')");
      }
      out.put("unit_forget_bias", "one".equals(f));
    }
    if (kind == LayerKind.GRU && !out.containsKey("reset_after")) {
      out.put("reset_after", false);
    }
    return out;
  }

  /**
   * Keras 1's {@code dim_ordering}: {@code 'tf'} is Keras 2's channels_last; Theano's {@code 'th'}
   * is refused.
   */
  private void dimOrdering(Map<String, Object> c, String name, String cls) {
    if (c.containsKey("dim_ordering")) {
      Object d = c.remove("dim_ordering");
      if (!"tf".equals(d)) {
        throw json.refuse(
            Diagnostic.UNSUPPORTED_VALUE,
            name,
            cls,
            "argument dim_ordering=" + show(d) + " is not supported (only 'tf', channels last)");
      }
    }
  }
}
