package io.github.kestimator.spark;

import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.distribute.TfConfig.TaskType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which barrier task plays which TF_CONFIG role, by task (partition) index: the ps tasks first,
 * then the chief, the workers and, last, the evaluator. The ps tasks get no rows; every other task
 * trains (or, the evaluator, evaluates) on its partition.
 *
 * @param numPs ps tasks (at least 1: the variables live there)
 * @param numWorkers workers besides the chief
 * @param evaluator whether the last task evaluates each new checkpoint
 */
record ClusterLayout(int numPs, int numWorkers, boolean evaluator) implements Serializable {
  ClusterLayout {
    if (numPs < 1) {
      throw new IllegalArgumentException(
          "numPs must be at least 1 (the variables live on the ps tasks), got " + numPs);
    }
    if (numWorkers < 0) {
      throw new IllegalArgumentException("numWorkers must be >= 0, got " + numWorkers);
    }
  }

  /** Barrier tasks in all: the Spark slots (cores) the stage needs at once. */
  int tasks() {
    return numPs + 1 + numWorkers + (evaluator ? 1 : 0);
  }

  /** The first task that gets rows (the chief). */
  int firstDataTask() {
    return numPs;
  }

  /** Tasks that get rows: chief, workers, evaluator. */
  int dataTasks() {
    return tasks() - numPs;
  }

  TaskType role(int task) {
    if (task < numPs) {
      return TaskType.PS;
    }
    if (task == numPs) {
      return TaskType.CHIEF;
    }
    if (task <= numPs + numWorkers) {
      return TaskType.WORKER;
    }
    return TaskType.EVALUATOR;
  }

  /** Index within its job, e.g. 0 for the first worker. */
  int indexInJob(int task) {
    return switch (role(task)) {
      case PS -> task;
      case CHIEF, EVALUATOR -> 0;
      case WORKER -> task - numPs - 1;
    };
  }

  /**
   * Task {@code task}'s TF_CONFIG from every task's {@code host:port} ({@code addresses[i]} of task
   * i, as {@code allGather} returns them; the evaluator's is unused).
   */
  TfConfig tfConfig(String[] addresses, int task) {
    if (addresses.length != tasks()) {
      throw new IllegalStateException(
          "expected the addresses of " + tasks() + " tasks, got " + Arrays.toString(addresses));
    }
    Map<String, List<String>> cluster = new LinkedHashMap<>();
    cluster.put("chief", List.of(addresses[numPs]));
    if (numWorkers > 0) {
      cluster.put(
          "worker", List.of(Arrays.copyOfRange(addresses, numPs + 1, numPs + 1 + numWorkers)));
    }
    cluster.put("ps", List.of(Arrays.copyOfRange(addresses, 0, numPs)));
    return new TfConfig(cluster, role(task), indexInJob(task));
  }
}
