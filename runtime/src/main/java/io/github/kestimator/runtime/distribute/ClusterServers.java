package io.github.kestimator.runtime.distribute;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/** Starts TensorFlow's own gRPC server for a task of a {@link TfConfig} cluster. */
public final class ClusterServers {
  /**
   * Every server this JVM started. TensorFlow cannot stop a server cleanly, so each must live until
   * the JVM exits; holding it here keeps a garbage collection from freeing its native handle.
   */
  private static final List<Server> RUNNING = new CopyOnWriteArrayList<>();

  private ClusterServers() {}

  /** The cluster as TensorFlow describes it. */
  public static ClusterDef clusterDef(TfConfig config) {
    ClusterDef.Builder cluster = ClusterDef.newBuilder();
    config
        .cluster()
        .forEach(
            (job, addresses) -> {
              JobDef.Builder j = JobDef.newBuilder().setName(job);
              for (int i = 0; i < addresses.size(); i++) {
                j.putTasks(i, addresses.get(i));
              }
              cluster.addJob(j);
            });
    return cluster.build();
  }

  /**
   * Starts the server of this process's task (chief, worker or ps). TensorFlow cannot stop a server
   * cleanly ("Clean shutdown is not currently implemented"), so it lives until the JVM exits.
   */
  public static Server start(TfConfig config) {
    if (!config.isDistributed() || config.taskType() == TfConfig.TaskType.EVALUATOR) {
      throw new IllegalArgumentException(
          "only chief, worker and ps tasks of a cluster run a server, not " + config);
    }
    Server server =
        new Server(
            ServerDef.newBuilder()
                .setCluster(clusterDef(config))
                .setJobName(config.taskType().job())
                .setTaskIndex(config.taskIndex())
                .setProtocol("grpc")
                .build());
    server.start();
    RUNNING.add(server);
    return server;
  }

  /**
   * {@code base} with device filters, as tf.estimator sets them: a task's sessions see only the ps
   * tasks and the task itself, so a session opens, and training goes on, while other workers or the
   * chief are down.
   */
  public static ConfigProto sessionConfig(TfConfig config, ConfigProto base) {
    return base.toBuilder()
        .clearDeviceFilters()
        .addDeviceFilters("/job:ps")
        .addDeviceFilters("/job:" + config.taskType().job() + "/task:" + config.taskIndex())
        .build();
  }

  /** The gRPC target a session on this task's server uses. */
  public static String target(TfConfig config) {
    return "grpc://" + config.address();
  }
}
