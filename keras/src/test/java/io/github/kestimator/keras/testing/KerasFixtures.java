package io.github.kestimator.keras.testing;

import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Keras 3 fixtures committed under {@code fixtures/keras3} at the repository root: models saved
 * by real Keras with their inputs and Keras' predictions, and training-parity runs (see that
 * folder's README). Shared by the test suites of every module that reads Keras files (this module's
 * test-jar). Found by walking up from the working directory; a missing folder fails the test.
 */
public final class KerasFixtures {
  private KerasFixtures() {}

  /**
   * How close a prediction must be to Keras' to pass: {@link #maxRelativeDifference} at most this.
   */
  public static final double TOLERANCE = 1e-5;

  /**
   * The largest {@code |got - want| / max(|want|, 1e-3)}: relative, with a floor for values near 0.
   *
   * @param what names the values in the error when the lengths differ
   */
  public static double maxRelativeDifference(String what, float[] want, float[] got) {
    if (got == null || want.length != got.length) {
      throw new IllegalStateException(
          what
              + ": Keras has "
              + want.length
              + " values, got "
              + (got == null ? "none" : got.length));
    }
    double max = 0;
    for (int i = 0; i < want.length; i++) {
      max = Math.max(max, Math.abs((double) got[i] - want[i]) / Math.max(Math.abs(want[i]), 1e-3));
    }
    return max;
  }

  /** One saved model: {@code models/<name>/}. */
  public record ModelFixture(
      String name, String notes, List<String> inputs, List<String> outputs, Path dir) {
    /** {@code model.save("model.keras")}. */
    public Path keras() {
      return dir.resolve("model.keras");
    }

    /** {@code model.save("model.h5")}, legacy HDF5. */
    public Path h5() {
      return dir.resolve("model.h5");
    }

    /** {@code model.to_json()}. */
    public Path json() {
      return dir.resolve("model.json");
    }

    /** {@code model.save_weights("model.weights.h5")}. */
    public Path weights() {
      return dir.resolve("model.weights.h5");
    }

    /** The {@code .npy} Keras was given for the input {@code input}. */
    public Path input(String input) {
      return dir.resolve("input_" + input + ".npy");
    }

    /** The {@code .npy} of what Keras predicted for the output layer {@code output}. */
    public Path output(String output) {
      return dir.resolve("output_" + output + ".npy");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One training-parity run: {@code parity/<model>_<optimizer>/}.
   *
   * @param loss Keras' loss as compiled: a string, or the JSON of a dict per output
   * @param output the (first) output
   * @param outputs every output, in output order
   * @param evaluate for a run with several outputs, Keras' {@code model.evaluate(return_dict=True)}
   *     of the trained model on the first {@code evaluateBatches} batches; else empty
   */
  public record ParityRun(
      String name,
      String model,
      String optimizer,
      Map<String, Object> optimizerConfig,
      String loss,
      List<String> inputs,
      String output,
      int steps,
      int batch,
      Path dir,
      List<String> outputs,
      Map<String, Object> evaluate,
      int evaluateBatches) {
    /** The compiled model before the first step. */
    public Path initial() {
      return dir.resolve("initial.keras");
    }

    /** The batches of input {@code input}, stacked {@code [steps, batch, ...]}. */
    public Path x(String input) {
      return dir.resolve("x_" + input + ".npy");
    }

    /** The targets, stacked {@code [steps, batch, ...]}. */
    public Path y() {
      return y(output);
    }

    /** The targets of output {@code output}, stacked {@code [steps, batch, ...]}. */
    public Path y(String output) {
      return dir.resolve("y_" + output + ".npy");
    }

    /** Keras' loss at each step (float64). */
    public Path losses() {
      return dir.resolve("losses.npy");
    }

    /** The weights after the last step. */
    public Path finalWeights() {
      return dir.resolve("final.weights.h5");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The {@code fixtures/keras3} folder. */
  public static Path root() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("fixtures").resolve("keras3");
      if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no fixtures/keras3/manifest.json in " + start + " or above it");
  }

  /** Every saved model, in the manifest's order. */
  public static List<ModelFixture> models() {
    Path root = root();
    List<ModelFixture> out = new ArrayList<>();
    for (Object o : list(manifest(root).get("models"))) {
      Map<String, Object> m = map(o);
      String name = (String) m.get("name");
      out.add(
          new ModelFixture(
              name,
              (String) m.get("notes"),
              strings(m.get("inputs")),
              strings(m.get("outputs")),
              root.resolve("models").resolve(name)));
    }
    return out;
  }

  /** The saved model {@code name}. */
  public static ModelFixture model(String name) {
    return models().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no Keras fixture '" + name + "' in " + root()));
  }

  /** Every training-parity run, in the manifest's order. */
  public static List<ParityRun> parity() {
    Path root = root();
    List<ParityRun> out = new ArrayList<>();
    for (Object o : list(manifest(root).get("parity"))) {
      Map<String, Object> p = map(o);
      String name = (String) p.get("name");
      out.add(
          new ParityRun(
              name,
              (String) p.get("model"),
              (String) p.get("optimizer"),
              map(p.get("optimizer_config")),
              p.get("loss") instanceof String s ? s : Json.write(p.get("loss")),
              strings(p.get("inputs")),
              (String) p.get("output"),
              ((Number) p.get("steps")).intValue(),
              ((Number) p.get("batch")).intValue(),
              root.resolve("parity").resolve(name),
              p.containsKey("outputs")
                  ? strings(p.get("outputs"))
                  : List.of((String) p.get("output")),
              p.containsKey("evaluate") ? map(p.get("evaluate")) : Map.of(),
              p.containsKey("evaluate_batches")
                  ? ((Number) p.get("evaluate_batches")).intValue()
                  : 0));
    }
    return out;
  }

  /**
   * A model saved right after Keras built it: its weights are the values Keras' seeded initializers
   * drew.
   *
   * @param file {@code initial/<name>/model.keras}
   */
  public record InitialModel(String name, String notes, Path file) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every seeded-initializer model, in the manifest's order. */
  public static List<InitialModel> initial() {
    Path root = root();
    List<InitialModel> out = new ArrayList<>();
    for (Object o : list(manifest(root).getOrDefault("initial", List.of()))) {
      Map<String, Object> m = map(o);
      String name = (String) m.get("name");
      out.add(
          new InitialModel(
              name,
              (String) m.get("notes"),
              root.resolve("initial").resolve(name).resolve("model.keras")));
    }
    return out;
  }

  private static Map<String, Object> manifest(Path root) {
    try {
      return map(Json.parse(Files.readString(root.resolve("manifest.json"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String.class::cast).toList();
  }
}
