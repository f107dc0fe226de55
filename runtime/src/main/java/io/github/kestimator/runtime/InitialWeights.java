package io.github.kestimator.runtime;

import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.modeldir.Fingerprint;
import io.github.kestimator.runtime.session.ModelSession;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import io.github.kestimator.model.format.WeightsFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Starting values for a model's weights, in Keras' layout (tf.estimator's warm start, as
 * {@code model_to_estimator} starts from the Keras model's weights).
 *
 * <p>{@link #warmStart} applies them once, to a model directory without a checkpoint: it
 * initializes every variable, assigns these values, and saves that as the checkpoint of step 0,
 * exactly where the trainer would have saved its freshly initialized one. Every later train,
 * evaluate, predict or export restores from the model directory as usual, so nothing else in the
 * runtime knows about imported weights.
 */
@FunctionalInterface
public interface InitialWeights {
  /**
   * The values of {@code weight} (a {@link Weight#name()}) of layer {@code layer}, row-major in the
   * weight's shape, or null to keep the weight's initializer.
   */
  float[] values(String layer, String weight);

  /**
   * The weights in class path resource {@code resource} ({@link io.github.kestimator.model.format.WeightsFile}'s
   * format), resolved against {@code anchor} as {@link Class#getResourceAsStream} does, checked to be
   * exactly {@code model}'s weights.
   *
   * @throws IllegalArgumentException naming the resource when it is missing or unreadable, or
   *     naming the resource, layer and weight when a weight is missing, surplus or shaped
   *     differently
   */
  static InitialWeights fromResource(Class<?> anchor, String resource, Model model) {
    String path = resource.startsWith("/") ? resource.substring(1)
        : anchor.getPackageName().isEmpty() ? resource : anchor.getPackageName().replace('.', '/') + "/" + resource;
    String source = "class path resource " + path;
    WeightsFile file;
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("the initial weights of model '" + model.name() + "' (weights = \"" + resource
            + "\") are missing: no " + source + " (for a model generated from a Keras file, the kestimator plugin's"
            + " generate goal writes it and registers its directory as a resource root)");
      }
      file = WeightsFile.read(new BufferedInputStream(in), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the initial weights " + source + ": " + e.getMessage(), e);
    }
    file.check(model);
    return (layer, weight) -> {
      WeightsFile.Entry e = file.get(layer, weight);
      return e == null ? null : e.values();
    };
  }

  /**
   * On a model directory without a checkpoint, saves step 0 with {@code weights}; does nothing when
   * the directory has a checkpoint already (training resumes from it).
   *
   * @return true when the weights were applied
   */
  static boolean warmStart(Model model, RunConfig config, InitialWeights weights) {
    Logger log = LoggerFactory.getLogger(InitialWeights.class);
    Checkpoints checkpoints = new Checkpoints(config.modelDir(), config.keepCheckpointMax());
    if (checkpoints.latestStep().isPresent()) {
      log.info("Model dir {} has a checkpoint; not warm-starting from the initial weights.", config.modelDir());
      return false;
    }
    try (ModelSession s = ModelSession.open(model, Mode.TRAIN, config)) {
      Fingerprint actual = s.fingerprint();
      Fingerprint stored = Fingerprint.read(config.modelDir());
      if (stored != null) {
        stored.checkCompatible(actual, true, config.modelDir());
      }
      s.initialize();
      Ops tf = Ops.create(s.graph().graph()).withSubScope("warm_start");
      Session session = s.session();
      int assigned = 0;
      for (Layer layer : model.layers()) {
        for (Weight w : layer.weights()) {
          float[] v = weights.values(layer.name(), w.name());
          if (v == null) {
            continue;
          }
          if (v.length != w.size()) {
            throw new IllegalArgumentException("initial value of " + layer.name() + "/" + w.name() + " has " + v.length
                + " values; its shape " + w.shape().dims() + " holds " + w.size());
          }
          @SuppressWarnings("unchecked")
          Variable<TFloat32> var = (Variable<TFloat32>) s.graph().variables().get(layer.name() + "/" + w.name());
          if (var == null) {
            throw new IllegalStateException("the graph has no variable " + layer.name() + "/" + w.name());
          }
          long[] dims = w.shape().dims().stream().mapToLong(Integer::longValue).toArray();
          Operand<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
          Operand<TFloat32> assign = tf.assign(var, value);
          try (TFloat32 t = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(Arrays.copyOf(v, v.length), true, false));
              Result r = session.runner().feed(value, t).addTarget(assign).run()) {
            assigned++;
          }
        }
      }
      if (stored == null) {
        actual.write(config.modelDir());
      }
      checkpoints.save(session, s.globalStep());
      log.info("Warm-started {} weights of model '{}' in {}.", assigned, model.name(), config.modelDir());
      return true;
    }
  }
}
