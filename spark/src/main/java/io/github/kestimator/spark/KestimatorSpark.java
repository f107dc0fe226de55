package io.github.kestimator.spark;

import io.github.kestimator.runtime.Estimator;
import io.github.kestimator.runtime.export.SavedModelDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Typed entry points from Java: Spark transformers of kestimator exports. */
public final class KestimatorSpark {
  private KestimatorSpark() {}

  /** A transformer of the SavedModel in {@code exportDir} ({@code <model_dir>/export/<name>/<timestamp>}). */
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
    return transformer(newestExport(estimator.config().modelDir()));
  }

  /** The newest complete export under {@code modelDir/export/*}/. */
  static Path newestExport(Path modelDir) {
    Path base = modelDir.resolve("export");
    List<Path> exporters;
    try (Stream<Path> s = Files.isDirectory(base) ? Files.list(base) : Stream.empty()) {
      exporters = s.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
    }
    return exporters.stream()
        .flatMap(e -> SavedModelDirs.list(e).stream())
        .max(Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString())).thenComparing(Path::toString))
        .orElseThrow(() -> new IllegalArgumentException("model dir " + modelDir + " has no export under " + base
            + "; export one first (estimator.exportSavedModel(...) or an exporter in the EvalSpec)"));
  }
}
