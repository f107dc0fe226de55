package io.github.kestimator.runtime.distribute;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.Placement;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.layers.LayerStates;
import io.github.kestimator.runtime.session.ModelSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Server;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;

/**
 * The ps, chief and worker tasks of tf.estimator's distributed training: between-graph replication
 * with asynchronous updates on TensorFlow's own gRPC runtime. Every chief and worker builds the
 * same TRAIN graph with the variables on the ps tasks and the compute on itself, and runs its own
 * optimizer steps against the shared variables; the chief alone initializes, restores and saves.
 */
public final class ClusterTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterTraining.class);

  /**
   * How long a worker waits for the chief to initialize the variables (tf's workers wait 30 min
   * too).
   */
  public static final Duration WAIT_FOR_CHIEF = Duration.ofMinutes(30);

  private ClusterTraining() {}

  /**
   * A ps task: serves its variables until the process is killed (TensorFlow cannot stop a server).
   */
  public static void runPs(TfConfig config) {
    Server server = ClusterServers.start(config);
    LOG.info(
        "Task {} serves variables at {} until it is killed.", config.taskName(), config.address());
    server.join();
  }

  /**
   * A chief or worker task: starts its server and opens a TRAIN session on it, with the model's
   * variables spread over the ps tasks and the compute on this task. Preprocessing layers read
   * their state from {@code modelDir}'s {@code assets/} (the chief adapts before it saves step 0).
   */
  public static ModelSession openTrainSession(
      Model model, long seed, TfConfig config, ConfigProto base, java.nio.file.Path modelDir) {
    int ps = config.count("ps");
    if (ps == 0) {
      throw new IllegalArgumentException(
          "TF_CONFIG cluster "
              + config.cluster()
              + " has no \"ps\" task: distributed "
              + "training keeps the variables on ps tasks");
    }
    ClusterServers.start(config);
    Placement placement =
        Placement.replicas(model, config.taskType().job(), config.taskIndex(), ps);
    LOG.info(
        "Task {} trains at {} with the variables on {} ps task(s).",
        config.taskName(),
        config.address(),
        ps);
    return ModelSession.openRemote(
        model,
        Mode.TRAIN,
        seed,
        placement,
        ClusterServers.target(config),
        ClusterServers.sessionConfig(config, base),
        io.github.kestimator.runtime.layers.LayerStates.of(modelDir));
  }

  /**
   * A worker before it opens its session: waits until the chief has written the adapted state of
   * every preprocessing layer that needs it ({@code <model_dir>/assets/<layer>/}), since the
   * worker's graph fills its lookup tables from those files. Returns at once for a model without
   * such layers or with its state already there.
   *
   * @throws IllegalStateException naming the layers and the directory when {@code timeout} passes
   */
  public static void awaitAdaptedState(
      Model model, java.nio.file.Path modelDir, String task, Duration timeout)
      throws InterruptedException {
    LayerStates states = LayerStates.of(modelDir);
    List<Layer> missing = states.missing(model);
    if (missing.isEmpty()) {
      return;
    }
    LOG.info(
        "Task {} waits for the chief to adapt {} into {}.",
        task,
        missing.stream().map(Layer::name).toList(),
        states.dir());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(missing = states.missing(model)).isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "task "
                + task
                + " waited "
                + timeout
                + " for the chief to adapt "
                + missing.stream().map(Layer::name).toList()
                + " into "
                + states.dir()
                + ": start the chief (it adapts before step 0), or adapt the model dir first with"
                + " estimator.adapt(input)");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Waits until every variable of {@code s} is initialized on the ps tasks, which the chief does
   * (from its checkpoint or fresh).
   *
   * @throws IllegalStateException if that takes longer than {@code timeout}
   */
  public static void awaitInitialized(ModelSession s, String task, Duration timeout)
      throws InterruptedException {
    Ops tf = Ops.create(s.graph().graph()).withSubScope("ready");
    List<Operand<TBool>> flags = new ArrayList<>();
    s.graph().variables().values().forEach(v -> flags.add(tf.isVariableInitialized(v)));
    Operand<TBool> ready = tf.reduceAll(tf.stack(flags), tf.constant(0));
    long start = System.nanoTime();
    long nextLog = start;
    while (true) {
      try (Result r = s.session().runner().fetch(ready).run()) {
        if (((TBool) r.get(0)).getBoolean()) {
          return;
        }
      } catch (TensorFlowException e) { // a ps not up yet; TensorFlow says which
        LOG.debug("readiness check failed: {}", e.getMessage());
      }
      long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        throw new IllegalStateException(
            "task "
                + task
                + ": the chief did not initialize the variables on the ps tasks within "
                + timeout.toSeconds()
                + " s; is the chief running?");
      }
      if (now >= nextLog) {
        LOG.info(
            "Task {} waits for the chief to initialize the variables on the ps tasks ({} s so far).",
            task,
            (now - start) / 1_000_000_000L);
        nextLog = now + 10_000_000_000L;
      }
      Thread.sleep(200);
    }
  }

  /**
   * A worker's loop: steps on {@code batches} until the global step, which all tasks advance,
   * reaches {@code maxSteps} or the input ends. No checkpoints and no summaries: those are the
   * chief's.
   *
   * @return the training steps this task ran
   * @throws IllegalStateException when the loss becomes NaN or infinite
   */
  public static long trainWorker(
      ModelSession s, BatchStream batches, long maxSteps, long logEvery, String task) {
    long step = s.globalStep();
    long ran = 0;
    while (step < maxSteps && batches.hasNext()) {
      ModelSession.Trained t = s.trainStep(batches.next());
      if (!Float.isFinite(t.loss())) {
        throw new IllegalStateException(
            "task "
                + task
                + ": loss is "
                + t.loss()
                + " at global step "
                + t.globalStep()
                + ". Lower the learning rate or check the data for NaN values.");
      }
      ran++;
      if (logEvery > 0 && t.globalStep() / logEvery > step / logEvery) {
        LOG.info(
            String.format(
                Locale.ROOT,
                "task %s: loss = %s, global step = %d",
                task,
                t.loss(),
                t.globalStep()));
      }
      step = t.globalStep();
    }
    return ran;
  }
}
