package io.github.kestimator.runtime;

import io.github.kestimator.runtime.distribute.TfConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.tensorflow.proto.ConfigProto;

/**
 * tf.estimator.RunConfig: where the model lives and how often training checkpoints, writes
 * summaries and logs.
 *
 * @param modelDir the model directory (checkpoints, events, exports)
 * @param randomSeed the graph-level seed; the same seed and data order give the same weights
 * @param saveCheckpointsSteps checkpoint every this many steps (0: use {@code
 *     saveCheckpointsEvery}; tf's {@code save_checkpoints_steps})
 * @param saveCheckpointsEvery checkpoint when this much time passed since the last checkpoint
 *     ({@link Duration#ZERO}: use {@code saveCheckpointsSteps}; tf's {@code save_checkpoints_secs})
 * @param keepCheckpointMax how many of the newest checkpoints to keep (0 or less: keep all)
 * @param saveSummarySteps write the {@code loss} and {@code global_step/sec} scalars every this
 *     many steps
 * @param logStepCountSteps log the loss and the speed every this many steps
 * @param intraOpThreads TensorFlow's intra-op thread pool size, 0 for its default
 * @param interOpThreads TensorFlow's inter-op thread pool size, 0 for its default
 * @param tfConfig the cluster and this process's task; null (the default) reads the {@code
 *     TF_CONFIG} environment variable when training starts, as tf.estimator does
 */
public record RunConfig(
    Path modelDir,
    long randomSeed,
    long saveCheckpointsSteps,
    Duration saveCheckpointsEvery,
    int keepCheckpointMax,
    long saveSummarySteps,
    long logStepCountSteps,
    int intraOpThreads,
    int interOpThreads,
    TfConfig tfConfig) {

  public RunConfig {
    Objects.requireNonNull(
        saveCheckpointsEvery, "saveCheckpointsEvery (Duration.ZERO to checkpoint by steps)");
    if (saveCheckpointsSteps < 0 || saveCheckpointsEvery.isNegative()) {
      throw new IllegalArgumentException(
          "saveCheckpointsSteps and saveCheckpointsEvery must be >= 0, got "
              + saveCheckpointsSteps
              + " and "
              + saveCheckpointsEvery);
    }
    if (saveCheckpointsSteps > 0 && !saveCheckpointsEvery.isZero()) {
      throw new IllegalArgumentException(
          "give saveCheckpointsSteps or saveCheckpointsEvery, not both (got "
              + saveCheckpointsSteps
              + " steps and "
              + saveCheckpointsEvery
              + ")");
    }
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0 (0 = TensorFlow's default), got intraOpThreads="
              + intraOpThreads
              + ", interOpThreads="
              + interOpThreads);
    }
  }

  public RunConfig withModelDir(Path dir) {
    return new RunConfig(
        dir,
        randomSeed,
        saveCheckpointsSteps,
        saveCheckpointsEvery,
        keepCheckpointMax,
        saveSummarySteps,
        logStepCountSteps,
        intraOpThreads,
        interOpThreads,
        tfConfig);
  }

  /**
   * The cluster and this process's task: the explicit {@code tfConfig}, else {@code TF_CONFIG} from
   * the environment ({@link TfConfig#LOCAL} when unset).
   *
   * @throws IllegalArgumentException quoting the malformed part of TF_CONFIG
   */
  public TfConfig cluster() {
    return tfConfig != null ? tfConfig : TfConfig.fromEnvironment();
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

  /**
   * Defaults as tf.estimator's: checkpoints every 10 minutes, keep 5, summaries and logs every 100
   * steps.
   */
  public static final class Builder {
    private Path modelDir;
    private long randomSeed = 42;
    private long saveCheckpointsSteps = 0;
    private Duration saveCheckpointsEvery = Duration.ofMinutes(10);
    private int keepCheckpointMax = 5;
    private long saveSummarySteps = 100;
    private long logStepCountSteps = 100;
    private int intraOpThreads = 0;
    private int interOpThreads = 0;
    private TfConfig tfConfig;

    public Builder modelDir(Path v) {
      modelDir = v;
      return this;
    }

    public Builder randomSeed(long v) {
      randomSeed = v;
      return this;
    }

    /** Checkpoints every {@code v} steps instead of every 10 minutes. */
    public Builder saveCheckpointsSteps(long v) {
      saveCheckpointsSteps = v;
      saveCheckpointsEvery = Duration.ZERO;
      return this;
    }

    /** Checkpoints when {@code v} passed since the last checkpoint, instead of every N steps. */
    public Builder saveCheckpointsEvery(Duration v) {
      saveCheckpointsEvery = v;
      saveCheckpointsSteps = 0;
      return this;
    }

    public Builder keepCheckpointMax(int v) {
      keepCheckpointMax = v;
      return this;
    }

    public Builder saveSummarySteps(long v) {
      saveSummarySteps = v;
      return this;
    }

    public Builder logStepCountSteps(long v) {
      logStepCountSteps = v;
      return this;
    }

    public Builder intraOpThreads(int v) {
      intraOpThreads = v;
      return this;
    }

    public Builder interOpThreads(int v) {
      interOpThreads = v;
      return this;
    }

    /** The cluster and task to use instead of the {@code TF_CONFIG} environment variable. */
    public Builder tfConfig(TfConfig v) {
      tfConfig = v;
      return this;
    }

    public RunConfig build() {
      return new RunConfig(
          modelDir,
          randomSeed,
          saveCheckpointsSteps,
          saveCheckpointsEvery,
          keepCheckpointMax,
          saveSummarySteps,
          logStepCountSteps,
          intraOpThreads,
          interOpThreads,
          tfConfig);
    }
  }
}
