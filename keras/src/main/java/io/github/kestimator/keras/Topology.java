package io.github.kestimator.keras;

import static io.github.kestimator.keras.ConfigJson.string;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a model's layers connect, each layer read by {@link LayerArguments}: a Sequential's list, fed
 * by its first layer's input shape or by an InputLayer in front (tf.keras 2.4+, Keras 3), or a
 * Functional's graph, each layer fed by the layers its {@code inbound_nodes} name (Keras 2's nested
 * lists, Keras 3's {@code __keras_tensor__} arguments). Each layer's Keras 3 object path is added
 * to {@link ObjectPaths} in {@code model.layers} order.
 *
 * <p>A model used as a layer (a nested model), a layer called more than once (a shared layer) and
 * one reading another layer's second node or output are refused as {@link Diagnostic#UNSUPPORTED}
 * model features; call arguments other than {@code training} and {@code mask} as {@link
 * Diagnostic#UNSUPPORTED_VALUE}.
 *
 * <p>Masks: Keras 3 writes the ops that compute a layer's mask ({@code NotEqual} for an Embedding
 * with {@code mask_zero}, {@code Any(NotEqual)} for Masking, the merges' {@code LogicalOr}, ...)
 * into the functional graph and passes their output as the {@code mask} argument of the layers
 * downstream. Those ops, when nothing but masks reads them, are left out: the model derives every
 * mask itself from the layers that make, pass and consume them ({@code LayerKind}). A mask from
 * anything else (a layer's output, an input) is refused, and so is a mask made by ops for a layer
 * whose input carries no mask kestimator derives ({@link #checkMaskArguments}).
 */
final class Topology {
  private static final String INPUT_LAYER = LayerKind.INPUT.kerasName();

  /**
   * The ops Keras writes to compute masks, recognized by class where the config names no module
   * (the legacy {@code .h5}), and by a config without {@code trainable}, which every layer's has
   * (the {@code Concatenate} op joins the masks of a Concatenate layer).
   */
  private static final Set<String> MASK_OP_CLASSES =
      Set.of(
          "Concatenate",
          "NotEqual",
          "Any",
          "All",
          "LogicalOr",
          "LogicalAnd",
          "ExpandDims",
          "OnesLike",
          "ZerosLike",
          "Squeeze",
          "BroadcastTo");

  /** The class names of Keras models, which are layers too. */
  private static final Set<String> MODELS = Set.of("Sequential", "Functional", "Model");

  private final ConfigJson json;
  private final LayerArguments layers;

  /**
   * The layers the last {@link #functional} model calls with a {@code mask} made by ops, each with
   * the op passed and its class, for {@link #checkMaskArguments}.
   */
  private final Map<String, MaskCall> maskArguments = new LinkedHashMap<>();

  /** A layer of class {@code cls} called with {@code mask=} the output of op {@code op}. */
  private record MaskCall(String cls, String op, String opClass) {}

  Topology(ConfigJson json, LayerArguments layers) {
    this.json = json;
    this.layers = layers;
  }

  /** The layers of a Sequential model's {@code layers}, the first with the model's input shape. */
  List<LayerSpec> sequential(List<Object> rawLayers, ObjectPaths paths) {
    List<Map<String, Object>> configs = new ArrayList<>();
    rawLayers.forEach(o -> configs.add(json.map(o, "a layer")));
    if (configs.isEmpty()) {
      throw json.refuse(Diagnostic.FORMAT, "the Sequential model has no layers");
    }
    List<LayerSpec> out = new ArrayList<>();
    List<Integer> inputShape = null;
    String inputName = null;
    int start = 0;
    if (INPUT_LAYER.equals(string(configs.get(0).get("class_name")))) {
      // tf.keras 2.4+ and Keras 3 write the Sequential's input as a layer of its own; it is the
      // implicit input in front of the first real layer.
      Map<String, Object> c = json.map(configs.get(0).get("config"), "the InputLayer's config");
      inputName = string(c.get("name"));
      inputShape = layers.inputShape(c, inputName, INPUT_LAYER);
      start = 1;
      if (configs.size() == 1) {
        throw json.refuse(Diagnostic.FORMAT, "the Sequential model has only an InputLayer");
      }
    }
    for (int i = start; i < configs.size(); i++) {
      String cls = string(configs.get(i).get("class_name"));
      LayerSpec l = layer(configs.get(i), cls);
      paths.add(l.name(), cls);
      if (i == start) {
        l = first(l, cls, json.map(configs.get(i).get("config"), "config"), inputShape, inputName);
      }
      out.add(l);
    }
    return out;
  }

  /**
   * A Sequential model's first layer {@code l} with the model's input: the InputLayer's shape and
   * name, else the layer's own {@code batch_input_shape}.
   */
  private LayerSpec first(
      LayerSpec l, String cls, Map<String, Object> c, List<Integer> inputShape, String inputName) {
    List<Integer> shape = inputShape;
    if (shape == null && (c.containsKey("batch_input_shape") || c.containsKey("batch_shape"))) {
      shape = layers.batchShape(c, l.name(), cls);
    }
    if (shape == null) {
      throw json.refuse(
          Diagnostic.FORMAT,
          l.name(),
          cls,
          "the first layer of the Sequential model has no input shape"
              + " (batch_input_shape); build the model with an input shape before saving it");
    }
    Map<String, Object> args = new LinkedHashMap<>(l.args());
    if (!(l.kind() == LayerKind.EMBEDDING
        && args.get("inputLength") instanceof Number n
        && shape.equals(List.of(n.intValue())))) {
      args.put("inputShape", shape);
    }
    if (inputName != null && !inputName.equals(Names.inputOf(l.name()))) {
      args.put("inputName", inputName);
    }
    return new LayerSpec(l.name(), l.kind(), List.of(), args, l.wrapped());
  }

  /** The layers of a Functional model's config, each fed by the layers its inbound nodes name. */
  List<LayerSpec> functional(Map<String, Object> config, ObjectPaths paths) {
    List<Map<String, Object>> configs = new ArrayList<>();
    json.list(config.get("layers"), "config.layers")
        .forEach(o -> configs.add(json.map(o, "a layer")));
    Map<String, List<String>> inbound = new LinkedHashMap<>();
    Map<String, List<String>> masks = new LinkedHashMap<>();
    Map<String, String> classes = new HashMap<>();
    Set<String> ops = new HashSet<>();
    for (Map<String, Object> l : configs) {
      String cls = string(l.get("class_name"));
      String name = name(l, cls);
      classes.put(name, cls);
      List<String> maskRefs = new ArrayList<>();
      inbound.put(name, inbound(name, cls, l.get("inbound_nodes"), maskRefs));
      masks.put(name, maskRefs);
      String module = string(l.get("module"));
      boolean op =
          module == null
              ? cls != null
                  && MASK_OP_CLASSES.contains(cls)
                  && !json.map(l.get("config"), "a layer's config").containsKey("trainable")
              : module.startsWith("keras.src.ops") || module.startsWith("keras.ops");
      if (op) {
        ops.add(name);
      }
    }
    Set<String> maskOps = maskOps(config, inbound, masks, ops, classes);
    List<LayerSpec> out = new ArrayList<>();
    for (Map<String, Object> l : configs) {
      String cls = string(l.get("class_name"));
      String name = name(l, cls);
      if (maskOps.contains(name)) {
        continue;
      }
      if (!ops.contains(name)) { // operations are no model.layers
        paths.add(name, cls);
      }
      if (INPUT_LAYER.equals(cls)) {
        Map<String, Object> c = json.map(l.get("config"), "a layer's config");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("shape", layers.inputShape(c, name, cls));
        DType dtype = layers.inputDtype(c, name, cls);
        // Keras casts a float input to ids inside Embedding; the spec wants int32 ids up front.
        List<String> readers =
            inbound.entrySet().stream()
                .filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey)
                .toList();
        boolean onlyEmbeddings =
            !readers.isEmpty()
                && readers.stream()
                    .allMatch(r -> LayerKind.EMBEDDING.kerasName().equals(classes.get(r)));
        if (dtype == DType.INT32 || onlyEmbeddings) {
          args.put("dtype", DType.INT32);
        } else if (dtype == DType.STRING) {
          args.put("dtype", DType.STRING);
        }
        args.put("inputName", name); // a functional input is fed by its own Keras name
        out.add(new LayerSpec(name, LayerKind.INPUT, List.of(), args, null));
      } else {
        LayerSpec s = layer(l, cls);
        List<String> from = inbound.get(name);
        if (from.isEmpty()) {
          throw json.refuse(
              Diagnostic.FORMAT,
              name,
              cls,
              "the layer has no inbound nodes: it is not connected to the" + " model's inputs");
        }
        out.add(new LayerSpec(s.name(), s.kind(), from, s.args(), s.wrapped()));
      }
    }
    return out;
  }

  /**
   * The ops that compute nothing but masks: those passed as a layer's {@code mask} argument and the
   * ops feeding them, when no layer reads them as data and none is a model output. A mask that
   * comes from anything else is refused.
   */
  private Set<String> maskOps(
      Map<String, Object> config,
      Map<String, List<String>> inbound,
      Map<String, List<String>> masks,
      Set<String> ops,
      Map<String, String> classes) {
    Set<String> maskOps = new HashSet<>();
    List<String> todo = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : masks.entrySet()) {
      for (String m : e.getValue()) {
        if (!ops.contains(m)) {
          throw json.refuse(
              Diagnostic.UNSUPPORTED_VALUE,
              e.getKey(),
              classes.get(e.getKey()),
              "the layer is called with mask= the output of '"
                  + m
                  + "', which is not supported: kestimator derives masks itself from Embedding"
                  + " (mask_zero=True) and Masking layers, and takes no mask given by hand");
        }
        todo.add(m);
        maskArguments.putIfAbsent(
            e.getKey(), new MaskCall(classes.get(e.getKey()), m, classes.get(m)));
      }
    }
    while (!todo.isEmpty()) {
      String m = todo.remove(todo.size() - 1);
      if (maskOps.add(m)) {
        inbound.getOrDefault(m, List.of()).stream().filter(ops::contains).forEach(todo::add);
      }
    }
    Set<String> outputs = new HashSet<>();
    collectNames(config.get("output_layers"), outputs);
    for (Map.Entry<String, List<String>> e : inbound.entrySet()) {
      if (maskOps.contains(e.getKey())) {
        continue;
      }
      for (String from : e.getValue()) {
        if (maskOps.contains(from)) {
          maskOps.remove(from); // read as data too: a real op, refused as such later
        }
      }
    }
    maskOps.removeAll(outputs);
    return maskOps;
  }

  /**
   * Refuses a layer the {@link #functional} model {@code read} calls with a {@code mask} while that
   * model, analyzed, derives no mask for any of the layer's inputs: a mask made by hand (ops on the
   * ids, say {@code mask=ops.not_equal(ids, 3)}) that kestimator would ignore. A mask kestimator
   * derives is taken to be the one Keras passes (the ops Keras writes for Embedding's {@code
   * mask_zero} and Masking). A model the analysis refuses is left to the caller's analysis.
   */
  void checkMaskArguments(KerasModel read) {
    if (maskArguments.isEmpty()) {
      return;
    }
    // masks depend neither on the sequence length nor on the loss (a long length, so that no
    // convolution or pooling window is too large for it)
    ModelAnalyzer.Analysis a =
        ModelAnalyzer.analyze(
            read.withMaxSequenceLength(1024)
                .toSpec(
                    new CompileSpec(
                        OptimizerSpec.of(OptimizerType.ADAM),
                        Loss.MEAN_SQUARED_ERROR,
                        false,
                        List.of())));
    if (!a.ok()) {
      return;
    }
    Model model = a.model();
    for (Map.Entry<String, MaskCall> e : maskArguments.entrySet()) {
      Layer l = model.layer(e.getKey()).orElse(null);
      if (l == null
          || l.inbound().stream()
              .map(model::layer)
              .flatMap(Optional::stream)
              .anyMatch(Layer::masked)) {
        continue;
      }
      MaskCall call = e.getValue();
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          e.getKey(),
          call.cls(),
          "the layer is called with mask= the output of op '"
              + call.op()
              + "' ("
              + call.opClass()
              + "), but its input "
              + l.inbound()
              + " carries no mask kestimator derives: a mask made by hand is not supported;"
              + " kestimator derives masks itself from Embedding (mask_zero=True) and Masking"
              + " layers");
    }
  }

  /** The layer names of Keras' {@code output_layers} ({@code [[name, 0, 0], ...]}). */
  private static void collectNames(Object o, Set<String> names) {
    if (o instanceof List<?> l) {
      if (!l.isEmpty() && l.get(0) instanceof String n) {
        names.add(n);
      } else {
        l.forEach(e -> collectNames(e, names));
      }
    }
  }

  /** One layer of the model, without inputs; a model used as a layer is refused. */
  private LayerSpec layer(Map<String, Object> l, String cls) {
    if (cls != null && MODELS.contains(cls)) {
      Map<String, Object> c = json.map(l.get("config"), "a layer's config");
      String name = string(c.get("name")) != null ? string(c.get("name")) : string(l.get("name"));
      throw json.refuse(
          Diagnostic.UNSUPPORTED,
          name,
          cls,
          "the layer is a model of its own (a nested model); nested" + " models are not supported");
    }
    return layers.layer(l);
  }

  /** A functional layer's name: its own {@code name}, else its config's. */
  private String name(Map<String, Object> l, String cls) {
    Map<String, Object> c = json.map(l.get("config"), "a layer's config");
    String name = string(l.get("name")) != null ? string(l.get("name")) : string(c.get("name"));
    if (name == null) {
      throw json.refuse(Diagnostic.FORMAT, "a " + cls + " layer has no name");
    }
    return name;
  }

  /**
   * The names of the layers feeding {@code layer}, from Keras 2 or Keras 3 {@code inbound_nodes}.
   */
  private List<String> inbound(String layer, String cls, Object nodes, List<String> maskRefs) {
    if (nodes == null) {
      return List.of();
    }
    List<Object> l = json.list(nodes, "inbound_nodes of '" + layer + "'");
    if (l.isEmpty()) {
      return List.of();
    }
    if (l.size() > 1) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED,
          layer,
          cls,
          "the layer is called "
              + l.size()
              + " times (a shared"
              + " layer); shared layers are not supported");
    }
    List<String> names = new ArrayList<>();
    Object node = l.get(0);
    if (node
        instanceof List<?> tensors) { // Keras 2: [[name, node_index, tensor_index, kwargs], ...]
      for (Object t : tensors) {
        List<Object> ref = json.list(t, "an inbound tensor of '" + layer + "'");
        if (ref.size() >= 4 && ref.get(3) instanceof Map<?, ?> kw) {
          checkCallKwargs(layer, cls, kw);
        }
        names.add(history(layer, cls, ref));
      }
    } else {
      Map<String, Object> n = json.map(node, "an inbound node of '" + layer + "'");
      if (n.get("kwargs") instanceof Map<?, ?> kw) {
        Map<Object, Object> rest = new LinkedHashMap<>(kw);
        Object mask = rest.remove("mask");
        if (mask != null) {
          collectTensors(layer, cls, mask, maskRefs);
        }
        checkCallKwargs(layer, cls, rest);
      }
      collectTensors(layer, cls, n.get("args"), names);
    }
    return names;
  }

  /**
   * The layers whose outputs Keras 3's call arguments {@code o} ({@code __keras_tensor__}s, nested
   * in lists) name.
   */
  private void collectTensors(String layer, String cls, Object o, List<String> names) {
    if (o instanceof List<?> l) {
      for (Object e : l) {
        collectTensors(layer, cls, e, names);
      }
    } else if (o instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name"))) {
      Map<String, Object> c = json.map(m.get("config"), "a __keras_tensor__");
      names.add(history(layer, cls, json.list(c.get("keras_history"), "keras_history")));
    }
  }

  /**
   * The layer a reference {@code [name, node_index, tensor_index, ...]} names; only node 0's output
   * 0 is read.
   */
  private String history(String layer, String cls, List<Object> ref) {
    if (ref.size() < 3
        || !(ref.get(0) instanceof String from)
        || !(ref.get(1) instanceof Number node)
        || !(ref.get(2) instanceof Number tensor)) {
      throw json.refuse(Diagnostic.FORMAT, layer, cls, "cannot read the inbound reference " + ref);
    }
    if (node.intValue() != 0 || tensor.intValue() != 0) {
      throw json.refuse(
          Diagnostic.UNSUPPORTED,
          layer,
          cls,
          "the layer reads node "
              + ref.get(1)
              + ", tensor "
              + ref.get(2)
              + " of '"
              + from
              + "': shared layers and layers with several outputs are not supported");
    }
    return from;
  }

  /** Refuses call arguments other than {@code training} and unset ones ({@code mask=None}). */
  private void checkCallKwargs(String layer, String cls, Map<?, ?> kwargs) {
    for (Map.Entry<?, ?> e : kwargs.entrySet()) {
      Object v = e.getValue();
      if (v == null || "training".equals(e.getKey())) {
        continue;
      }
      throw json.refuse(
          Diagnostic.UNSUPPORTED_VALUE,
          layer,
          cls,
          "the layer is called with " + e.getKey() + "=" + v + ", which is not supported");
    }
  }
}
