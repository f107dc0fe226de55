package io.github.kestimator.spark;

import io.github.kestimator.runtime.Estimator;
import java.nio.file.Path;

/** Typed entry points from Java: Spark transformers of kestimator exports. */
public final class KestimatorSpark {
  private KestimatorSpark() {}

  /**
   * A transformer of the SavedModel in {@code exportDir} ({@code
   * <model_dir>/export/<name>/<timestamp>}).
   */
  public static KestimatorModel transformer(Path exportDir) {
    return KestimatorModel.of(exportDir);
  }

  /**
   * A transformer of {@code estimator}'s newest export: the newest {@code <timestamp>} directory
   * under any exporter of its model dir ({@code export/<name>/}), as TensorFlow Serving picks the
   * newest version.
   *
   * @throws IllegalArgumentException when the model dir has no export yet
   */
  public static KestimatorModel transformer(Estimator<?, ?, ?, ?> estimator) {
    Path base = estimator.config().modelDir().resolve("export");
    return transformer(
        estimator
            .latestExport()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model dir "
                            + estimator.config().modelDir()
                            + " has no export under "
                            + base
                            + "; export one first"
                            + " (estimator.exportSavedModel(...) or an exporter in the EvalSpec)")));
  }
}
