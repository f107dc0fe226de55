package io.github.kestimator.runtime.distribute;

import io.github.kestimator.model.format.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code TF_CONFIG} environment variable, as tf.estimator read it: {@code {"cluster": {"chief":
 * ["host:port"], "worker": [...], "ps": [...]}, "task": {"type": "worker", "index": 0}}}. The
 * evaluator is a task outside the cluster ({@code "task": {"type": "evaluator", "index": 0}}).
 *
 * @param cluster job name to task addresses, in index order (chief, worker, ps); empty when local
 * @param taskType this process's role
 * @param taskIndex this process's index within its job
 */
public record TfConfig(Map<String, List<String>> cluster, TaskType taskType, int taskIndex) {

  /** The roles of tf.estimator's distributed training. */
  public enum TaskType {
    CHIEF,
    WORKER,
    PS,
    EVALUATOR;

    /** The job name TensorFlow uses, e.g. {@code worker}. */
    public String job() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Everything in one process: what a missing or empty TF_CONFIG means. */
  public static final TfConfig LOCAL = new TfConfig(Map.of(), TaskType.CHIEF, 0);

  public TfConfig {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    cluster.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    cluster = java.util.Collections.unmodifiableMap(copy);
  }

  /** The configuration from the environment, or {@link #LOCAL} when TF_CONFIG is unset or empty. */
  public static TfConfig fromEnvironment() {
    return parse(System.getenv("TF_CONFIG"));
  }

  /**
   * Parses TF_CONFIG text. A malformed value is an error that quotes the offending part.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TfConfig parse(String json) {
    if (json == null || json.isBlank()) {
      return LOCAL;
    }
    Object root;
    try {
      root = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TF_CONFIG is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException(
          "TF_CONFIG must be a JSON object with \"cluster\" and \"task\", got: " + json);
    }
    Map<String, List<String>> cluster = new LinkedHashMap<>();
    Object c = top.get("cluster");
    if (c != null) {
      if (!(c instanceof Map<?, ?> jobs)) {
        throw new IllegalArgumentException(
            "TF_CONFIG \"cluster\" must map job names to address lists, got: " + c);
      }
      for (var e : jobs.entrySet()) {
        String job = String.valueOf(e.getKey());
        if (!List.of("chief", "worker", "ps").contains(job)) {
          throw new IllegalArgumentException(
              "TF_CONFIG cluster job \""
                  + job
                  + "\" is not one of chief, worker, ps"
                  + (job.equals("evaluator")
                      ? " (the evaluator runs outside the cluster: give it only a \"task\")"
                      : ""));
        }
        if (!(e.getValue() instanceof List<?> addresses)
            || addresses.stream().anyMatch(a -> !(a instanceof String s) || !s.contains(":"))) {
          throw new IllegalArgumentException(
              "TF_CONFIG cluster \""
                  + job
                  + "\" must be a list of \"host:port\" strings, got: "
                  + e.getValue());
        }
        List<String> list = new ArrayList<>();
        addresses.forEach(a -> list.add((String) a));
        cluster.put(job, list);
      }
    }
    Object t = top.get("task");
    if (!(t instanceof Map<?, ?> task)) {
      if (cluster.isEmpty()) {
        return LOCAL;
      }
      throw new IllegalArgumentException(
          "TF_CONFIG has a cluster but no \"task\": {\"type\": ..., \"index\": ...}, got: " + t);
    }
    Object type = task.get("type");
    TaskType taskType;
    try {
      taskType = TaskType.valueOf(String.valueOf(type).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TF_CONFIG task \"type\": "
              + (type == null ? "missing" : "\"" + type + "\"")
              + "; expected one of chief, worker, ps, evaluator");
    }
    Object index = task.get("index") == null ? Long.valueOf(0) : task.get("index");
    if (!(index instanceof Number d)
        || d.doubleValue() != Math.rint(d.doubleValue())
        || d.doubleValue() < 0) {
      throw new IllegalArgumentException(
          "TF_CONFIG task \"index\" must be a whole number >= 0, got: " + index);
    }
    TfConfig config = new TfConfig(cluster, taskType, d.intValue());
    if (taskType != TaskType.EVALUATOR) {
      List<String> tasks = cluster.get(taskType.job());
      if (tasks == null || config.taskIndex >= tasks.size()) {
        throw new IllegalArgumentException(
            "TF_CONFIG task {\"type\": \""
                + taskType.job()
                + "\", \"index\": "
                + config.taskIndex
                + "} is not in the cluster "
                + cluster);
      }
    }
    if (!cluster.isEmpty() && !cluster.containsKey("chief")) {
      throw new IllegalArgumentException(
          "TF_CONFIG cluster needs a \"chief\" task, got jobs " + cluster.keySet());
    }
    return config;
  }

  /** Whether training is spread over a cluster (else it runs in-process). */
  public boolean isDistributed() {
    return !cluster.isEmpty();
  }

  /** This task's own address, {@code host:port}. */
  public String address() {
    return cluster.get(taskType.job()).get(taskIndex);
  }

  /** This task for log lines and messages, e.g. {@code worker:1}. */
  public String taskName() {
    return taskType.job() + ":" + taskIndex;
  }

  /** Number of tasks in a job (0 if the job is absent). */
  public int count(String job) {
    return cluster.getOrDefault(job, List.of()).size();
  }
}
