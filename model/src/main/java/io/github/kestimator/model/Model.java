package io.github.kestimator.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated model, produced only by {@link ModelAnalyzer}: layers in topological order (input
 * layers materialized), features, outputs, the resolved optimizer parameters and metrics.
 *
 * @param optimizer every parameter the optimizer takes ({@link OptimizerType#params()}): the given
 *     value, or Keras' default for that optimizer
 * @param losses each output's loss, loss weight and metrics, in the order of {@code outputs}: the
 *     compile settings' one loss for every output (weight 1), or its per-output settings
 */
public record Model(
    String name,
    List<Layer> layers,
    List<Feature> features,
    List<Output> outputs,
    CompileSpec compile,
    Params optimizer,
    List<OutputLoss> losses,
    List<CompiledMetric> metrics) {

  public Model {
    layers = List.copyOf(layers);
    features = List.copyOf(features);
    outputs = List.copyOf(outputs);
    losses = List.copyOf(losses);
    metrics = List.copyOf(metrics);
  }

  /**
   * The keys each output's own (unweighted) loss is reported under, in output order: Keras' {@code
   * <output>_loss} ({@code price_loss}) when the model has several outputs; none with one output,
   * whose loss is the total, {@code loss}. The total is the sum of each {@code weight * loss} (plus
   * the weights' penalties).
   */
  public List<String> outputLossKeys() {
    return outputs.size() < 2 ? List.of() : outputs.stream().map(o -> o.layer() + "_loss").toList();
  }

  public Optional<Layer> layer(String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  public long paramCount() {
    return layers.stream().mapToLong(Layer::paramCount).sum();
  }

  public long trainableParamCount() {
    return layers.stream().mapToLong(Layer::trainableParamCount).sum();
  }

  /** The optimizer's learning rate: the given one, or Keras' default for that optimizer. */
  public double learningRate() {
    return optimizer.getDouble("learningRate");
  }

  /**
   * The table Keras' {@code model.summary()} prints: layer (kind), output shape, parameter count,
   * then the totals. Sequential models leave out their implicit input layer.
   */
  public String summary() {
    String rule = "_".repeat(78);
    StringBuilder b = new StringBuilder();
    b.append("Model: \"").append(name).append("\"\n").append(rule).append('\n');
    b.append(
        String.format(
            Locale.ROOT, " %-38s %-24s %-12s%n", "Layer (type)", "Output Shape", "Param #"));
    b.append("=".repeat(78)).append('\n');
    for (Layer l : layers) {
      if (l.implicit()) {
        continue;
      }
      String kind =
          l.wrapped() == null
              ? l.kind().kerasName()
              : l.kind().kerasName() + "(" + l.wrapped().kind().kerasName() + ")";
      b.append(
          String.format(
              Locale.ROOT,
              " %-38s %-24s %-12s%n",
              l.name() + " (" + kind + ")",
              l.outputShape().keras(),
              group(l.paramCount())));
    }
    b.append("=".repeat(78)).append('\n');
    b.append("Total params: ").append(group(paramCount())).append('\n');
    b.append("Trainable params: ").append(group(trainableParamCount())).append('\n');
    b.append("Non-trainable params: ")
        .append(group(paramCount() - trainableParamCount()))
        .append('\n');
    b.append(rule).append('\n');
    return b.toString();
  }

  private static String group(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
