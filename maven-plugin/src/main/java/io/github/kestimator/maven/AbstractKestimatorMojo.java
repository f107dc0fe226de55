package io.github.kestimator.maven;

import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.OptimizerType;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The parameters every goal shares (where the Keras models are, how they compile, the package of
 * generated classes) and their translation into an immutable {@link ModelSettings}. Subclasses are
 * thin: they build a request and call a plain service.
 */
abstract class AbstractKestimatorMojo extends AbstractMojo {
  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /**
   * The directory holding Keras model files: {@code *.json} as {@code model.to_json()} writes it
   * (with its weights when {@code <name>.weights.h5} from {@code save_weights} is beside it),
   * {@code *.h5}, and Keras 3 {@code *.keras} archives.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "kestimator.kerasDirectory",
      defaultValue = "${project.basedir}/src/main/keras")
  File kerasDirectory;

  /**
   * The package of the model classes generated from Keras files (required by {@code generate}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.packageName")
  String packageName;

  /**
   * Keras loss for every model, e.g. {@code binary_crossentropy}. A model's {@code <models>} entry
   * overrides it; it overrides the Keras file's training config. Default when nobody says: {@code
   * binary_crossentropy}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.loss")
  String loss;

  /**
   * Keras' {@code from_logits} for every model's loss.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.fromLogits")
  Boolean fromLogits;

  /**
   * Keras optimizer for every model, e.g. {@code adam}, {@code sgd}, {@code rmsprop}. Default when
   * neither the configuration nor the Keras file says: {@code adam}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.optimizer")
  String optimizer;

  /**
   * The optimizer's {@code learning_rate} for every model; default: the Keras file's, else Keras'
   * default.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.learningRate")
  Double learningRate;

  /**
   * Keras metrics for every model, e.g. {@code accuracy}, {@code auc}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.metrics")
  List<String> metrics;

  /**
   * The maximum sequence length of Keras inputs whose length the file leaves unknown (Keras' {@code
   * Input((None,))}, an Embedding without {@code input_length}): it becomes their fixed length
   * (sequences are padded or cut to it before they reach the model) and the generated model's
   * {@code inputShape}. A file with such an input and no length is refused naming this parameter.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.maxSequenceLength")
  Integer maxSequenceLength;

  /**
   * Per-model settings: {@code file}, {@code className}, {@code loss}, {@code fromLogits}, {@code
   * optimizer}, {@code learningRate}, {@code metrics}, {@code maxSequenceLength}.
   *
   * @since 0.1.0
   */
  @Parameter List<ModelConfiguration> models;

  /**
   * Skips every kestimator goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "kestimator.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoFailureException {
    try {
      before();
      if (skip) {
        getLog().info("Skipping kestimator (kestimator.skip)");
        return;
      }
      run();
    } catch (KestimatorException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** Runs even when skipped (e.g. registering source roots). */
  void before() {}

  abstract void run() throws KestimatorException;

  ModelSettings settings() throws KestimatorException {
    List<ModelSettings.ModelOverride> overrides = new ArrayList<>();
    if (models != null) {
      for (ModelConfiguration m : models) {
        if (m.file == null || m.file.isBlank()) {
          throw new KestimatorException(
              "<models>: every <model> needs a <file> (a Keras file in " + kerasDirectory + ")");
        }
        overrides.add(
            new ModelSettings.ModelOverride(
                m.file,
                m.className,
                options(
                    "<model> " + m.file + ": ",
                    m.loss,
                    m.fromLogits,
                    m.optimizer,
                    m.learningRate,
                    m.metrics),
                positive("<model> " + m.file + ": <maxSequenceLength>", m.maxSequenceLength)));
      }
    }
    return new ModelSettings(
        kerasDirectory.toPath(),
        project.getBasedir().toPath(),
        packageName,
        options("", loss, fromLogits, optimizer, learningRate, metrics),
        overrides,
        positive("<maxSequenceLength>", maxSequenceLength));
  }

  private static Integer positive(String where, Integer value) throws KestimatorException {
    if (value != null && value < 1) {
      throw new KestimatorException(where + " must be at least 1, got " + value);
    }
    return value;
  }

  BuildLog log() {
    Log log = getLog();
    return new BuildLog() {
      @Override
      public void info(String message) {
        log.info(message);
      }

      @Override
      public void warn(String message) {
        log.warn(message);
      }
    };
  }

  private static CompileOptions options(
      String where,
      String loss,
      Boolean fromLogits,
      String optimizer,
      Double learningRate,
      List<String> metrics)
      throws KestimatorException {
    List<Metric> m = null;
    if (metrics != null) {
      m = new ArrayList<>();
      for (String s : metrics) {
        m.add(parse(where + "<metrics>", Metric.class, s));
      }
    }
    return new CompileOptions(
        loss == null ? null : parse(where + "<loss>", Loss.class, loss),
        fromLogits,
        optimizer == null ? null : parse(where + "<optimizer>", OptimizerType.class, optimizer),
        learningRate,
        m);
  }

  private static <E extends Enum<E>> E parse(String where, Class<E> type, String value)
      throws KestimatorException {
    String v = value.trim();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    throw new KestimatorException(
        where
            + " '"
            + value
            + "' is not a Keras "
            + type.getSimpleName().toLowerCase(Locale.ROOT)
            + " kestimator supports; use one of "
            + names
            + io.github.kestimator.model.Names.didYouMean(v, names));
  }
}
