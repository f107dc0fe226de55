package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.Problem;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Keras model file read into a spec {@link ModelSpec} and, where the file has them, its weights:
 * the one entry point for every Keras format this project reads.
 *
 * <ul>
 *   <li>{@code .h5} / {@code .hdf5} full model ({@code model.save}, Keras 1.x, 2.x, tf.keras 2.x):
 *       the {@code model_config} and {@code training_config} attributes and {@code model_weights};
 *   <li>{@code .keras} (Keras 3 zip archive): {@code config.json}, {@code metadata.json} and {@code
 *       model.weights.h5}, read in memory;
 *   <li>{@code .json} ({@code model.to_json()}): the config alone, or with a weights-only HDF5 file
 *       ({@code save_weights}, Keras 1/2 or Keras 3's {@code model.weights.h5}) through {@link
 *       #read(Path, Path)}.
 * </ul>
 *
 * <p>The format is told by the file's first bytes, not its name. Keras 3 weights are found by each
 * layer's object path ({@link ObjectPaths}), Keras 1/2 weights by layer and weight name.
 *
 * <p>Nothing in a file is ever run: Lambda layers and custom objects are refused by name. Every
 * problem is a {@link KerasFormatException} naming the file and what is wrong.
 */
public final class KerasFile {
  private final String source;
  private final KerasModel model;
  private final Hdf5.Weights weights;

  private KerasFile(String source, KerasModel model, Hdf5.Weights weights) {
    this.source = source;
    this.model = model;
    this.weights = weights;
  }

  /** Whether a file name is one {@link #read(Path)} reads. */
  public static boolean isKerasFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras") || n.endsWith(".json");
  }

  /**
   * Reads a full-model HDF5 file, a {@code .keras} archive or a {@code .json} config (no weights),
   * told apart by the file's first bytes, not its name ({@link FileFormat}).
   */
  public static KerasFile read(Path file) throws IOException {
    String source = file.toString();
    switch (FileFormat.of(file)) {
      case HDF5 -> {
        try (HdfFile h5 = Hdf5.open(file)) {
          String config;
          String version;
          try {
            config = Hdf5.string(h5, "model_config");
            version = Hdf5.string(h5, "keras_version");
          } catch (RuntimeException e) {
            throw Hdf5.corrupt(source, e);
          }
          if (config == null) {
            throw new KerasFormatException(
                Diagnostic.FORMAT,
                source,
                null,
                null,
                "no model_config attribute: this is a"
                    + " weights-only file (save_weights); read it together with the model's config (model.to_json())");
          }
          String training;
          try {
            training = Hdf5.string(h5, "training_config");
          } catch (RuntimeException e) {
            throw Hdf5.corrupt(source, e);
          }
          String json =
              training == null
                  ? config
                  : "{\"model_config\": " + config + ", \"training_config\": " + training + "}";
          KerasModel m = KerasConfigReader.readJson(json, source, version);
          return new KerasFile(source, m, Hdf5.weights(h5, source));
        }
      }
      case ZIP -> {
        KerasArchive a;
        try (InputStream in = Files.newInputStream(file)) {
          a = KerasArchive.read(in, source, true);
        }
        KerasModel m =
            Vocabularies.fill(
                KerasConfigReader.readJson(
                    a.config(),
                    source + "!/config.json",
                    KerasConfigReader.metadataVersion(a.metadata())),
                a.vocabularies());
        if (a.weights() == null) {
          return new KerasFile(source, m, null);
        }
        String weightsSource = source + "!/model.weights.h5";
        try (HdfFile h5 = Hdf5.open(a.weights(), weightsSource)) {
          KerasModel filled = PreprocessingState.fill(m, h5, weightsSource);
          return new KerasFile(
              source,
              filled,
              Hdf5.weights(h5, weightsSource, PreprocessingState.statePaths(filled)));
        }
      }
      default -> {
        return new KerasFile(source, KerasConfigReader.read(file), null);
      }
    }
  }

  /**
   * Reads a {@code model.to_json()} config with the weights {@code save_weights} wrote to an HDF5
   * file: Keras 1/2's layout (by layer name) or Keras 3's {@code model.weights.h5} (by object
   * path).
   */
  public static KerasFile read(Path configJson, Path weightsH5) throws IOException {
    KerasModel m = KerasConfigReader.read(configJson);
    try (HdfFile h5 = Hdf5.open(weightsH5)) {
      KerasModel filled = PreprocessingState.fill(m, h5, weightsH5.toString());
      return new KerasFile(
          configJson.toString(),
          filled,
          Hdf5.weights(h5, weightsH5.toString(), PreprocessingState.statePaths(filled)));
    }
  }

  /**
   * This file with every input of unknown sequence length (Keras' {@code Input((None,))}, an
   * Embedding without {@code input_length}) fixed to {@code maxLength} ({@link
   * KerasModel#withMaxSequenceLength}); a file without such inputs is returned as it is. Sequences
   * reach the model padded or cut to that length.
   */
  public KerasFile withMaxSequenceLength(int maxLength) {
    KerasModel m = model.withMaxSequenceLength(maxLength);
    return m == model ? this : new KerasFile(source, m, weights);
  }

  /** The file read, for messages. */
  public String source() {
    return source;
  }

  /** The model as Keras configured it. */
  public KerasModel model() {
    return model;
  }

  /** Whether the file holds weights ({@code .json} configs do not). */
  public boolean hasWeights() {
    return weights != null;
  }

  /**
   * The file's training settings kestimator cannot use ({@link KerasModel#unsupportedTraining()}):
   * left out of {@link #spec()}, so they never block a summary, a prediction, an export or a warm
   * start; {@link #checkTrainable()} refuses them. Empty when there are none.
   */
  public List<String> unsupportedTraining() {
    return model.unsupportedTraining();
  }

  /**
   * A warning naming the file and every training setting it ignores, for tools to print when they
   * only summarize, predict or export; null when nothing is ignored.
   */
  public String trainingWarning() {
    List<String> u = unsupportedTraining();
    return u.isEmpty()
        ? null
        : Diagnostic.TRAINING_IGNORED.format(
            source
                + ": training settings kestimator cannot use"
                + " are ignored (prediction, export and warm start do not need them; training refuses them): "
                + String.join("; ", u));
  }

  /**
   * Fails when the file's training settings include any kestimator cannot train with, naming the
   * file and each of them; call it before training or evaluating with the file's settings.
   *
   * @throws KerasFormatException {@code [KerasUnsupportedTraining]}
   */
  public void checkTrainable() {
    List<String> u = unsupportedTraining();
    if (!u.isEmpty()) {
      throw new KerasFormatException(
          Diagnostic.UNSUPPORTED_TRAINING,
          source,
          null,
          null,
          "cannot train with the file's"
              + " training settings: "
              + String.join("; ", u)
              + " are not supported (give the estimator other compile"
              + " settings, or predict and export only)");
    }
  }

  /** The model description with the file's compile settings ({@link KerasModel#compile()}). */
  public ModelSpec spec() {
    return model.toSpec(model.compile());
  }

  /** The validated model; fails naming the file and every problem. */
  public Model analyze() {
    return analyze(spec());
  }

  /**
   * {@code spec} (this file's model, possibly with other compile settings) validated; fails naming
   * the file.
   */
  public Model analyze(ModelSpec spec) {
    ModelAnalyzer.Analysis a = ModelAnalyzer.analyze(spec);
    if (!a.ok()) {
      StringBuilder b = new StringBuilder("the model '" + spec.name() + "' is not valid:");
      for (Problem p : a.problems()) {
        b.append("\n  ").append(p);
      }
      throw new KerasFormatException(Diagnostic.MODEL, source, null, null, b.toString());
    }
    return a.model();
  }

  /**
   * The file's weights matched with {@code model}'s (this file's model, analyzed), every shape
   * checked.
   *
   * @throws KerasFormatException when the file has no weights, or a weight is missing, surplus or
   *     shaped differently (naming the layer, the weight, the expected and the found shape)
   */
  public KerasWeights weights(Model model) {
    if (weights == null) {
      throw new KerasFormatException(
          Diagnostic.WEIGHTS,
          source,
          null,
          null,
          "the file holds no weights (a model config"
              + " only); give a full-model .h5, a .keras archive, or the config with its weights file");
    }
    return KerasWeights.match(
        source, model, weights.layers(), weights.numbered() ? this.model.objectPaths() : null);
  }
}
