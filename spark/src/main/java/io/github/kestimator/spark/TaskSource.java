package io.github.kestimator.spark;

import io.github.kestimator.runtime.input.Cursor;
import io.github.kestimator.runtime.input.Located;
import io.github.kestimator.runtime.input.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;

/**
 * A training task's input, aware of its Spark task: every example read first checks whether Spark
 * killed the task (a barrier stage kills every task when one fails), so a chief or worker stops
 * within a step instead of training on after its stage is gone. Optionally fails once, for tests of
 * Spark's stage retry ({@link KestimatorTrainer#setFailOnceMarker}).
 */
final class TaskSource<T> implements Source<T> {
  private final Source<T> inner;
  private final TaskContext task;
  private final FailOnce failOnce;

  /**
   * Fails the task once: when the model dir's latest checkpoint has reached {@code atStep} and
   * {@code marker} can be created (it does not exist yet).
   */
  record FailOnce(Path marker, long atStep, LongSupplier latestCheckpoint) {}

  TaskSource(Source<T> inner, TaskContext task, FailOnce failOnce) {
    this.inner = inner;
    this.task = task;
    this.failOnce = failOnce;
  }

  @Override
  public Cursor<Located<T>> open() {
    Cursor<Located<T>> c = inner.open();
    return new Cursor<>() {
      private long read;

      @Override
      public boolean hasNext() {
        check();
        return c.hasNext();
      }

      @Override
      public Located<T> next() {
        if (failOnce != null && ++read % 32 == 0) {
          maybeFail();
        }
        return c.next();
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  private void check() {
    if (task.isInterrupted() || Thread.currentThread().isInterrupted()) {
      throw new TaskKilledException(
          task.getKillReason().isDefined() ? task.getKillReason().get() : "killed");
    }
  }

  private void maybeFail() {
    if (failOnce.latestCheckpoint().getAsLong() < failOnce.atStep()) {
      return;
    }
    try {
      Files.createFile(failOnce.marker());
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(
        "failing once, as failOnceMarker "
            + failOnce.marker()
            + " asks (test hook), after "
            + "checkpoint "
            + failOnce.latestCheckpoint().getAsLong());
  }
}
