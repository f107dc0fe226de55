package io.github.kestimator.runtime.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * tf.estimator.LatestExporter: exports after every evaluation and keeps the newest {@code keep}
 * exports.
 */
public final class LatestExporter<M> implements Exporter<M> {
  private final String name;
  private final int keep;

  private LatestExporter(String name, int keep) {
    this.name = Exporter.checkName(name);
    if (keep < 1) {
      throw new IllegalArgumentException(
          "LatestExporter '" + name + "' must keep at least 1 export, got " + keep);
    }
    this.keep = keep;
  }

  /** Keeps the newest {@code keep} exports (tf's default is 5). */
  public static <M> LatestExporter<M> of(String name, int keep) {
    return new LatestExporter<>(name, keep);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Path> export(Request<? extends M> request) {
    Path dir = request.writer().exportSavedModel(request.exportDir());
    List<Path> all = SavedModelDirs.list(request.exportDir());
    for (int i = 0; i < all.size() - keep; i++) {
      SavedModelDirs.deleteRecursively(all.get(i));
    }
    return Optional.of(dir);
  }
}
