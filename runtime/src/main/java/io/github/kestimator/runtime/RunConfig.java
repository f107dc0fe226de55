package io.github.kestimator.runtime;

import java.nio.file.Path;
import org.tensorflow.proto.ConfigProto;

/**
 * tf.estimator.RunConfig: where the model lives and how often training checkpoints, writes
 * summaries and logs.
 *
 * @param modelDir the model directory (checkpoints, events, exports)
 * @param randomSeed the graph-level seed; the same seed and data order give the same weights
 * @param saveCheckpointsSteps checkpoint every this many steps (0: use {@code saveCheckpointsSecs})
 * @param saveCheckpointsSecs checkpoint every this many seconds (0: use {@code saveCheckpointsSteps})
 * @param keepCheckpointMax how many of the newest checkpoints to keep (0 or less: keep all)
 * @param saveSummarySteps write the {@code loss} and {@code global_step/sec} scalars every this many steps
 * @param logStepCountSteps log the loss and the speed every this many steps
 * @param intraOpThreads TensorFlow's intra-op thread pool size, 0 for its default
 * @param interOpThreads TensorFlow's inter-op thread pool size, 0 for its default
 */
public record RunConfig(
    Path modelDir, long randomSeed, long saveCheckpointsSteps, long saveCheckpointsSecs, int keepCheckpointMax,
    long saveSummarySteps, long logStepCountSteps, int intraOpThreads, int interOpThreads) {

  public RunConfig {
    if (saveCheckpointsSteps < 0 || saveCheckpointsSecs < 0) {
      throw new IllegalArgumentException("saveCheckpointsSteps and saveCheckpointsSecs must be >= 0, got "
          + saveCheckpointsSteps + " and " + saveCheckpointsSecs);
    }
    if (saveCheckpointsSteps > 0 && saveCheckpointsSecs > 0) {
      throw new IllegalArgumentException("give saveCheckpointsSteps or saveCheckpointsSecs, not both (got "
          + saveCheckpointsSteps + " steps and " + saveCheckpointsSecs + " s)");
    }
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0 (0 = TensorFlow's default), got intraOpThreads="
          + intraOpThreads + ", interOpThreads=" + interOpThreads);
    }
  }

  public RunConfig withModelDir(Path dir) {
    return new RunConfig(dir, randomSeed, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax, saveSummarySteps,
        logStepCountSteps, intraOpThreads, interOpThreads);
  }

  /** The session options this config asks for. */
  public ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as tf.estimator's: checkpoints every 600 s, keep 5, summaries and logs every 100 steps. */
  public static final class Builder {
    private Path modelDir;
    private long randomSeed = 42;
    private long saveCheckpointsSteps = 0;
    private long saveCheckpointsSecs = 600;
    private int keepCheckpointMax = 5;
    private long saveSummarySteps = 100;
    private long logStepCountSteps = 100;
    private int intraOpThreads = 0;
    private int interOpThreads = 0;

    public Builder modelDir(Path v) { modelDir = v; return this; }
    public Builder randomSeed(long v) { randomSeed = v; return this; }
    /** Checkpoints every {@code v} steps instead of every N seconds. */
    public Builder saveCheckpointsSteps(long v) { saveCheckpointsSteps = v; saveCheckpointsSecs = 0; return this; }
    /** Checkpoints every {@code v} seconds instead of every N steps. */
    public Builder saveCheckpointsSecs(long v) { saveCheckpointsSecs = v; saveCheckpointsSteps = 0; return this; }
    public Builder keepCheckpointMax(int v) { keepCheckpointMax = v; return this; }
    public Builder saveSummarySteps(long v) { saveSummarySteps = v; return this; }
    public Builder logStepCountSteps(long v) { logStepCountSteps = v; return this; }
    public Builder intraOpThreads(int v) { intraOpThreads = v; return this; }
    public Builder interOpThreads(int v) { interOpThreads = v; return this; }

    public RunConfig build() {
      return new RunConfig(modelDir, randomSeed, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax,
          saveSummarySteps, logStepCountSteps, intraOpThreads, interOpThreads);
    }
  }
}
