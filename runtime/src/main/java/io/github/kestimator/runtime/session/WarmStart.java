package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import io.github.kestimator.runtime.InitialWeights;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.modeldir.Fingerprint;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * tf.estimator's warm start: a model directory without a checkpoint starts from the model's {@link
 * InitialWeights} instead of its initializers. Nothing is written until the first training saves
 * them as step 0 ({@link #saveStepZero}); before that, evaluate, predict and export initialize
 * their own session from them ({@link #initialize}). The weights are read on first use, once.
 */
public final class WarmStart {
  private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);
  private static final WarmStart NONE = new WarmStart(null, null);

  private final Model model;
  private final Supplier<InitialWeights> source;
  private InitialWeights weights;

  private WarmStart(Model model, Supplier<InitialWeights> source) {
    this.model = model;
    this.source = source;
  }

  /** Fresh model directories start from the initializers. */
  public static WarmStart none() {
    return NONE;
  }

  /**
   * Fresh model directories start from the weights {@code source} gives, asked for once, when first
   * needed.
   */
  public static WarmStart of(Model model, Supplier<InitialWeights> source) {
    return new WarmStart(
        Objects.requireNonNull(model, "model"), Objects.requireNonNull(source, "source"));
  }

  /** Whether there are initial weights. */
  public boolean isPresent() {
    return source != null;
  }

  private synchronized InitialWeights weights() {
    if (weights == null) {
      weights = Objects.requireNonNull(source.get(), "initial weights");
    }
    return weights;
  }

  /**
   * Initializes every variable of {@code s} and assigns the initial weights to the model's weights
   * (the optimizer's slots and the global step keep their initial values).
   *
   * @return how many weights were assigned
   * @throws IllegalArgumentException when a weight's values do not fit its shape
   */
  public int initialize(ModelSession s) {
    s.initialize();
    if (source == null) {
      return 0;
    }
    InitialWeights values = weights();
    Ops tf = Ops.create(s.graph().graph()).withSubScope("warm_start");
    int assigned = 0;
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        float[] v = values.values(layer.name(), w.name());
        if (v == null) {
          continue;
        }
        if (v.length != w.size()) {
          throw new IllegalArgumentException(
              "initial value of "
                  + layer.name()
                  + "/"
                  + w.name()
                  + " has "
                  + v.length
                  + " values; its shape "
                  + w.shape().dims()
                  + " holds "
                  + w.size());
        }
        @SuppressWarnings("unchecked")
        Variable<TFloat32> var =
            (Variable<TFloat32>) s.graph().variables().get(layer.name() + "/" + w.name());
        if (var == null) {
          throw new IllegalStateException(
              "the graph has no variable " + layer.name() + "/" + w.name());
        }
        long[] dims = w.shape().dims().stream().mapToLong(Integer::longValue).toArray();
        Operand<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
        Operand<TFloat32> assign = tf.assign(var, value);
        try (TFloat32 t =
                TFloat32.tensorOf(
                    Shape.of(dims), DataBuffers.of(Arrays.copyOf(v, v.length), true, false));
            Result r = s.session().runner().feed(value, t).addTarget(assign).run()) {
          assigned++;
        }
      }
    }
    return assigned;
  }

  /**
   * Before the first training of a model directory without a checkpoint: saves the initial weights
   * as the checkpoint of step 0 (and the model's fingerprint), from a TRAIN session of its own, so
   * that training restores them as it restores any checkpoint. On a cluster this keeps the workers
   * from training before the weights are in place: the chief's restore is what initializes the
   * shared variables. Does nothing without initial weights or when the directory has a checkpoint.
   * Call it holding the directory's {@link io.github.kestimator.runtime.modeldir.ModelDirLock}.
   *
   * @return whether step 0 was saved
   */
  public boolean saveStepZero(RunConfig config, Checkpoints checkpoints) {
    if (source == null || checkpoints.latestStep().isPresent()) {
      return false;
    }
    try (ModelSession s = ModelSession.open(model, Mode.TRAIN, config)) {
      Fingerprint fingerprint = s.fingerprint();
      boolean stored = fingerprint.checkModelDir(config.modelDir(), true);
      int assigned = initialize(s);
      if (!stored) {
        fingerprint.write(config.modelDir());
      }
      checkpoints.save(s.session(), s.globalStep());
      LOG.info(
          "Warm-started {} weights of model '{}' in {}.",
          assigned,
          model.name(),
          config.modelDir());
      return true;
    }
  }
}
