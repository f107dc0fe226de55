package io.github.kestimator.runtime.export;

import io.github.kestimator.runtime.binding.MetricValues;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An exporter run after each evaluation in {@link
 * io.github.kestimator.runtime.Estimator#trainAndEvaluate}, as tf.estimator's: it decides whether
 * to write a SavedModel into {@code <model_dir>/export/<name>/<timestamp>/}.
 *
 * @param <M> the metrics it reads
 */
public interface Exporter<M> {
  /** The exporter's name, also its directory under {@code <model_dir>/export/}. */
  String name();

  /**
   * Called after an evaluation.
   *
   * @return the export written, or empty when this exporter chose not to export
   */
  Optional<Path> export(Request<? extends M> request);

  /** Writes the latest checkpoint as a SavedModel under a base directory; returns the export. */
  @FunctionalInterface
  interface SavedModelWriter {
    Path exportSavedModel(Path base);
  }

  /**
   * One evaluation's outcome, handed to the exporters.
   *
   * @param exportDir {@code <model_dir>/export/<name>}
   * @param metrics the typed metrics
   * @param values the same metrics by key, with {@code loss} and the global step
   * @param isFinal true for the evaluation that ends trainAndEvaluate
   * @param writer writes a SavedModel of the evaluated checkpoint
   */
  record Request<M>(
      Path exportDir, M metrics, MetricValues values, boolean isFinal, SavedModelWriter writer) {}

  /** Exporter names are directory names; refuse anything that could leave the export dir. */
  static String checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
      throw new IllegalArgumentException(
          "exporter name must be a plain directory name of letters, digits, '_', '-' and '.'"
              + " (not starting with '.'), got "
              + (name == null ? "null" : "'" + name + "'"));
    }
    return name;
  }
}
