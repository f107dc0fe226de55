package io.github.kestimator.runtime.layers;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.model.ParamType;
import io.github.kestimator.model.Regularizer;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small model per layer kind ({@link LayerKind#values()}) and, for a kind with regularizer
 * parameters (read from {@link LayerKind#params()}), per regularizer: none, l1, l2 and l1_l2 on
 * every one of them. Each model is the layer on a small input, followed by a Dense(1) head. The
 * Activation layer runs once per activation function. Required parameters get small values by name;
 * a new kind with a parameter this class does not know fails here, so that it is not left out. Then
 * every loss (from probabilities, and from logits where Keras allows it) and every optimizer (SGD
 * also with clipNorm and with clipValue) on a small Dense model.
 */
final class KindCases {
  static final Map<String, Regularizer> REGULARIZERS = regularizers();

  private KindCases() {}

  private static Map<String, Regularizer> regularizers() {
    Map<String, Regularizer> m = new LinkedHashMap<>();
    m.put("none", Regularizer.NONE);
    m.put("l1", new Regularizer(0.01, 0));
    m.put("l2", new Regularizer(0, 0.01));
    m.put("l1_l2", new Regularizer(0.01, 0.01));
    return m;
  }

  /** Every case by id ({@code <Keras class>/<regularizer>}), in kind order. */
  static Map<String, Model> all() {
    Map<String, Model> out = new LinkedHashMap<>();
    for (LayerKind kind : LayerKind.values()) {
      List<LayerKind> inner =
          kind == LayerKind.BIDIRECTIONAL
              ? List.of(LayerKind.LSTM, LayerKind.GRU, LayerKind.SIMPLE_RNN)
              : java.util.Collections.singletonList(null);
      if (kind
          == LayerKind
              .ACTIVATION_LAYER) { // every activation function: each is its own ops and gradient
        for (Activation a : Activation.values()) {
          out.put(
              kind.kerasName() + "(" + a.name().toLowerCase(java.util.Locale.ROOT) + ")",
              TestModels.model(
                  Loss.MEAN_SQUARED_ERROR,
                  adam(0.01),
                  layer("l", kind, "activation", a, "inputShape", List.of(2, 3)),
                  layer("head", LayerKind.DENSE, "units", 1)));
        }
        continue;
      }
      for (LayerKind wrapped : inner) {
        boolean regularizable =
            (wrapped == null ? kind : wrapped)
                .params().stream().anyMatch(p -> p.type() == ParamType.REGULARIZER);
        for (var r : REGULARIZERS.entrySet()) {
          if (!regularizable && !r.getValue().isNone()) {
            continue;
          }
          String id =
              kind.kerasName()
                  + (wrapped == null ? "" : "(" + wrapped.kerasName() + ")")
                  + (regularizable ? "/" + r.getKey() : "");
          out.put(id, model(kind, wrapped, r.getValue()));
        }
      }
    }
    // Every loss (its gradient is part of every train step), from probabilities and from logits.
    for (Loss loss : Loss.values()) {
      for (boolean logits : new boolean[] {false, true}) {
        boolean classes = loss.isMultiClass() || loss == Loss.KL_DIVERGENCE;
        if (logits && !loss.isMultiClass() && loss != Loss.BINARY_CROSSENTROPY) {
          continue;
        }
        Activation act =
            logits
                ? Activation.LINEAR
                : classes
                    ? Activation.SOFTMAX
                    : loss == Loss.BINARY_CROSSENTROPY
                        ? Activation.SIGMOID
                        : loss == Loss.POISSON ? Activation.SOFTPLUS : Activation.LINEAR;
        Model m =
            TestModels.model(
                loss,
                logits,
                adam(0.01),
                List.of(),
                layer(
                    "l",
                    LayerKind.DENSE,
                    "units",
                    classes ? 3 : 1,
                    "activation",
                    act,
                    "inputShape",
                    List.of(3)));
        out.put("loss/" + loss.keras() + (logits ? "(logits)" : ""), m);
      }
    }
    // Every optimizer; Keras' gradient clipping (the same ops before any optimizer's update) with
    // SGD.
    for (OptimizerType type : OptimizerType.values()) {
      for (String clip :
          type == OptimizerType.SGD
              ? new String[] {"", "clipNorm", "clipValue"}
              : new String[] {""}) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (!clip.isEmpty()) {
          args.put(clip, 0.5);
        }
        out.put(
            "optimizer/"
                + type.name().toLowerCase(java.util.Locale.ROOT)
                + (clip.isEmpty() ? "" : "(" + clip + ")"),
            TestModels.model(
                Loss.MEAN_SQUARED_ERROR,
                false,
                new OptimizerSpec(type, args),
                List.of(),
                layer(
                    "l",
                    LayerKind.DENSE,
                    "units",
                    2,
                    "kernelRegularizer",
                    new Regularizer(0.01, 0.01),
                    "inputShape",
                    List.of(3)),
                layer("head", LayerKind.DENSE, "units", 1)));
      }
    }
    return out;
  }

  static Model model(LayerKind kind, LayerKind wrapped, Regularizer r) {
    LayerSpec head = layer("head", LayerKind.DENSE, "units", 1);
    List<Integer> shape =
        switch (kind) {
          case LSTM, GRU, SIMPLE_RNN, BIDIRECTIONAL ->
              List.of(3, 2); // few steps: each is unrolled into the graph
          case CONV1D,
              MAX_POOLING1D,
              AVERAGE_POOLING1D,
              GLOBAL_AVERAGE_POOLING1D,
              GLOBAL_MAX_POOLING1D ->
              List.of(6, 3);
          case CONV2D,
              MAX_POOLING2D,
              AVERAGE_POOLING2D,
              GLOBAL_AVERAGE_POOLING2D,
              GLOBAL_MAX_POOLING2D ->
              List.of(6, 6, 2);
          case RESHAPE -> List.of(6);
          default -> List.of(2, 3);
        };
    Loss mse = Loss.MEAN_SQUARED_ERROR;
    if (kind == LayerKind.INPUT) {
      return TestModels.model(mse, adam(0.01), layer("in", kind, "shape", shape), head);
    }
    if (kind == LayerKind.CONCATENATE || kind == LayerKind.ADD) {
      return TestModels.model(
          mse,
          adam(0.01),
          layer("a", LayerKind.INPUT, "shape", shape),
          layer("b", LayerKind.INPUT, "shape", shape),
          new LayerSpec("l", kind, List.of("a", "b"), args(kind, r), null),
          head);
    }
    Model preprocessing = preprocessing(kind, head);
    if (preprocessing != null) {
      return preprocessing;
    }
    if (kind == LayerKind.MASKING) { // a mask must be consumed before the output
      return TestModels.model(
          mse,
          adam(0.01),
          layer("l", kind, "inputShape", shape),
          layer("r", LayerKind.LSTM, "units", 2),
          head);
    }
    Map<String, Object> args = args(kind, r);
    if (kind == LayerKind.EMBEDDING) {
      args.put("inputLength", 3);
    } else {
      args.put("inputShape", shape);
    }
    LayerSpec l =
        new LayerSpec(
            "l",
            kind,
            List.of(),
            args,
            wrapped == null ? null : LayerSpec.of("l", wrapped, args(wrapped, r)));
    return TestModels.model(mse, adam(0.01), l, head);
  }

  /**
   * The preprocessing kinds, with their state given (no adapt) and followed by what makes a
   * trainable model of them: int ids into an Embedding, bins into a CategoryEncoding; null for
   * other kinds.
   */
  static Model preprocessing(LayerKind kind, LayerSpec head) {
    Loss mse = Loss.MEAN_SQUARED_ERROR;
    List<String> words = List.of("a", "b", "c");
    return switch (kind) {
      case TEXT_VECTORIZATION ->
          TestModels.model(
              mse,
              adam(0.01),
              layer("l", kind, "vocabulary", words, "outputSequenceLength", 4),
              layer("e", LayerKind.EMBEDDING, "inputDim", 5, "outputDim", 2),
              layer("f", LayerKind.FLATTEN),
              head);
      case STRING_LOOKUP ->
          TestModels.model(
              mse,
              adam(0.01),
              layer(
                  "l",
                  kind,
                  "vocabulary",
                  words,
                  "outputMode",
                  "multi_hot",
                  "inputShape",
                  List.of(2)),
              head);
      case INTEGER_LOOKUP ->
          TestModels.model(
              mse,
              adam(0.01),
              layer(
                  "l",
                  kind,
                  "vocabulary",
                  List.of(1L, 2L, 3L),
                  "outputMode",
                  "count",
                  "maskToken",
                  List.of(0L),
                  "inputShape",
                  List.of(2)),
              head);
      case HASHING ->
          TestModels.model(
              mse,
              adam(0.01),
              layer("l", kind, "numBins", 4, "salt", List.of(7L), "inputShape", List.of(2)),
              layer("c", LayerKind.CATEGORY_ENCODING, "numTokens", 4),
              head);
      case NORMALIZATION ->
          TestModels.model(
              mse,
              adam(0.01),
              layer(
                  "l",
                  kind,
                  "mean",
                  List.of(0.5, 0.0, -1.0),
                  "variance",
                  List.of(2.0, 1.0, 0.25),
                  "inputShape",
                  List.of(2, 3)),
              head);
      case DISCRETIZATION ->
          TestModels.model(
              mse,
              adam(0.01),
              layer("l", kind, "binBoundaries", List.of(-0.5, 0.5), "inputShape", List.of(3)),
              layer("c", LayerKind.CATEGORY_ENCODING, "numTokens", 3, "outputMode", "count"),
              head);
      case CATEGORY_ENCODING ->
          TestModels.model(
              mse,
              adam(0.01),
              layer("l", kind, "numTokens", 5, "outputMode", "one_hot", "inputShape", List.of(1)),
              head);
      default -> null;
    };
  }

  /**
   * Values for every required parameter, {@code r} for every regularizer, dropout on recurrent
   * layers.
   */
  static Map<String, Object> args(LayerKind kind, Regularizer r) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (ParamDef p : kind.params()) {
      if (p.type() == ParamType.REGULARIZER) {
        args.put(p.name(), r);
      } else if (p.defaultValue() == null) {
        args.put(p.name(), required(kind, p));
      }
    }
    if (kind.isRecurrent()) {
      args.put("dropout", 0.2);
      args.put("recurrentDropout", 0.2);
    }
    return args;
  }

  private static Object required(LayerKind kind, ParamDef p) {
    return switch (p.name()) {
      case "units", "outputDim", "filters" -> 2;
      case "inputDim" -> 5;
      case "inputLength" -> 3;
      case "kernelSize" -> List.of(2);
      case "rate" -> 0.3;
      case "targetShape" -> List.of(2, 3);
      case "activation" -> Activation.TANH;
      default ->
          throw new IllegalStateException(
              kind.kerasName()
                  + "."
                  + p.name()
                  + " is required and KindCases has no value for it: add one, so the kind is tested");
    };
  }

  /** The ids split into {@code n} batches of about equal size, in order. */
  static List<List<String>> batches(List<String> ids, int n) {
    List<List<String>> out = new ArrayList<>();
    int size = (ids.size() + n - 1) / n;
    for (int i = 0; i < ids.size(); i += size) {
      out.add(new ArrayList<>(ids.subList(i, Math.min(ids.size(), i + size))));
    }
    return out;
  }
}
