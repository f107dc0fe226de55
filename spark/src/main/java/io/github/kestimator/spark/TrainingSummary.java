package io.github.kestimator.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link KestimatorTrainer#fit} did: each task's report of the successful stage attempt, the
 * evaluator's final metrics and the wall time.
 *
 * @param tasks one report per barrier task, in task order
 * @param wallTime how long fit took
 */
public record TrainingSummary(List<TaskReport> tasks, Duration wallTime) implements Serializable {
  /**
   * The evaluator's metrics of the last checkpoint (loss, compiled metrics, global_step); empty
   * without an evaluator.
   */
  public Map<String, Double> metrics() {
    return tasks.stream()
        .filter(t -> t.metrics() != null)
        .map(TaskReport::metrics)
        .findFirst()
        .orElse(Map.of());
  }

  /** The attempt of the barrier stage that succeeded (0 when no task failed). */
  public int stageAttempt() {
    return tasks.stream().mapToInt(TaskReport::stageAttempt).max().orElse(0);
  }

  /** The report of {@code task}, e.g. {@code chief:0}. */
  public TaskReport task(String task) {
    return tasks.stream()
        .filter(t -> t.task().equals(task))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no task " + task + " in " + tasks));
  }
}
