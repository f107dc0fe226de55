package io.github.kestimator.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random model classes, most of them wrong in some way: bad parameter values, wrong wiring,
 * names that collide or are invalid, missing or odd compile settings, fields that are no layers,
 * even values javac itself rejects. Seeded, so a failure can be replayed.
 */
final class RandomModels {
  private static final String[] ACTIVATIONS = {"RELU", "SIGMOID", "SOFTMAX", "LINEAR", "TANH"};
  private static final String[] SHAPES = {
    "{}", "4", "{4, 8}", "{28, 28, 1}", "{0}", "{-1, 3}", "{1}"
  };
  private static final String[] INTS = {"-1", "0", "1", "3", "8", "64", "Integer.MAX_VALUE"};
  private static final String[] RATES = {"-0.1", "0", "0.5", "1.0", "Double.NaN"};
  private static final String[] KINDS = {
    "Dense",
    "Dense",
    "LSTM",
    "GRU",
    "SimpleRNN",
    "Dropout",
    "Embedding",
    "Conv1D",
    "Conv2D",
    "MaxPooling1D",
    "MaxPooling2D",
    "Flatten",
    "GlobalAveragePooling1D",
    "Concatenate",
    "Add",
    "Input",
    "Reshape",
    "BatchNormalization",
    "ActivationLayer"
  };
  private static final String[] NAMES = {
    "a", "b", "c", "dense", "my layer", "class", "a_input", "hashCode", "x1"
  };

  private final Random random;

  RandomModels(long seed) {
    random = new Random(seed);
  }

  /** The lines of a class named {@code name} (no package or imports). */
  List<String> model(String name) {
    List<String> lines = new ArrayList<>();
    lines.add(
        random.nextInt(10) == 0 ? "@KerasModel(name = \"" + pick(NAMES) + "\")" : "@KerasModel");
    if (random.nextInt(8) != 0) {
      lines.add(compile());
    }
    boolean nested = random.nextInt(15) == 0;
    if (nested) {
      lines.add("class " + name + " {");
      lines.add(pick(new String[] {"private static", "", "static"}) + " class Inner {");
    } else {
      lines.add((random.nextInt(20) == 0 ? "interface " : "class ") + name + " {");
    }
    int layers = random.nextInt(7);
    for (int i = 0; i < layers; i++) {
      lines.add("  " + field(i));
    }
    lines.add(nested ? "} }" : "}");
    return lines;
  }

  private String compile() {
    List<String> args = new ArrayList<>();
    if (random.nextInt(10) != 0) {
      args.add(
          "loss = "
              + pick(
                  new String[] {
                    "BINARY_CROSSENTROPY",
                    "CATEGORICAL_CROSSENTROPY",
                    "SPARSE_CATEGORICAL_CROSSENTROPY",
                    "Loss.MEAN_SQUARED_ERROR",
                    "HUBER"
                  }));
    }
    if (random.nextBoolean()) {
      args.add(
          "metrics = {"
              + String.join(
                  ", ",
                  pickSome(
                      new String[] {
                        "Metric.ACCURACY",
                        "Metric.AUC",
                        "Metric.PRECISION",
                        "Metric.SPARSE_CATEGORICAL_ACCURACY",
                        "Metric.TOP_K_CATEGORICAL_ACCURACY",
                        "Metric.AUC"
                      }))
              + "}");
    }
    if (random.nextInt(4) == 0) {
      args.add("fromLogits = true");
    }
    if (random.nextInt(3) == 0) {
      args.add(
          "optimizer = @Optimizer(value = "
              + pick(new String[] {"ADAM", "SGD", "RMSPROP", "FTRL"})
              + ", learningRate = "
              + pick(RATES)
              + ", momentum = "
              + pick(RATES)
              + ")");
    }
    return "@Compile(" + String.join(", ", args) + ")";
  }

  private String field(int index) {
    String field = "f" + index;
    int odd = random.nextInt(20);
    if (odd == 0) {
      return "Layer " + field + ";";
    }
    if (odd == 1) {
      return "@Dense(units = 1) @Dropout(rate = 0.5) Layer " + field + ";";
    }
    if (odd == 2) {
      return "@Dense(units = 1) String " + field + ";";
    }
    if (odd == 3) {
      return "@Dense(units = \"many\") Layer " + field + ";";
    }
    String kind = pick(KINDS);
    List<String> args =
        new ArrayList<>(
            switch (kind) {
              case "Dense" -> List.of("units = " + pick(INTS), "activation = " + pick(ACTIVATIONS));
              case "LSTM", "GRU", "SimpleRNN" ->
                  List.of("units = " + pick(INTS), "returnSequences = " + random.nextBoolean());
              case "Dropout" -> List.of("rate = " + pick(RATES));
              case "Embedding" ->
                  List.of(
                      "inputDim = " + pick(INTS),
                      "outputDim = " + pick(INTS),
                      "inputLength = " + pick(INTS));
              case "Conv1D" -> List.of("filters = " + pick(INTS), "kernelSize = " + pick(INTS));
              case "Conv2D" -> List.of("filters = " + pick(INTS), "kernelSize = " + pick(SHAPES));
              case "MaxPooling1D" -> List.of("poolSize = " + pick(INTS));
              case "MaxPooling2D" -> List.of("poolSize = " + pick(SHAPES));
              case "Input" ->
                  List.of(
                      "shape = " + pick(SHAPES),
                      "dtype = " + pick(new String[] {"FLOAT32", "INT32"}));
              case "Reshape" -> List.of("targetShape = " + pick(SHAPES));
              case "ActivationLayer" -> List.of("value = " + pick(ACTIVATIONS));
              default -> List.<String>of();
            });
    if (random.nextInt(3) == 0 && !kind.equals("Input")) {
      args.add(
          "from = {"
              + String.join(
                  ", ", pickSome(new String[] {"\"f0\"", "\"f1\"", "\"f2\"", "\"f9\"", "\"a\""}))
              + "}");
    }
    if (random.nextInt(6) == 0 && !kind.equals("Input")) {
      args.add("name = \"" + pick(NAMES) + "\"");
    }
    if (random.nextInt(3) == 0 && !kind.equals("Input")) {
      args.add("inputShape = " + pick(SHAPES));
    }
    String bidirectional = random.nextInt(10) == 0 ? "@Bidirectional " : "";
    return bidirectional + "@" + kind + "(" + String.join(", ", args) + ") Layer " + field + ";";
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private List<String> pickSome(String[] options) {
    List<String> out = new ArrayList<>();
    for (String o : options) {
      if (random.nextInt(3) == 0) {
        out.add(o);
      }
    }
    return out;
  }
}
