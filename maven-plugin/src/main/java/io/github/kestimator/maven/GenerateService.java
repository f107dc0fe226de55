package io.github.kestimator.maven;

import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.KerasWeights;
import io.github.kestimator.model.format.WeightsFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Generates one annotated model class per Keras file. A {@code .h5} or {@code .keras} file that
 * carries weights, or a {@code <name>.json} config with {@code <name>.weights.h5} beside it, also
 * gives {@code <package path>/<Class>.weights} under the resource directory (kestimator's {@link
 * WeightsFile} format, so the runtime needs no HDF5 reader), and its class gets
 * {@code @KerasModel(weights = "<Class>.weights")}: the generated estimator warm-starts from them.
 * Skips the work when nothing changed: the cache holds a SHA-256 of every input file's content and
 * of the configuration (including the plugin version), plus the files written; it is written only
 * after a successful generation, and every rebuild logs why it happened.
 */
public final class GenerateService {
  /** Logged when nothing needs regenerating; tests and users grep it. */
  public static final String UP_TO_DATE = "Keras models are up to date";

  private static final Pattern PACKAGE =
      Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  private final BuildLog log;

  public GenerateService(BuildLog log) {
    this.log = log;
  }

  /** The result: the classes and weights files written (empty when up to date). */
  public record Result(boolean upToDate, List<Path> written, List<Path> weights) {}

  public Result generate(GenerateRequest request) throws KestimatorException {
    ModelSettings settings = request.settings();
    String pkg = settings.packageName();
    if (pkg == null || !PACKAGE.matcher(pkg).matches()) {
      throw new KestimatorException(
          "<packageName> (property kestimator.packageName) must be a Java package name for the"
              + " generated model classes, e.g. com.example.models; got "
              + (pkg == null ? "nothing" : "'" + pkg + "'"));
    }
    List<ModelSource> sources = KerasModels.discover(settings);
    if (sources.isEmpty()) {
      log.info(
          "No Keras models (*.json, *.h5, *.keras) in "
              + KerasModels.display(settings, settings.kerasDirectory()));
    }
    Map<String, String> inputs = new TreeMap<>();
    for (ModelSource s : sources) {
      inputs.put(
          s.relativePath(),
          hash(read(s.file())) + (s.weights() == null ? "" : " " + hash(read(s.weights()))));
    }
    Cache current = new Cache(configKey(request), inputs, List.of(), List.of());
    Cache previous = Cache.read(request.cacheFile());
    String reason =
        previous == null
            ? "no record of an earlier generation (" + request.cacheFile().getFileName() + ")"
            : previous.whyStale(current, request.outputDirectory(), request.resourceDirectory());
    if (reason == null) {
      log.info(
          UP_TO_DATE
              + " ("
              + sources.size()
              + " file"
              + (sources.size() == 1 ? "" : "s")
              + " unchanged)");
      return new Result(true, List.of(), List.of());
    }
    log.info("Generating model classes: " + reason);
    List<ImportedModel> models = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ModelSource s : sources) {
      try {
        models.add(KerasModels.load(s));
      } catch (KestimatorException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new KestimatorException(String.join("\n", errors));
    }
    List<Path> written = new ArrayList<>();
    List<Path> weightFiles = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    String packagePath = pkg.replace('.', '/');
    for (ImportedModel m : models) {
      String className = m.source().className();
      String weights = null;
      if (m.file().hasWeights()) {
        weights = className + ".weights";
        Path file = request.resourceDirectory().resolve(packagePath).resolve(weights);
        writeIfChanged(file, weightsBytes(m));
        weightFiles.add(file);
        resources.add(packagePath + "/" + weights);
      }
      if (m.trainingWarning() != null) {
        log.warn(m.trainingWarning());
      }
      String source =
          ModelSourceWriter.write(
              pkg,
              className,
              m.spec(),
              m.source().displayPath(),
              weights,
              m.file().unsupportedTraining());
      Path file = request.outputDirectory().resolve(packagePath).resolve(className + ".java");
      writeIfChanged(file, source.getBytes(StandardCharsets.UTF_8));
      written.add(file);
      outputs.add(packagePath + "/" + className + ".java");
      log.info(
          m.source().displayPath()
              + " -> "
              + pkg
              + "."
              + className
              + " ("
              + m.spec().layers().size()
              + " layers, features "
              + m.model().features().stream().map(f -> f.name()).toList()
              + (weights == null ? "" : ", starting weights " + packagePath + "/" + weights)
              + ")");
    }
    if (previous != null) {
      deleteStale(previous.outputs(), outputs, request.outputDirectory());
      deleteStale(previous.resources(), resources, request.resourceDirectory());
    }
    new Cache(current.key(), inputs, outputs, resources).write(request.cacheFile());
    return new Result(false, written, weightFiles);
  }

  /**
   * The file's weights, checked against the model, in {@link WeightsFile}'s format, in model order.
   */
  private static byte[] weightsBytes(ImportedModel m) throws KestimatorException {
    KerasWeights weights;
    try {
      weights = m.file().weights(m.model());
    } catch (KerasFormatException e) {
      throw new KestimatorException(m.source().display(e.getMessage()), e);
    }
    List<WeightsFile.Entry> entries = new ArrayList<>();
    weights
        .layers()
        .forEach(
            (layer, ws) ->
                ws.forEach(
                    (name, a) ->
                        entries.add(new WeightsFile.Entry(layer, name, a.shape(), a.values()))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      WeightsFile.write(entries, out);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private void deleteStale(List<String> before, List<String> now, Path dir)
      throws KestimatorException {
    for (String stale : before) {
      if (!now.contains(stale)) {
        delete(dir.resolve(stale));
        log.info("Deleted " + stale + ": its Keras file is gone or has no weights");
      }
    }
  }

  private static String configKey(GenerateRequest r) {
    ModelSettings s = r.settings();
    return hash(
        ("plugin="
                + r.pluginVersion()
                + "\npackage="
                + s.packageName()
                + "\nkeras="
                + s.kerasDirectory().toAbsolutePath()
                + "\nout="
                + r.outputDirectory().toAbsolutePath()
                + "\nresources="
                + r.resourceDirectory().toAbsolutePath()
                + "\ndefaults="
                + s.defaults()
                + "\nmodels="
                + s.models()
                + "\nmaxSequenceLength="
                + s.maxSequenceLength())
            .getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] read(Path f) throws KestimatorException {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new KestimatorException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  private static void writeIfChanged(Path file, byte[] bytes) throws KestimatorException {
    try {
      if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
        return; // keep the timestamp, so the compiler's own staleness check stays quiet
      }
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new KestimatorException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path file) throws KestimatorException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new KestimatorException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The up-to-date record: configuration hash, input hashes by relative path, classes written
   * (relative to the output directory) and weights files written (relative to the resource
   * directory).
   */
  record Cache(
      String key, Map<String, String> inputs, List<String> outputs, List<String> resources) {
    static final String HEADER = "# kestimator generate cache v2";

    static Cache read(Path file) throws KestimatorException {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return null;
      }
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        return null;
      }
      String key = null;
      Map<String, String> inputs = new TreeMap<>();
      List<String> outputs = new ArrayList<>();
      List<String> resources = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] parts = line.split("\t");
        switch (parts[0]) {
          case "key" -> key = parts[1];
          case "input" -> inputs.put(parts[1], parts[2]);
          case "output" -> outputs.add(parts[1]);
          case "resource" -> resources.add(parts[1]);
          default -> {}
        }
      }
      return new Cache(key, inputs, outputs, resources);
    }

    /** Why this (the earlier) generation does not cover {@code now}, or null when it does. */
    String whyStale(Cache now, Path outputDirectory, Path resourceDirectory) {
      if (!Objects.equals(key, now.key)) {
        return "the plugin configuration or version changed";
      }
      Map<String, String> changes = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : now.inputs.entrySet()) {
        String old = inputs.get(e.getKey());
        if (old == null) {
          changes.put(e.getKey(), "is new");
        } else if (!old.equals(e.getValue())) {
          changes.put(e.getKey(), "changed");
        }
      }
      for (String old : inputs.keySet()) {
        if (!now.inputs.containsKey(old)) {
          changes.put(old, "was removed");
        }
      }
      if (!changes.isEmpty()) {
        List<String> parts = new ArrayList<>();
        changes.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
      }
      for (String o : outputs) {
        if (!Files.isRegularFile(outputDirectory.resolve(o))) {
          return "the generated " + o + " is missing";
        }
      }
      for (String r : resources) {
        if (!Files.isRegularFile(resourceDirectory.resolve(r))) {
          return "the generated weights " + r + " are missing";
        }
      }
      return null;
    }

    void write(Path file) throws KestimatorException {
      StringBuilder b =
          new StringBuilder(HEADER).append('\n').append("key\t").append(key).append('\n');
      inputs.forEach((k, v) -> b.append("input\t").append(k).append('\t').append(v).append('\n'));
      outputs.forEach(o -> b.append("output\t").append(o).append('\n'));
      resources.forEach(r -> b.append("resource\t").append(r).append('\n'));
      try {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new KestimatorException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
