package io.github.kestimator.model.format;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a model's data carries, as the annotation processor records them for build tools
 * (annotations are source-retained, so a compiled model class cannot tell its features). Stored in
 * the class output at {@link #resourcePath}, one line per column, features first, then labels:
 *
 * <pre>
 * # kestimator model columns: kind name dtype shape
 * feature words_input int32 100
 * label score float32 1
 * </pre>
 *
 * {@code kind} is {@code feature} or {@code label} (the output layer's name), {@code dtype} the
 * Keras spelling, {@code shape} the dimensions without the batch joined by {@code x} ({@code
 * 28x28x1}), or {@code scalar}. Lines starting with {@code #} and blank lines are ignored.
 */
public record ModelColumns(List<Column> columns) {
  private static final String HEADER = "# kestimator model columns: kind name dtype shape";

  public ModelColumns {
    columns = List.copyOf(columns);
  }

  /** One column: a feature, or the label of an output layer. */
  public record Column(boolean label, String name, DType dtype, Shape shape) {}

  /** Where the columns of {@code className} (fully qualified) are, relative to the class output. */
  public static String resourcePath(String className) {
    return "META-INF/kestimator/models/" + className + ".columns";
  }

  public static ModelColumns of(Model model) {
    List<Column> out = new ArrayList<>();
    for (Feature f : model.features()) {
      out.add(new Column(false, f.name(), f.dtype(), f.shape()));
    }
    for (Output o : model.outputs()) {
      out.add(new Column(true, o.layer(), o.labelDtype(), o.labelShape()));
    }
    return new ModelColumns(out);
  }

  /** The file's text, {@code \n}-separated, ending with a newline. */
  public String write() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Column c : columns) {
      b.append(c.label() ? "label" : "feature")
          .append(' ')
          .append(c.name())
          .append(' ')
          .append(c.dtype().keras())
          .append(' ')
          .append(c.shape())
          .append('\n');
    }
    return b.toString();
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException naming the line that is not {@code kind name dtype shape}
   */
  public static ModelColumns parse(String text) {
    List<Column> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 4 || !(parts[0].equals("feature") || parts[0].equals("label"))) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": expected 'feature|label name dtype shape', got '" + line + "'");
      }
      out.add(
          new Column(
              parts[0].equals("label"), parts[1], dtype(parts[2], i + 1), shape(parts[3], i + 1)));
    }
    return new ModelColumns(out);
  }

  private static DType dtype(String s, int line) {
    for (DType d : DType.values()) {
      if (d.keras().equals(s)) {
        return d;
      }
    }
    throw new IllegalArgumentException("line " + line + ": unknown dtype '" + s + "'");
  }

  private static Shape shape(String s, int line) {
    if (s.equals("scalar")) {
      return Shape.scalar();
    }
    List<Integer> dims = new ArrayList<>();
    for (String d : s.split("x", -1)) {
      try {
        dims.add(Integer.parseInt(d));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + line + ": bad shape '" + s + "'");
      }
    }
    return new Shape(dims);
  }
}
