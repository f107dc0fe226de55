package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OutputMode;
import io.github.kestimator.model.Params;
import io.github.kestimator.model.Vocabulary;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the preprocessing layers' state lives: {@code <model_dir>/assets/<layer>/}, one directory
 * per {@code TextVectorization}, {@code StringLookup}, {@code IntegerLookup} and {@code
 * Normalization} layer:
 *
 * <ul>
 *   <li>{@code vocabulary.txt}: Keras' {@code get_vocabulary()} as a {@code .keras} archive keeps
 *       it (UTF-8, line {@code i} = the token of index {@code i}, special tokens first, no trailing
 *       newline);
 *   <li>{@code tokens.txt}: the tokens after the special ones, one per line: the file the lookup
 *       table is filled from, and the SavedModel asset;
 *   <li>{@code idf_weights.txt}: {@code tf_idf} only, one float per index of the vocabulary;
 *   <li>{@code mean_variance.json}: Normalization, {@code {"mean": [..], "variance": [..], "count":
 *       n}}.
 * </ul>
 *
 * <p>A layer with its state in its parameters (a fixed vocabulary, a given mean) has it written
 * here too, from the parameters, whenever the files differ. A layer that {@link Layer#needsAdapt()
 * needs adapt} reads what {@link #write} stored: a whole directory renamed into place, so a reader
 * sees a layer's complete state or none.
 */
public final class LayerStates {
  /** The state directory's name in the model dir (as a SavedModel's {@code assets/}). */
  public static final String ASSETS = "assets";

  public static final String VOCABULARY = "vocabulary.txt";
  public static final String TOKENS = "tokens.txt";
  public static final String IDF_WEIGHTS = "idf_weights.txt";
  public static final String MEAN_VARIANCE = "mean_variance.json";

  private final Path dir;
  private final boolean temporary;

  private LayerStates(Path dir, boolean temporary) {
    this.dir = dir;
    this.temporary = temporary;
  }

  /** The state of the model in {@code modelDir}: {@code <modelDir>/assets/}. */
  public static LayerStates of(Path modelDir) {
    return new LayerStates(modelDir.resolve(ASSETS), false);
  }

  /**
   * State for a graph built without a model dir (tests, benchmarks): fixed vocabularies are written
   * to a temporary directory; layers that need adapt have none.
   */
  public static LayerStates temporary() {
    try {
      Path d = Files.createTempDirectory("kestimator-layer-state");
      d.toFile().deleteOnExit();
      return new LayerStates(d, true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary directory for lookup tables: " + e.getMessage(), e);
    }
  }

  /** Whether layers of {@code kind} have state (a vocabulary, a mean and variance). */
  public static boolean hasState(LayerKind kind) {
    return isLookup(kind) || kind == LayerKind.NORMALIZATION;
  }

  static boolean isLookup(LayerKind kind) {
    return kind == LayerKind.TEXT_VECTORIZATION
        || kind == LayerKind.STRING_LOOKUP
        || kind == LayerKind.INTEGER_LOOKUP;
  }

  /** The state directory, {@code <model_dir>/assets}. */
  public Path dir() {
    return dir;
  }

  /** Layer {@code layer}'s directory. */
  public Path dir(String layer) {
    return dir.resolve(layer);
  }

  /** Whether {@code layer}'s adapted state is stored. */
  public boolean has(Layer layer) {
    return Files.isDirectory(dir(layer.name()));
  }

  /** The layers of {@code model} that need adapt and have no stored state, in layer order. */
  public List<Layer> missing(Model model) {
    List<Layer> out = new ArrayList<>();
    for (Layer l : model.layers()) {
      if (l.needsAdapt() && !has(l)) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * Throws when a layer needs adapt and has no state: a clear error naming the layer.
   *
   * @throws IllegalStateException "... adapt first: estimator.adapt(input) or train"
   */
  public void requireAdapted(Model model) {
    List<Layer> missing = missing(model);
    if (!missing.isEmpty()) {
      Layer l = missing.get(0);
      throw new IllegalStateException(
          Diagnostic.ADAPT_FIRST.format(
              l.kind().kerasName()
                  + " layer '"
                  + l.name()
                  + "' learns its "
                  + (l.kind() == LayerKind.NORMALIZATION ? "mean and variance" : "vocabulary")
                  + " from data and "
                  + (temporary
                      ? "this graph has no model dir to keep it in"
                      : dir(l.name()) + " holds none")
                  + ": adapt first: estimator.adapt(input) or train"
                  + (missing.size() > 1
                      ? " (" + (missing.size() - 1) + " more layers need it too)"
                      : "")));
    }
  }

  /** The state layer {@code layer}'s graph reads; null for a layer without state. */
  public LayerState state(Layer layer) {
    if (!hasState(layer.kind())) {
      return null;
    }
    Path d = dir(layer.name());
    Params p = layer.params();
    if (layer.kind() == LayerKind.NORMALIZATION) {
      if (!layer.needsAdapt()) {
        return LayerState.moments(floats(p.getDoubles("mean")), floats(p.getDoubles("variance")));
      }
      requireAdapted(layer);
      return readMoments(layer.name(), d.resolve(MEAN_VARIANCE));
    }
    Vocabulary layout = Vocabulary.of(layer.kind(), p);
    boolean tfIdf = p.getEnum("outputMode", OutputMode.class) == OutputMode.TF_IDF;
    if (!layer.needsAdapt()) {
      List<String> vocabulary = strings(layout.full());
      float[] idf = tfIdf ? floats(layout.fullIdfWeights(p.getDoubles("idfWeights"))) : null;
      writeIfChanged(d.resolve(VOCABULARY), String.join("\n", vocabulary));
      writeIfChanged(
          d.resolve(TOKENS),
          tokenText(layer.name(), d.resolve(TOKENS), vocabulary, layout.tokenStart()));
      if (idf != null) {
        writeIfChanged(d.resolve(IDF_WEIGHTS), idfText(idf));
      }
      return LayerState.lookup(vocabulary, d.resolve(TOKENS), idf);
    }
    requireAdapted(layer);
    List<String> vocabulary = VocabularyFile.read(layer.name(), d.resolve(VOCABULARY));
    checkSpecialTokens(layer, layout, vocabulary, d.resolve(VOCABULARY));
    Path tokens = d.resolve(TOKENS);
    if (!Files.isRegularFile(tokens)) { // e.g. a vocabulary.txt copied from a .keras archive
      writeIfChanged(tokens, tokenText(layer.name(), tokens, vocabulary, layout.tokenStart()));
    }
    float[] idf = tfIdf ? readIdf(layer.name(), d.resolve(IDF_WEIGHTS), vocabulary.size()) : null;
    return LayerState.lookup(vocabulary, tokens, idf);
  }

  private void requireAdapted(Layer layer) {
    if (!has(layer)) {
      throw new IllegalStateException(
          Diagnostic.ADAPT_FIRST.format(
              layer.kind().kerasName()
                  + " layer '"
                  + layer.name()
                  + "' learns its state from data"
                  + " and "
                  + dir(layer.name())
                  + " holds none: adapt first: estimator.adapt(input) or train"));
    }
  }

  /**
   * Stores the adapted state of each layer (by name), each as a whole directory renamed into place
   * (replacing an older one). Call it holding the model dir's lock.
   *
   * @param states by layer: vocabularies (Keras' {@code get_vocabulary()}) and idf weights, or mean
   *     and variance
   */
  public void write(Map<Layer, LayerState> states) {
    for (Map.Entry<Layer, LayerState> e : states.entrySet()) {
      String layer = e.getKey().name();
      LayerState s = e.getValue();
      Path target = dir(layer);
      Path tmp = dir.resolve("." + layer + ".tmp-" + System.nanoTime());
      try {
        Files.createDirectories(tmp);
        if (s.vocabulary() != null) {
          VocabularyFile.write(layer, tmp.resolve(VOCABULARY), s.vocabulary());
          int tokenStart = Vocabulary.of(e.getKey().kind(), e.getKey().params()).tokenStart();
          VocabularyFile.writeTokens(layer, tmp.resolve(TOKENS), s.vocabulary(), tokenStart);
          if (s.idfWeights() != null) {
            Files.writeString(
                tmp.resolve(IDF_WEIGHTS), idfText(s.idfWeights()), StandardCharsets.UTF_8);
          }
        } else {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("mean", boxed(s.mean()));
          json.put("variance", boxed(s.variance()));
          Files.writeString(tmp.resolve(MEAN_VARIANCE), Json.write(json), StandardCharsets.UTF_8);
        }
        if (Files.exists(target)) {
          Path old = dir.resolve("." + layer + ".old-" + System.nanoTime());
          Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          deleteTree(old);
        } else {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(
            "layer '"
                + layer
                + "': cannot write its adapted state to "
                + target
                + ": "
                + ex.getMessage(),
            ex);
      }
    }
  }

  private static void checkSpecialTokens(
      Layer layer, Vocabulary layout, List<String> vocabulary, Path file) {
    List<String> special = strings(layout.full());
    if (vocabulary.size() < special.size()
        || !vocabulary.subList(0, special.size()).equals(special)) {
      throw new IllegalStateException(
          layer.kind().kerasName()
              + " layer '"
              + layer.name()
              + "': "
              + file
              + " must start with the special tokens "
              + special
              + " (Keras' get_vocabulary()), but starts with "
              + vocabulary.subList(0, Math.min(vocabulary.size(), special.size())));
    }
    int maxTokens = layer.params().getInt("maxTokens");
    if (maxTokens > 0 && vocabulary.size() > maxTokens) {
      throw new IllegalStateException(
          layer.kind().kerasName()
              + " layer '"
              + layer.name()
              + "': "
              + file
              + " holds "
              + vocabulary.size()
              + " entries, more than maxTokens = "
              + maxTokens);
    }
  }

  private static String tokenText(
      String layer, Path file, List<String> vocabulary, int tokenStart) {
    StringBuilder b = new StringBuilder();
    for (String t :
        vocabulary.subList(Math.min(tokenStart, vocabulary.size()), vocabulary.size())) {
      if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
        throw new IllegalStateException(
            "layer '"
                + layer
                + "': the token '"
                + t.replace("\n", "\\n")
                + "' for "
                + file
                + " holds a line break; vocabulary files keep one token per line");
      }
      b.append(t).append('\n');
    }
    return b.toString();
  }

  private static String idfText(float[] idf) {
    StringBuilder b = new StringBuilder();
    for (float w : idf) {
      b.append(w).append('\n');
    }
    return b.toString();
  }

  private static float[] readIdf(String layer, Path file, int size) {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "layer '" + layer + "' (tf_idf): " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "layer '" + layer + "': cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.size() != size) {
      throw new IllegalStateException(
          "layer '"
              + layer
              + "': "
              + file
              + " holds "
              + lines.size()
              + " idf weights, expected one per vocabulary index ("
              + size
              + ")");
    }
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      try {
        out[i] = Float.parseFloat(lines.get(i));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "layer '"
                + layer
                + "': line "
                + (i + 1)
                + " of "
                + file
                + " is not a number: '"
                + lines.get(i)
                + "'",
            e);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static LayerState readMoments(String layer, Path file) {
    try {
      Map<String, Object> m =
          (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      float[] mean = floats((List<? extends Number>) m.get("mean"));
      float[] variance = floats((List<? extends Number>) m.get("variance"));
      if (mean.length == 0 || mean.length != variance.length) {
        throw new IllegalStateException(
            "layer '"
                + layer
                + "': "
                + file
                + " must hold a mean and a variance of the same"
                + " non-zero length, got "
                + mean.length
                + " and "
                + variance.length);
      }
      return LayerState.moments(mean, variance);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "layer '" + layer + "' (Normalization): " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "layer '" + layer + "': cannot read " + file + ": " + e.getMessage(), e);
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "layer '"
              + layer
              + "': "
              + file
              + " is not {\"mean\": [...], \"variance\": [...]}: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Writes {@code text} to {@code file} unless it already holds it (a temp file renamed into
   * place).
   */
  private static void writeIfChanged(Path file, String text) {
    try {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return;
      }
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path d) throws IOException {
    try (var files = Files.walk(d)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  static List<String> strings(List<?> values) {
    return values.stream().map(String::valueOf).toList();
  }

  static float[] floats(List<? extends Number> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  private static List<Double> boxed(float[] values) {
    List<Double> out = new ArrayList<>();
    for (float v : values) {
      out.add((double) v);
    }
    return out;
  }
}
