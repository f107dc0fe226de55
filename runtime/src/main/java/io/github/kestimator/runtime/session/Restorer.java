package io.github.kestimator.runtime.session;

import io.github.kestimator.runtime.modeldir.Checkpoints;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a model directory's state into the session of an evaluation, a prediction or an export: the
 * latest checkpoint, refusing a directory that holds another model's; in a directory without a
 * checkpoint, the initial weights of a warm-started model (nothing is written); else an error
 * naming the directory.
 */
public final class Restorer {
  private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);

  private final Path modelDir;
  private final Checkpoints checkpoints;
  private final WarmStart warmStart;

  public Restorer(Path modelDir, Checkpoints checkpoints, WarmStart warmStart) {
    this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.warmStart = Objects.requireNonNull(warmStart, "warmStart");
  }

  /**
   * Restores the latest checkpoint into {@code s}, or initializes it from the initial weights.
   *
   * @return the global step of the state restored (0 for the initial weights)
   * @throws IllegalStateException when the directory holds another model's checkpoints, has no
   *     checkpoint and the model no initial weights ("no checkpoint in ...: train first"), or its
   *     checkpoint is unreadable
   */
  public long restore(ModelSession s) {
    s.fingerprint().checkModelDir(modelDir, false);
    if (warmStart.isPresent() && checkpoints.latestStep().isEmpty()) {
      int assigned = warmStart.initialize(s);
      LOG.info(
          "Model dir {} has no checkpoint yet: using the {} initial weights (global step 0).",
          modelDir,
          assigned);
      return s.globalStep();
    }
    return checkpoints.restoreLatest(s.session());
  }
}
