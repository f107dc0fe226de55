package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.modeldir.EventWriter;
import io.github.kestimator.runtime.modeldir.Fingerprint;
import java.io.Console;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of tf.estimator's MonitoredTrainingSession: resumes from the latest checkpoint
 * (or initializes and saves step 0), runs one optimizer step per batch, logs, writes summaries,
 * checkpoints every N steps or seconds, stops on a NaN loss without saving, and saves a final
 * checkpoint. Owns the TRAIN session and the event file.
 */
public final class Trainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /**
   * Called after each checkpoint is saved (tf's CheckpointSaverListener); returns true to stop
   * training.
   */
  @FunctionalInterface
  public interface CheckpointListener {
    boolean afterSave(long globalStep);
  }

  private final RunConfig config;
  private final Checkpoints checkpoints;
  private final ModelSession session;
  private final List<String> outputLossKeys;
  private EventWriter events;
  private long step;
  private long savedStep;
  private long lastSaveNanos = System.nanoTime();
  private long localSteps;

  private Trainer(RunConfig config, Checkpoints checkpoints, ModelSession session) {
    this.config = config;
    this.checkpoints = checkpoints;
    this.session = session;
    this.outputLossKeys = session.model().outputLossKeys();
  }

  /**
   * Opens a TRAIN session on the latest checkpoint in the model dir, or on fresh weights saved as
   * step 0.
   */
  public static Trainer open(Model model, RunConfig config, Checkpoints checkpoints) {
    return open(ModelSession.open(model, Mode.TRAIN, config), config, checkpoints);
  }

  /**
   * As {@link #open(Model, RunConfig, Checkpoints)} on a TRAIN session that is already open (the
   * chief's session on a cluster); takes ownership of {@code s}.
   */
  public static Trainer open(ModelSession s, RunConfig config, Checkpoints checkpoints) {
    Trainer t = new Trainer(config, checkpoints, s);
    try {
      Fingerprint actual = s.fingerprint();
      boolean stored = actual.checkModelDir(config.modelDir(), true);
      OptionalLong latest = checkpoints.latestStep();
      if (latest.isPresent()) {
        t.step = checkpoints.restoreLatest(s.session());
        LOG.info("Restored checkpoint {} (global step {}).", checkpoints.prefix(t.step), t.step);
        long graphStep = s.globalStep();
        // On a cluster the workers may have stepped on since the restore.
        if (s.shared() ? graphStep < t.step : graphStep != t.step) {
          throw new IllegalStateException(
              "checkpoint "
                  + checkpoints.prefix(t.step)
                  + " holds global_step "
                  + graphStep
                  + ", but its name says "
                  + t.step);
        }
      } else {
        s.initialize();
        t.step = s.globalStep();
        if (!stored) {
          actual.write(config.modelDir());
        }
        checkpoints.save(s.session(), t.step);
      }
      t.savedStep = t.step;
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /** The global step. */
  public long step() {
    return step;
  }

  /** The training steps this process ran (on a cluster the workers run others). */
  public long localSteps() {
    return localSteps;
  }

  /**
   * Trains on {@code batches} until the global step reaches {@code stopAt}, the input ends, or the
   * listener asks to stop, then saves a checkpoint of the last step.
   *
   * @return the global step
   * @throws IllegalStateException when the loss becomes NaN or infinite; nothing is saved then
   */
  public long run(BatchStream batches, long stopAt, CheckpointListener listener) {
    return run(batches, stopAt, listener, io.github.kestimator.runtime.StepListener.NONE);
  }

  /**
   * As {@link #run(BatchStream, long, CheckpointListener)}, telling {@code steps} each step's loss.
   */
  public long run(
      BatchStream batches,
      long stopAt,
      CheckpointListener listener,
      io.github.kestimator.runtime.StepListener steps) {
    if (step >= stopAt) {
      LOG.info("Skipping training: global step {} already reached max steps {}.", step, stopAt);
      return step;
    }
    if (events == null) {
      events = EventWriter.open(config.modelDir());
    }
    Progress progress = Progress.create(step, stopAt);
    long logStart = System.nanoTime();
    long logStep = step;
    long summaryStart = logStart;
    long summaryStep = step;
    boolean stop = false;
    while (!stop && step < stopAt && batches.hasNext()) {
      HostBatch batch = batches.next();
      ModelSession.Trained trained = session.trainStep(batch);
      float loss = trained.loss();
      if (!Float.isFinite(loss)) {
        throw new IllegalStateException(
            Diagnostic.LOSS_NOT_FINITE.format(
                "Loss is "
                    + loss
                    + " at step "
                    + (step + 1)
                    + " (training from global step "
                    + step
                    + "). Training stopped without saving; the last good checkpoint "
                    + checkpoints.prefix(savedStep)
                    + " is kept. Lower the learning rate or check the data for NaN values."));
      }
      long previous = step;
      // The step this update produced: previous + 1 in one process, more when workers also train.
      step = trained.globalStep();
      localSteps++;
      steps.afterStep(step, loss);
      long now = System.nanoTime();
      if (crossed(previous, step, config.logStepCountSteps())) {
        double secs = (now - logStart) / 1e9;
        LOG.info(String.format(Locale.ROOT, "loss = %s, step = %d (%.3f sec)", loss, step, secs));
        LOG.info(String.format(Locale.ROOT, "global_step/sec: %.4g", (step - logStep) / secs));
        logStart = now;
        logStep = step;
      }
      if (crossed(previous, step, config.saveSummarySteps())) {
        double rate = (step - summaryStep) / ((now - summaryStart) / 1e9);
        Map<String, Double> scalars = new java.util.LinkedHashMap<>();
        scalars.put("loss", (double) loss);
        for (int i = 0; i < outputLossKeys.size(); i++) {
          scalars.put(outputLossKeys.get(i), (double) trained.outputLosses()[i]);
        }
        scalars.put("global_step/sec", rate);
        events.scalars(step, scalars);
        summaryStart = now;
        summaryStep = step;
      }
      progress.update(step);
      if (checkpointDue(previous, now)) {
        save();
        stop = listener.afterSave(step);
      }
    }
    progress.done();
    if (savedStep != step) {
      save(); // the caller handles the end of training itself, so no listener call here
    }
    return step;
  }

  /**
   * Whether the global step passed a multiple of {@code every} (it may jump when other tasks train
   * too).
   */
  private static boolean crossed(long previous, long step, long every) {
    return every > 0 && step / every > previous / every;
  }

  private boolean checkpointDue(long previous, long now) {
    if (config.saveCheckpointsSteps() > 0) {
      return crossed(previous, step, config.saveCheckpointsSteps());
    }
    return !config.saveCheckpointsEvery().isZero()
        && now - lastSaveNanos >= config.saveCheckpointsEvery().toNanos();
  }

  private void save() {
    checkpoints.save(session.session(), step);
    savedStep = step;
    lastSaveNanos = System.nanoTime();
  }

  @Override
  public void close() {
    try {
      if (events != null) {
        events.close();
      }
    } finally {
      session.close();
    }
  }

  /** A one-line progress bar on the terminal; silent when there is none (tests, CI, log files). */
  private static final class Progress {
    private final Console console;
    private final long start;
    private final long end;
    private int shown = -1;

    private Progress(Console console, long start, long end) {
      this.console = console;
      this.start = start;
      this.end = end;
    }

    static Progress create(long start, long end) {
      return new Progress(end == Long.MAX_VALUE ? null : System.console(), start, end);
    }

    void update(long step) {
      if (console == null) {
        return;
      }
      int pct = (int) (100 * (step - start) / Math.max(1, end - start));
      if (pct != shown) {
        shown = pct;
        int filled = pct * 30 / 100;
        System.err.print(
            "\r[" + "=".repeat(filled) + " ".repeat(30 - filled) + "] " + step + "/" + end);
        System.err.flush();
      }
    }

    void done() {
      if (console != null && shown >= 0) {
        System.err.println();
      }
    }
  }
}
