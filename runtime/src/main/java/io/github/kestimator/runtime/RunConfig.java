package io.github.kestimator.runtime;

import java.nio.file.Path;

/**
 * tf.estimator.RunConfig. SKELETON of the fields; the runtime work completes it.
 */
public record RunConfig(
    Path modelDir, long randomSeed, long saveCheckpointsSteps, long saveCheckpointsSecs, int keepCheckpointMax,
    long saveSummarySteps, long logStepCountSteps, int intraOpThreads, int interOpThreads) {

  public RunConfig withModelDir(Path dir) {
    return new RunConfig(dir, randomSeed, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax, saveSummarySteps,
        logStepCountSteps, intraOpThreads, interOpThreads);
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
    public Builder saveCheckpointsSteps(long v) { saveCheckpointsSteps = v; saveCheckpointsSecs = 0; return this; }
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
