package io.github.kestimator.runtime.modeldir;

import io.github.kestimator.model.Diagnostic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a model directory's checkpoints hold: the model's name and every saved variable with its
 * type and shape, kept in {@code model.properties}. Checked before any restore, so a directory
 * holding another model's checkpoints is refused with a message instead of a TensorFlow error.
 *
 * @param variables variable name to {@code dtype[d0,d1,...]}, e.g. {@code float32[10,1]}
 */
public record Fingerprint(String model, SortedMap<String, String> variables) {
  public static final String FILE_NAME = "model.properties";

  public Fingerprint {
    variables = new TreeMap<>(variables);
  }

  /** The fingerprint stored in {@code modelDir}, or null when there is none. */
  public static Fingerprint read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot read model fingerprint " + file + ": " + e.getMessage(), e);
    }
    SortedMap<String, String> vars = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("variable.")) {
        vars.put(key.substring("variable.".length()), p.getProperty(key));
      }
    }
    return new Fingerprint(p.getProperty("model", "?"), vars);
  }

  public void write(Path modelDir) {
    StringBuilder b =
        new StringBuilder(
            "# The model whose checkpoints this directory holds; written by kestimator.\n");
    b.append("model=").append(model).append('\n');
    variables.forEach((k, v) -> b.append("variable.").append(k).append('=').append(v).append('\n'));
    AtomicFiles.write(modelDir.resolve(FILE_NAME), b.toString());
  }

  /**
   * Refuses {@code modelDir} when the fingerprint stored there does not fit this one, the model's
   * ({@link #checkCompatible}; {@code exact} for training).
   *
   * @return whether the directory has a stored fingerprint
   * @throws IllegalStateException naming the directory, both models and the first difference
   */
  public boolean checkModelDir(Path modelDir, boolean exact) {
    Fingerprint stored = read(modelDir);
    if (stored != null) {
      stored.checkCompatible(this, exact, modelDir);
    }
    return stored != null;
  }

  /**
   * Checks that checkpoints written for {@code this} can be restored into a graph with {@code
   * actual}'s variables: every one of them must be stored here with the same type and shape; with
   * {@code exact} (training) the sets must also be equal.
   *
   * @throws IllegalStateException naming the directory, both models and the first difference
   */
  public void checkCompatible(Fingerprint actual, boolean exact, Path modelDir) {
    for (Map.Entry<String, String> e : actual.variables.entrySet()) {
      String stored = variables.get(e.getKey());
      if (!e.getValue().equals(stored)) {
        throw refused(
            actual,
            modelDir,
            stored == null
                ? "it has no variable '" + e.getKey() + "' (" + e.getValue() + " here)"
                : "variable '"
                    + e.getKey()
                    + "' is "
                    + stored
                    + " there, "
                    + e.getValue()
                    + " here");
      }
    }
    if (exact && !actual.variables.keySet().containsAll(variables.keySet())) {
      String extra =
          variables.keySet().stream()
              .filter(k -> !actual.variables.containsKey(k))
              .findFirst()
              .orElseThrow();
      throw refused(
          actual,
          modelDir,
          "it has variable '" + extra + "' (" + variables.get(extra) + ") that this model lacks");
    }
  }

  private IllegalStateException refused(Fingerprint actual, Path modelDir, String difference) {
    return new IllegalStateException(
        Diagnostic.FOREIGN_MODEL_DIR.format(
            "model dir "
                + modelDir
                + " holds checkpoints of another model: "
                + FILE_NAME
                + " says model '"
                + model
                + "', this is model '"
                + actual.model
                + "'; "
                + difference
                + ". Use a fresh model dir, or delete the old one."));
  }
}
