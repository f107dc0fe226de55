package io.github.kestimator.runtime.graph;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.DeviceSpec;

/**
 * Where a {@link ModelGraph}'s ops run: everything in-process ({@link #LOCAL}), or between-graph
 * replication (tf.train.replica_device_setter): every variable on a {@code ps} task, the compute on
 * this task.
 *
 * <p>Only variables are placed explicitly. Ops that update a ref variable in place (assign, the
 * optimizers' Apply* ops) follow their variable: TensorFlow's placer colocates both ends of a ref
 * edge, overriding the compute device those ops ask for. Optimizer slots go with their variable,
 * because an Apply* op takes the variable and its slots by reference and must sit with all of them.
 *
 * @param compute the device of every op that is not a variable, or null to let TensorFlow choose
 * @param variables each model weight's device by variable name ({@code <layer>/<weight>})
 * @param other the device of any other variable ({@code global_step}, optimizer scalars), or null
 */
public record Placement(DeviceSpec compute, Map<String, DeviceSpec> variables, DeviceSpec other) {
  /** No device constraints: one process, as TensorFlow places it. */
  public static final Placement LOCAL = new Placement(null, Map.of(), null);

  public Placement {
    variables = Map.copyOf(variables);
  }

  /**
   * Between-graph replication for task {@code job:task}: the model's weights spread over {@code
   * psTasks} ps tasks greedily by size (largest first onto the least loaded task, as tf.contrib's
   * GreedyLoadBalancingStrategy), {@code global_step} and other scalars on ps 0.
   */
  public static Placement replicas(Model model, String job, int task, int psTasks) {
    if (psTasks < 1) {
      throw new IllegalArgumentException(
          "between-graph replication needs at least one ps task, got " + psTasks);
    }
    List<Map.Entry<String, Long>> weights = new ArrayList<>();
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        weights.add(Map.entry(layer.name() + "/" + w.name(), w.size()));
      }
    }
    // Stable sort: equal sizes keep the model's order, so every task computes the same placement.
    weights.sort(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed());
    long[] load = new long[psTasks];
    load[0] = 1; // global_step
    Map<String, DeviceSpec> devices = new LinkedHashMap<>();
    for (Map.Entry<String, Long> w : weights) {
      int least = 0;
      for (int i = 1; i < psTasks; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      load[least] += w.getValue();
      devices.put(w.getKey(), ps(least));
    }
    return new Placement(DeviceSpec.newBuilder().job(job).task(task).build(), devices, ps(0));
  }

  private static DeviceSpec ps(int task) {
    return DeviceSpec.newBuilder().job("ps").task(task).build();
  }

  /** The device of variable {@code name}, or null for no constraint. */
  public DeviceSpec variable(String name) {
    return variables.getOrDefault(name, other);
  }
}
