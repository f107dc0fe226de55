package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.distribute.RemoteSessions;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.Placement;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.layers.LayerStates;
import io.github.kestimator.runtime.modeldir.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A model's graph for one mode with a session on it: the one place that feeds batches and runs the
 * train op, the outputs and the loss. Owns the graph and the session.
 */
public final class ModelSession implements AutoCloseable {
  private final Model model;
  private final Mode mode;
  private final ModelGraph graph;
  private final Session session;
  private final boolean shared;

  private ModelSession(Model model, Mode mode, ModelGraph graph, Session session, boolean shared) {
    this.model = model;
    this.mode = mode;
    this.graph = graph;
    this.session = session;
    this.shared = shared;
    if (!graph.tableFiles().isEmpty()) {
      // Fills the preprocessing layers' lookup tables (the graph's init-scope initializers;
      // variables are not among
      // them: they come from initialize() or a checkpoint).
      session.initialize();
    }
  }

  /**
   * Builds the model's graph for {@code mode} with the config's seed and a session with its thread
   * settings.
   */
  public static ModelSession open(Model model, Mode mode, RunConfig config) {
    ModelGraph graph =
        ModelGraph.build(
            model, mode, config.randomSeed(), Placement.LOCAL, LayerStates.of(config.modelDir()));
    try {
      return new ModelSession(
          model, mode, graph, new Session(graph.graph(), config.sessionConfig()), false);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Builds the model's graph with {@code placement} and opens a session on the TensorFlow server at
   * {@code target} ({@code grpc://host:port}). The variables live on ps tasks, shared by name with
   * the sessions of the other tasks (between-graph replication).
   */
  public static ModelSession openRemote(
      Model model,
      Mode mode,
      long seed,
      Placement placement,
      String target,
      ConfigProto sessionConfig) {
    return openRemote(model, mode, seed, placement, target, sessionConfig, null);
  }

  /**
   * As {@link #openRemote(Model, Mode, long, Placement, String, ConfigProto)}, with the model dir's
   * layer state.
   */
  public static ModelSession openRemote(
      Model model,
      Mode mode,
      long seed,
      Placement placement,
      String target,
      ConfigProto sessionConfig,
      LayerStates states) {
    ModelGraph graph =
        states == null
            ? ModelGraph.build(model, mode, seed, placement)
            : ModelGraph.build(model, mode, seed, placement, states);
    try {
      return new ModelSession(
          model, mode, graph, RemoteSessions.open(graph.graph(), target, sessionConfig), true);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** Whether other processes update these variables too (a session on a cluster). */
  public boolean shared() {
    return shared;
  }

  public Session session() {
    return session;
  }

  public ModelGraph graph() {
    return graph;
  }

  /** Initializes every variable (a fresh model, no checkpoint). */
  public void initialize() {
    session.run(graph.initOp());
  }

  /** The variables this graph saves and restores, with their types and shapes. */
  public Fingerprint fingerprint() {
    SortedMap<String, String> vars = new TreeMap<>();
    for (String name : graph.variableNames()) {
      var out = graph.graph().operationOrThrow(name).output(0);
      vars.put(
          name,
          out.dataType().name().replace("DT_", "").toLowerCase(java.util.Locale.ROOT)
              + java.util.Arrays.toString(out.shape().asArray()).replace(" ", ""));
    }
    return new Fingerprint(model.name(), vars);
  }

  /** The global step variable's value. */
  public long globalStep() {
    try (Result r = session.runner().fetch(graph.globalStep()).run()) {
      return scalarLong(r.get(0));
    }
  }

  /**
   * Runs one optimizer step on {@code batch}; returns the batch's loss (computed before the update)
   * and the global step this step's increment produced (other tasks may increment it too).
   */
  public Trained trainStep(HostBatch batch) {
    try (Feeds feeds = Feeds.of(batch, true)) {
      Session.Runner runner =
          feeds.feed(session.runner()).fetch(graph.trainOp().op().output(0)).fetch(graph.loss());
      graph.outputLosses().forEach(runner::fetch);
      return trained(runner);
    }
  }

  private static Trained trained(Session.Runner runner) {
    try (Result r = runner.run()) {
      return new Trained(
          ((TFloat32) r.get(1)).getFloat(), scalarLong(r.get(0)), floats(r, 2, r.size()));
    }
  }

  /**
   * One training step's loss, the global step after it, and each output's own loss ({@link
   * ModelGraph#outputLosses()}: empty with one output).
   */
  public record Trained(float loss, long globalStep, float[] outputLosses) {}

  private static float[] floats(Result r, int from, int to) {
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = ((TFloat32) r.get(i)).getFloat();
    }
    return out;
  }

  /** The loss and the outputs of {@code batch} (labels fed when the mode has a loss). */
  public Step run(HostBatch batch) {
    boolean withLoss = mode != Mode.PREDICT;
    try (Feeds feeds = Feeds.of(batch, withLoss)) {
      Session.Runner runner = feeds.feed(session.runner());
      for (int i = 0; i < model.outputs().size(); i++) {
        runner.fetch(graph.output(i));
      }
      if (withLoss) {
        runner.fetch(graph.loss());
        graph.outputLosses().forEach(runner::fetch);
      }
      try (Result r = runner.run()) {
        List<Tensor> outs = new ArrayList<>();
        for (int i = 0; i < model.outputs().size(); i++) {
          outs.add(r.get(i));
        }
        OutputArrays outputs = OutputArrays.copyOf(outs, outputNames());
        float loss = withLoss ? ((TFloat32) r.get(outs.size())).getFloat() : Float.NaN;
        float[] outputLosses = withLoss ? floats(r, outs.size() + 1, r.size()) : new float[0];
        return new Step(outputs, loss, outputLosses);
      }
    }
  }

  /**
   * One batch's outputs, loss ({@code NaN} in predict mode) and each output's own loss (empty in
   * predict mode and with one output).
   */
  public record Step(OutputArrays outputs, float loss, float[] outputLosses) {}

  /** The model this session runs. */
  public Model model() {
    return model;
  }

  public List<String> outputNames() {
    return model.outputs().stream().map(Output::layer).toList();
  }

  static long scalarLong(Tensor t) {
    if (t instanceof TInt64 l) {
      return l.getLong();
    }
    if (t instanceof TInt32 i) {
      return i.getInt();
    }
    throw new IllegalStateException("global_step is " + t.dataType() + ", expected int64 or int32");
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
