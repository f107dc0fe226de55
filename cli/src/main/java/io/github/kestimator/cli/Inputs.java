package io.github.kestimator.cli;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a model's inputs for {@code predict}: a {@code .npy}, a {@code .csv}, or a directory of
 * {@code <input>.npy}.
 */
final class Inputs {
  /** One input as the model takes it: integer, float or string, and one example's shape. */
  record Spec(boolean integer, int[] shape, boolean string) {
    /** A numeric input. */
    Spec(boolean integer, int[] shape) {
      this(integer, shape, false);
    }

    int size() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private Inputs() {}

  static Map<String, Spec> specs(Model m) {
    Map<String, Spec> out = new LinkedHashMap<>();
    for (Feature f : m.features()) {
      if (f.dtype() == DType.INT64) {
        throw new IllegalArgumentException(
            "input '"
                + f.name()
                + "' is "
                + f.dtype().keras()
                + "; .npy inputs feed only"
                + " int32, float32 and string inputs so far");
      }
      out.put(
          f.name(),
          new Spec(
              f.dtype() == DType.INT32,
              f.shape().dims().stream().mapToInt(Integer::intValue).toArray(),
              f.dtype() == DType.STRING));
    }
    return out;
  }

  /** Each input's examples, checked against the model's input shapes. */
  static Map<String, Npy.Array> read(Path input, Map<String, Spec> specs) throws IOException {
    Map<String, Npy.Array> out = new LinkedHashMap<>();
    if (Files.isDirectory(input)) {
      for (String name : specs.keySet()) {
        Path f = input.resolve(name + ".npy");
        if (!Files.isRegularFile(f)) {
          throw new IllegalArgumentException(
              input + " has no " + name + ".npy; the model's inputs are " + specs.keySet());
        }
        out.put(name, check(f, name, Npy.read(f), specs.get(name)));
      }
    } else {
      if (specs.size() != 1) {
        throw new IllegalArgumentException(
            "the model has "
                + specs.size()
                + " inputs "
                + specs.keySet()
                + "; give a directory with one <input name>.npy each");
      }
      String name = specs.keySet().iterator().next();
      String lower = input.getFileName().toString().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv") && specs.get(name).string()) {
        throw new IllegalArgumentException(
            input
                + ": input '"
                + name
                + "' takes strings, and a .csv feeds numbers only; give a .npy of strings"
                + " (np.save(\"in.npy\", np.array([\"text\", ...])))");
      }
      Npy.Array a = lower.endsWith(".csv") ? csv(input, specs.get(name)) : Npy.read(input);
      out.put(name, check(input, name, a, specs.get(name)));
    }
    rows(out);
    return out;
  }

  static int rows(Map<String, Npy.Array> inputs) {
    int rows = -1;
    for (Map.Entry<String, Npy.Array> e : inputs.entrySet()) {
      if (rows >= 0 && e.getValue().rows() != rows) {
        throw new IllegalArgumentException(
            "inputs have different numbers of examples: "
                + e.getKey()
                + " has "
                + e.getValue().rows()
                + ", others "
                + rows);
      }
      rows = e.getValue().rows();
    }
    return rows;
  }

  /**
   * Checks one input's examples: the shape of each (the array's shape after its first axis) must be
   * the model's, not just hold as many values (a channels-first {@code (n, 3, 10, 10)} array for a
   * {@code (10, 10, 3)} input is refused, as Keras refuses it); the one exception is {@code (n,)}
   * for an input of shape {@code (1)}. Integer inputs take whole numbers within int32.
   */
  private static Npy.Array check(Path file, String name, Npy.Array a, Spec spec) {
    if (a.shape().length == 0) {
      throw new IllegalArgumentException(
          file
              + ": input '"
              + name
              + "' is a single number; the first axis must count the"
              + " examples, each of shape "
              + Arrays.toString(spec.shape()));
    }
    if (spec.string() != a.isString()) {
      throw new IllegalArgumentException(
          file
              + ": input '"
              + name
              + (spec.string()
                  ? "' takes strings; the array holds numbers (give np.array([\"text\", ...]))"
                  : "' takes numbers; the array holds strings"));
    }
    int[] rowShape = Arrays.copyOfRange(a.shape(), 1, a.shape().length);
    boolean scalarRows = rowShape.length == 0 && Arrays.equals(spec.shape(), new int[] {1});
    if (!Arrays.equals(rowShape, spec.shape()) && !scalarRows) {
      throw new IllegalArgumentException(
          file
              + ": input '"
              + name
              + "' has examples of shape "
              + Arrays.toString(rowShape)
              + " (array shape "
              + Arrays.toString(a.shape())
              + "), the model takes "
              + Arrays.toString(spec.shape())
              + (a.rowSize() == spec.size()
                  ? ": the same number of values in another layout (channels first? transposed?);"
                      + " reshape or transpose the array to the model's shape"
                  : ""));
    }
    if (spec.integer() && !a.isInt()) {
      float[] v = a.floats();
      for (int i = 0; i < v.length; i++) {
        if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              file
                  + ": input '"
                  + name
                  + "' takes integer ids; example "
                  + i / a.rowSize()
                  + " holds "
                  + v[i]
                  + " at position "
                  + i % a.rowSize()
                  + (Float.isFinite(v[i]) && v[i] == Math.rint(v[i])
                      ? ", beyond int32"
                      : ", not a whole number"));
        }
      }
    }
    return a;
  }

  /** A CSV with a header line; each further line is one example's values, row-major. */
  private static Npy.Array csv(Path file, Spec spec) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!lines.isEmpty() && isNumbers(lines.get(0))) {
      throw new IllegalArgumentException(
          file
              + ":1: the first line holds numbers, not a header; a .csv for predict starts"
              + " with a header line (names for the columns), then one example per line");
    }
    List<float[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",");
      float[] v = new float[cells.length];
      for (int c = 0; c < cells.length; c++) {
        try {
          v[c] = Float.parseFloat(cells[c].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file
                  + ":"
                  + (i + 1)
                  + ": column "
                  + (c + 1)
                  + " is not a number: '"
                  + cells[c]
                  + "'");
        }
      }
      if (v.length != spec.size()) {
        throw new IllegalArgumentException(
            file
                + ":"
                + (i + 1)
                + ": "
                + v.length
                + " values, the model takes "
                + spec.size()
                + " per example "
                + Arrays.toString(spec.shape()));
      }
      rows.add(v);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no examples after the header line");
    }
    return Main.stack(rows, spec.shape());
  }

  private static boolean isNumbers(String line) {
    String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
    if (l.isBlank()) {
      return false;
    }
    for (String cell : l.split(",")) {
      try {
        Float.parseFloat(cell.trim());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }
}
