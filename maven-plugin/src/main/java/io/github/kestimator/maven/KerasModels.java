package io.github.kestimator.maven;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.KerasModel;
import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the Keras files of a project, names their classes, reads and validates them. */
public final class KerasModels {
  private KerasModels() {}

  /** Whether a file name is a Keras model file this plugin reads. */
  public static boolean isKerasFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".json") || n.endsWith(".keras") || n.endsWith(".h5") || n.endsWith(".hdf5");
  }

  /**
   * The Keras files under the Keras directory, sorted by path; empty when the directory does not
   * exist. Fails when two files would give the same class, or a per-model setting names no file.
   */
  public static List<ModelSource> discover(ModelSettings settings) throws KestimatorException {
    Path dir = settings.kerasDirectory();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile)
            .filter(p -> isKerasFile(p.getFileName().toString()))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new KestimatorException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    Map<Path, Path> weightsOf = new HashMap<>();
    for (Path f : files) {
      Path w = weightsBeside(f);
      if (w != null) {
        weightsOf.put(f, w);
      }
    }
    files.removeAll(weightsOf.values()); // a config's weights file is not a model of its own
    Map<String, ModelSettings.ModelOverride> overrides = new HashMap<>();
    List<String> relatives = files.stream().map(f -> relative(dir, f)).toList();
    for (ModelSettings.ModelOverride o : settings.models()) {
      String key = o.file() == null ? "" : o.file().replace('\\', '/');
      if (!relatives.contains(key)) {
        throw new KestimatorException(
            "<models>: <file>"
                + o.file()
                + "</file> is not a Keras file in "
                + display(settings, dir)
                + Names.didYouMean(key, relatives)
                + (relatives.isEmpty()
                    ? " (the directory holds no *.json, *.keras or *.h5 file)"
                    : ""));
      }
      overrides.put(key, o);
    }
    List<ModelSource> out = new ArrayList<>();
    Map<String, String> classes = new HashMap<>();
    for (Path f : files) {
      String rel = relative(dir, f);
      ModelSettings.ModelOverride o = overrides.get(rel);
      String className =
          o != null && o.className() != null && !o.className().isBlank()
              ? o.className()
              : className(f);
      String clash = classes.put(className, rel);
      if (clash != null) {
        throw new KestimatorException(
            display(settings, f)
                + ": gives the model class "
                + className
                + ", as "
                + clash
                + " does; set <className> for one of them in <models>");
      }
      CompileOptions compile =
          o == null || o.compile() == null
              ? settings.defaults()
              : o.compile().orElse(settings.defaults());
      Integer maxLength =
          o != null && o.maxSequenceLength() != null
              ? o.maxSequenceLength()
              : settings.maxSequenceLength();
      out.add(
          new ModelSource(
              f, rel, display(settings, f), className, compile, maxLength, weightsOf.get(f)));
    }
    return out;
  }

  /**
   * For a {@code <name>.json} config, the {@code <name>.weights.h5} beside it ({@code
   * model.to_json()} and Keras 3's {@code model.save_weights("<name>.weights.h5")}); else null.
   */
  static Path weightsBeside(Path file) {
    String name = file.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return null;
    }
    Path w =
        file.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".weights.h5");
    return Files.isRegularFile(w) ? w : null;
  }

  /**
   * The Keras file a data file refers to: a path relative to the Keras directory or the project, or
   * the fully qualified name of the class generated from it.
   */
  public static ModelSource find(
      ModelSettings settings, List<ModelSource> sources, String reference)
      throws KestimatorException {
    String ref = reference.replace('\\', '/');
    for (ModelSource s : sources) {
      String fqcn =
          settings.packageName() == null || settings.packageName().isEmpty()
              ? s.className()
              : settings.packageName() + "." + s.className();
      if (s.relativePath().equals(ref)
          || s.displayPath().equals(ref)
          || fqcn.equals(ref)
          || s.file().equals(settings.baseDirectory().resolve(ref).normalize())) {
        return s;
      }
    }
    List<String> names = new ArrayList<>();
    for (ModelSource s : sources) {
      names.add(s.relativePath());
      names.add(
          settings.packageName() == null || settings.packageName().isEmpty()
              ? s.className()
              : settings.packageName() + "." + s.className());
    }
    throw new KestimatorException(
        "model '"
            + reference
            + "' is neither a Keras file in "
            + display(settings, settings.kerasDirectory())
            + " nor a class generated from one"
            + Names.didYouMean(reference, names)
            + (sources.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")"));
  }

  /**
   * Reads and validates one Keras file; every problem fails with the file's path in the message.
   */
  public static ImportedModel load(ModelSource source) throws KestimatorException {
    KerasFile file;
    try {
      file =
          source.weights() == null
              ? KerasFile.read(source.file())
              : KerasFile.read(source.file(), source.weights());
      if (source.maxSequenceLength() != null) {
        file = file.withMaxSequenceLength(source.maxSequenceLength());
      }
    } catch (KerasFormatException e) {
      throw new KestimatorException(source.display(e.getMessage()), e);
    } catch (IOException e) {
      throw new KestimatorException(source.displayPath() + ": cannot read: " + e.getMessage(), e);
    }
    KerasModel keras = file.model();
    ModelSpec spec;
    try {
      spec = keras.toSpec(source.compile().resolve(keras.training()));
    } catch (KerasFormatException e) { // an unknown sequence length without a maximum
      throw new KestimatorException(
          source.display(e.getMessage())
              + "; here: <maxSequenceLength> in the plugin's configuration or in this file's"
              + " <model>",
          e);
    }
    ModelAnalyzer.Analysis analysis = ModelAnalyzer.analyze(spec);
    if (!analysis.ok()) {
      StringBuilder b =
          new StringBuilder(source.displayPath())
              .append(": the model '")
              .append(spec.name())
              .append("' is not valid:");
      for (Problem p : analysis.problems()) {
        b.append("\n  ").append(p);
        if (p.code() == Diagnostic.LOSS || p.code() == Diagnostic.METRIC) {
          b.append(
              keras.training() == null
                  ? " (the file has no training config: set <loss>, <optimizer>, <metrics> for it"
                      + " in the plugin's <models>)"
                  : " (set <loss> / <metrics> for it in the plugin's <models> to override the"
                      + " file's training config)");
        }
      }
      throw new KestimatorException(b.toString());
    }
    return new ImportedModel(source, file, spec, analysis.model());
  }

  /** {@code sentiment_model.json} to {@code SentimentModel}. */
  public static String className(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    if (dot > 0) {
      n = n.substring(0, dot);
    }
    StringBuilder b = new StringBuilder();
    boolean up = true;
    for (char c : n.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = true;
      }
    }
    if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
      b.insert(0, "Model");
    }
    return b.toString();
  }

  private static String relative(Path dir, Path f) {
    return dir.relativize(f).toString().replace('\\', '/');
  }

  static String display(ModelSettings settings, Path p) {
    Path base = settings.baseDirectory();
    if (base != null
        && p.toAbsolutePath().normalize().startsWith(base.toAbsolutePath().normalize())) {
      return base.toAbsolutePath()
          .normalize()
          .relativize(p.toAbsolutePath().normalize())
          .toString()
          .replace('\\', '/');
    }
    return p.toString();
  }
}
