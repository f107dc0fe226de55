package io.github.kestimator.spark;

import org.apache.spark.TaskContext;

/**
 * Interrupts a task's thread when Spark kills the task. A barrier stage kills the other tasks when
 * one fails, without interrupting their threads unless the job asks for it; the runtime's waits (a
 * worker waiting for the chief, the evaluator polling for checkpoints) end on an interrupt, so the
 * task gives its slot back and the stage can be retried.
 */
final class KillWatch implements AutoCloseable {
  private final Thread watcher;

  KillWatch(TaskContext task) {
    Thread taskThread = Thread.currentThread();
    watcher =
        new Thread(
            () -> {
              try {
                while (!task.isInterrupted()) {
                  Thread.sleep(200);
                }
                taskThread.interrupt();
              } catch (InterruptedException e) {
                // closed: the task ended
              }
            },
            "kestimator-kill-watch-" + task.partitionId());
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public void close() {
    watcher.interrupt();
  }
}
