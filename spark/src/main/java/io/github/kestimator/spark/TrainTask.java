package io.github.kestimator.spark;

import io.github.kestimator.keras.estimator.KerasEstimator;
import io.github.kestimator.runtime.EvalSpec;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.TrainSpec;
import io.github.kestimator.runtime.distribute.ClusterServers;
import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.distribute.TfConfig.TaskType;
import io.github.kestimator.runtime.export.SavedModelDirs;
import io.github.kestimator.runtime.input.Source;
import io.github.kestimator.runtime.input.TfRecordExampleSource;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One barrier task of {@link KestimatorTrainer#fit}: spills its partition to local disk, learns
 * every task's {@code host:port} with {@code allGather}, builds its TF_CONFIG and plays its role
 * with kestimator's own {@code trainAndEvaluate} on a {@link KerasEstimator} built here from the
 * Keras file. A ps task starts its server and waits; the chief, after training to max steps,
 * exports. Every task then meets the others at a final {@code barrier()}, so the ps tasks serve
 * until the last trainer and the evaluator are done.
 */
final class TrainTask
    extends AbstractFunction1<scala.collection.Iterator<Row>, scala.collection.Iterator<TaskReport>>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TrainTask.class);

  /** Everything a task needs, serializable: the model travels as the path of its Keras file. */
  record Plan(
      String kerasFile,
      String modelDir,
      ClusterLayout layout,
      List<FeedColumn> columns,
      long maxSteps,
      int batchSize,
      long seed,
      long saveCheckpointsSteps,
      long evalThrottleSecs,
      String failOnceMarker)
      implements Serializable {}

  private final Plan plan;

  TrainTask(Plan plan) {
    this.plan = plan;
  }

  @Override
  public scala.collection.Iterator<TaskReport> apply(scala.collection.Iterator<Row> rows) {
    try {
      return CollectionConverters.asScala(run(CollectionConverters.asJava(rows)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Iterator<TaskReport> run(Iterator<Row> rows) throws IOException {
    BarrierTaskContext ctx = BarrierTaskContext.get();
    int index = ctx.partitionId();
    TaskType role = plan.layout().role(index);
    long start = System.nanoTime();
    Path spillDir = Files.createTempDirectory("kestimator-fit-" + index + "-");
    KillWatch watch = new KillWatch(ctx);
    try {
      Path spill = spillDir.resolve("part-" + index + ".tfrecord");
      long count = PartitionSpill.write(rows, plan.columns(), index, spill);
      LOG.info(
          "Spark task {} spilled {} rows in {} ms",
          index,
          count,
          (System.nanoTime() - start) / 1_000_000);
      String host = host(ctx.getTaskInfos()[index].address());
      String[] addresses =
          ctx.allGather(host + ":" + (role == TaskType.EVALUATOR ? 0 : freePort()));
      TfConfig tf = plan.layout().tfConfig(addresses, index);
      Checkpoints checkpoints = new Checkpoints(Path.of(plan.modelDir()), 0);
      long startStep = checkpoints.latestStep().orElse(-1);
      LOG.info(
          "Spark task {} (stage attempt {}) is {} with {} rows; TF_CONFIG cluster {}",
          index,
          ctx.stageAttemptNumber(),
          tf.taskName(),
          count,
          tf.cluster());
      String export = null;
      Map<String, Double> metrics = null;
      if (role == TaskType.PS) {
        ClusterServers.start(tf);
      } else {
        if (count == 0) {
          throw new IllegalStateException(
              "task "
                  + tf.taskName()
                  + " got no rows: give the DataFrame at least "
                  + plan.layout().dataTasks()
                  + " rows");
        }
        try (KerasEstimator estimator =
            KerasEstimator.fromKeras(Path.of(plan.kerasFile()), runConfig(tf))) {
          Source<Example<Map<String, Object>, Map<String, Object>>> source =
              new TfRecordExampleSource<>(List.of(spill), estimator.binding());
          TaskSource.FailOnce failOnce =
              role == TaskType.WORKER && tf.taskIndex() == 0 && !plan.failOnceMarker().isEmpty()
                  ? new TaskSource.FailOnce(
                      Path.of(plan.failOnceMarker()),
                      Math.max(1, plan.maxSteps() / 2),
                      () -> checkpoints.latestStep().orElse(-1))
                  : null;
          var trainInput =
              Input.from("spark partition " + index, new TaskSource<>(source, ctx, failOnce))
                  .shuffle(1_000, plan.seed() + index)
                  .repeat()
                  .batch(plan.batchSize());
          var evalInput =
              Input.from("spark partition " + index, new TaskSource<>(source, ctx, null))
                  .batch(plan.batchSize());
          metrics =
              estimator
                  .trainAndEvaluate(
                      TrainSpec.of(trainInput).maxSteps(plan.maxSteps()),
                      EvalSpec.of(evalInput).throttle(Duration.ofSeconds(plan.evalThrottleSecs())))
                  .orElse(null);
          if (role == TaskType.CHIEF) {
            export =
                estimator.exportSavedModel(Path.of(plan.modelDir(), "export", "spark")).toString();
          }
        }
      }
      ctx.barrier(); // the ps tasks serve until every trainer and the evaluator have finished
      return List.of(
              new TaskReport(
                  tf.taskName(),
                  ctx.stageAttemptNumber(),
                  count,
                  startStep,
                  checkpoints.latestStep().orElse(-1),
                  export,
                  metrics,
                  Duration.ofNanos(System.nanoTime() - start)))
          .iterator();
    } finally {
      watch.close();
      SavedModelDirs.deleteRecursively(spillDir);
    }
  }

  private RunConfig runConfig(TfConfig tf) {
    return RunConfig.builder()
        .modelDir(Path.of(plan.modelDir()))
        .randomSeed(plan.seed())
        .saveCheckpointsSteps(plan.saveCheckpointsSteps())
        .tfConfig(tf)
        .build();
  }

  /** The host of an executor address {@code host:port}. */
  private static String host(String address) {
    int colon = address.lastIndexOf(':');
    return colon < 0 ? address : address.substring(0, colon);
  }

  /**
   * A port free on this host now. The TensorFlow server binds it after allGather, so another
   * process could take it in between; the task then fails and Spark retries the stage.
   */
  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port: " + e.getMessage(), e);
    }
  }
}
