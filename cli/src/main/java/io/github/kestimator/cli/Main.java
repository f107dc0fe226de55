package io.github.kestimator.cli;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.estimator.KerasEstimator;
import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code java -jar kestimator-cli.jar summary|predict|export ...}: Keras files and SavedModels from
 * the command line. Exit status 0 on success, 1 when a file cannot be used, 2 for a usage error.
 */
public final class Main {
  static final String USAGE =
      """
      usage: kestimator summary <keras file> [--weights W] [--max-sequence-length N]
             kestimator predict <keras file | SavedModel dir> <input .npy | .csv | dir of <input name>.npy> [--output out.npy] [--weights W] [--max-sequence-length N]
             kestimator export <keras file> <SavedModel base dir> [--weights W] [--max-sequence-length N]

        keras file   a full-model .h5 / .hdf5 (Keras 1, 2, tf.keras), a Keras 3 .keras archive, or a
                     model.to_json() config with --weights
        predict      one input: a .npy whose first axis is the examples (numbers, or strings for a
                     string input: np.array(["text", ...])), or a .csv of numbers with a
                     header line (each row one example); several inputs: a directory with one
                     <input name>.npy per input. Prints one line per example, or writes --output
                     (a .npy for one output, else a directory of <output name>.npy).
        export       writes <base dir>/<timestamp>/, a SavedModel with a serving_default signature that
                     TensorFlow Serving loads (model_base_path=<base dir>).
        --weights W  the weights of a .json config: save_weights' HDF5 file (Keras 3's
                     model.weights.h5, or Keras 1/2's)
        --max-sequence-length N
                     the length of inputs whose sequence length the Keras file leaves unknown
                     (Input((None,)), an Embedding without input_length); inputs must then hold
                     N steps (pad or cut them).
      """;

  private final PrintStream out;
  private final PrintStream err;

  /** {@code --max-sequence-length}, or null when not given. */
  private Integer maxSequenceLength;

  /** {@code --weights}, or null when not given. */
  private Path weights;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty(
        "org.slf4j.simpleLogger.log.io.jhdf", "error"); // its version warning in a shaded jar
    System.exit(new Main(System.out, System.err).run(args));
  }

  /** Runs one command; returns the exit status. */
  int run(String... args) {
    try {
      if (args.length == 0
          || args[0].equals("-h")
          || args[0].equals("--help")
          || args[0].equals("help")) {
        (args.length == 0 ? err : out).print(USAGE);
        return args.length == 0 ? 2 : 0;
      }
      args = weights(maxSequenceLength(args));
      switch (args[0]) {
        case "summary" -> summary(args);
        case "predict" -> predict(args);
        case "export" -> export(args);
        default ->
            throw new UsageException(
                "unknown command '" + args[0] + "'; commands: summary, predict, export");
      }
      return 0;
    } catch (UsageException e) {
      err.println("kestimator: " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (FileSystemException e) {
      err.println("kestimator: " + describe(e));
      return 1;
    } catch (KerasFormatException
        | IOException
        | UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException e) {
      err.println("kestimator: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("kestimator: " + e);
      return 1;
    }
  }

  /**
   * The arguments without {@code --max-sequence-length N}, which sets {@link #maxSequenceLength}.
   */
  private String[] maxSequenceLength(String[] args) {
    List<String> rest = new ArrayList<>();
    String option = "--max-sequence-length";
    for (int i = 0; i < args.length; i++) {
      String value;
      if (args[i].equals(option)) {
        if (i + 1 >= args.length) {
          throw new UsageException(option + " needs a number");
        }
        value = args[++i];
      } else if (args[i].startsWith(option + "=")) {
        value = args[i].substring(option.length() + 1);
      } else {
        rest.add(args[i]);
        continue;
      }
      try {
        maxSequenceLength = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        maxSequenceLength = 0;
      }
      if (maxSequenceLength < 1) {
        throw new UsageException(option + " takes a whole number >= 1, got '" + value + "'");
      }
    }
    return rest.toArray(String[]::new);
  }

  /** The arguments without {@code --weights W}, which sets {@link #weights}. */
  private String[] weights(String[] args) {
    List<String> rest = new ArrayList<>();
    String option = "--weights";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(option)) {
        if (i + 1 >= args.length) {
          throw new UsageException(option + " needs the weights file of the .json config");
        }
        weights = Path.of(args[++i]);
      } else if (args[i].startsWith(option + "=")) {
        weights = Path.of(args[i].substring(option.length() + 1));
      } else {
        rest.add(args[i]);
      }
    }
    return rest.toArray(String[]::new);
  }

  /**
   * A Keras file (a config with {@code --weights}), with {@code --max-sequence-length} for its
   * inputs of unknown length.
   */
  private KerasFile keras(Path file) throws IOException {
    KerasFile k = KerasFile.read(file);
    if (weights != null) {
      if (k.hasWeights()) {
        throw new IllegalArgumentException(
            file
                + " holds its own weights; --weights is for a config without them"
                + " (model.to_json())");
      }
      k = KerasFile.read(file, existing(weights.toString(), "weights file"));
    }
    return maxSequenceLength == null ? k : k.withMaxSequenceLength(maxSequenceLength);
  }

  private void summary(String[] args) throws IOException {
    List<String> a = positional(args, 2, "summary <keras file>");
    KerasFile k = keras(existing(a.get(1), "keras file"));
    Model m = k.analyze();
    warn(k.trainingWarning());
    out.print(m.summary());
    for (Feature f : m.features()) {
      out.println(
          "input  "
              + f.name()
              + ": "
              + f.dtype().name().toLowerCase(Locale.ROOT)
              + " "
              + f.shape().keras());
    }
    for (Output o : m.outputs()) {
      out.println("output " + o.layer() + ": float32 " + o.shape().keras());
    }
    out.println("weights: " + (k.hasWeights() ? "in the file" : "none (a config only)"));
  }

  private void predict(String[] args) throws IOException {
    Path output = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--output") || args[i].equals("-o")) {
        if (i + 1 >= args.length) {
          throw new UsageException("--output needs a file name");
        }
        output = Path.of(args[++i]);
      } else if (args[i].startsWith("--output=")) {
        output = Path.of(args[i].substring("--output=".length()));
      } else if (args[i].startsWith("-")) {
        throw new UsageException("unknown option '" + args[i] + "'");
      } else {
        rest.add(args[i]);
      }
    }
    List<String> a =
        positional(
            rest.toArray(String[]::new),
            3,
            "predict <keras file | SavedModel dir> <input> [--output out.npy]");
    Path model = existing(a.get(1), "model");
    Path input = existing(a.get(2), "input");
    Map<String, Npy.Array> results;
    if (Files.isDirectory(model)) {
      if (weights != null) {
        throw new UsageException(
            "--weights is for a .json config; the SavedModel " + model + " holds its weights");
      }
      if (maxSequenceLength != null) {
        throw new UsageException(
            "--max-sequence-length is for a Keras file; the SavedModel "
                + model
                + " has its input shapes fixed by its export");
      }
      results = SavedModelPredictor.predict(model, inputs -> Inputs.read(input, inputs));
    } else {
      results = predictKeras(model, input);
    }
    if (output == null) {
      print(results);
    } else {
      write(results, output);
    }
  }

  private Map<String, Npy.Array> predictKeras(Path file, Path input) throws IOException {
    Path dir = Files.createTempDirectory("kestimator-predict");
    try {
      KerasEstimator e =
          KerasEstimator.fromKeras(keras(file), RunConfig.builder().modelDir(dir).build());
      warn(e.trainingWarning());
      Model m = e.model();
      Map<String, Npy.Array> in = Inputs.read(input, Inputs.specs(m));
      int rows = Inputs.rows(in);
      List<Map<String, Object>> features = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (Feature feature : m.features()) {
          Npy.Array arr = in.get(feature.name());
          Object value;
          if (arr.isString()) {
            String[] v = arr.stringRow(r);
            value = v.length == 1 ? v[0] : v; // a String for an input of shape (1)
          } else if (feature.dtype() == io.github.kestimator.model.DType.INT32 && arr.isInt()) {
            value = arr.intRow(r);
          } else {
            value = arr.floatRow(r);
          }
          f.put(feature.name(), value);
        }
        features.add(f);
      }
      Map<String, List<float[]>> rowsByOutput = new LinkedHashMap<>();
      m.outputs().forEach(o -> rowsByOutput.put(o.layer(), new ArrayList<>()));
      try (Stream<Map<String, float[]>> s = e.predict(features)) {
        s.forEach(p -> p.forEach((k, v) -> rowsByOutput.get(k).add(v)));
      }
      Map<String, Npy.Array> out = new LinkedHashMap<>();
      for (Output o : m.outputs()) {
        out.put(
            o.layer(),
            stack(
                rowsByOutput.get(o.layer()),
                o.shape().dims().stream().mapToInt(Integer::intValue).toArray()));
      }
      return out;
    } finally {
      deleteTree(dir);
    }
  }

  private void export(String[] args) throws IOException {
    List<String> a = positional(args, 3, "export <keras file> <SavedModel base dir>");
    Path file = existing(a.get(1), "keras file");
    Path base = Path.of(a.get(2));
    if (Files.exists(base) && !Files.isDirectory(base)) {
      throw new IllegalArgumentException(base + " exists and is not a directory");
    }
    Path dir = Files.createTempDirectory("kestimator-export");
    try {
      KerasEstimator e =
          KerasEstimator.fromKeras(keras(file), RunConfig.builder().modelDir(dir).build());
      warn(e.trainingWarning());
      Path exported = e.exportSavedModel(base);
      out.println(exported);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Training settings the file has and kestimator cannot use do not matter here: a note on stderr.
   */
  private void warn(String trainingWarning) {
    if (trainingWarning != null) {
      err.println("kestimator: warning: " + trainingWarning);
    }
  }

  static Npy.Array stack(List<float[]> rows, int[] rowShape) {
    int n = rows.isEmpty() ? 0 : rows.get(0).length;
    float[] v = new float[rows.size() * n];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, v, i * n, n);
    }
    int[] shape = new int[rowShape.length + 1];
    shape[0] = rows.size();
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    return new Npy.Array(shape, v, null);
  }

  private void print(Map<String, Npy.Array> results) {
    int rows = results.values().iterator().next().rows();
    for (int r = 0; r < rows; r++) {
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, Npy.Array> e : results.entrySet()) {
        if (b.length() > 0) {
          b.append("  ");
        }
        float[] v = e.getValue().floatRow(r);
        b.append(e.getKey()).append(": ");
        for (int i = 0; i < v.length; i++) {
          b.append(i == 0 ? "" : " ").append(v[i]);
        }
      }
      out.println(b);
    }
  }

  private void write(Map<String, Npy.Array> results, Path output) throws IOException {
    if (results.size() == 1) {
      Npy.write(output, results.values().iterator().next());
      return;
    }
    Files.createDirectories(output);
    for (Map.Entry<String, Npy.Array> e : results.entrySet()) {
      Npy.write(output.resolve(e.getKey() + ".npy"), e.getValue());
    }
  }

  /**
   * What went wrong with a file, in words: Java's own messages name only the path
   * ("exp/nodir/out.npy").
   */
  static String describe(FileSystemException e) {
    String file = e.getFile();
    String what;
    if (e instanceof NoSuchFileException) {
      what = "no such file or directory";
      Path parent = file == null ? null : Path.of(file).toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        what += " (the folder " + parent + " does not exist)";
      }
    } else if (e instanceof FileAlreadyExistsException) {
      what =
          Files.isSymbolicLink(Path.of(file))
              ? "a symbolic link is in the way"
              : "a file is in the way";
    } else if (e instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (e instanceof NotDirectoryException) {
      what = "not a directory";
    } else {
      what = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
    return file + ": " + what + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")");
  }

  private static List<String> positional(String[] args, int count, String usage) {
    if (args.length != count) {
      throw new UsageException(
          args[0]
              + " takes "
              + (count - 1)
              + " argument"
              + (count == 2 ? "" : "s")
              + ", got "
              + (args.length - 1)
              + ": kestimator "
              + usage);
    }
    return List.of(args);
  }

  private static Path existing(String name, String what) {
    Path p = Path.of(name);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException(what + " " + p + " does not exist");
    }
    return p;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A command line this tool does not understand. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
