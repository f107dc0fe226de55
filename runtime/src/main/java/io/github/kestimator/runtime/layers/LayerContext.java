package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Params;
import io.github.kestimator.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Everything a {@link LayerBuilder} may use while building one layer: ops scoped to the layer's
 * name, its variables, the mode, the batch size, and stateless dropout masks.
 */
public final class LayerContext {
  private final Ops tf;
  private final Layer layer;
  private final String weightPrefix;
  private final boolean training;
  private final Map<String, ? extends Operand<TFloat32>> weights;
  private final List<Shape> inputShapes;
  private final Operand<TInt32> batchSize;
  private final Operand<TInt64> step;
  private final long seed;
  private final List<Op> updates;
  private final List<io.github.kestimator.runtime.optimizers.Lookup> lookups;
  private final LayerState state;
  private final List<TableFile> tableFiles;

  /**
   * @param weights the layer's variables by Keras weight name
   * @param batchSize the batch size as a scalar, computed from a placeholder so that it lies on no
   *     gradient path
   * @param step the global step before this run's increment (TRAIN only, else null): with the seed
   *     it keys dropout masks, so a resumed run draws the same masks as an uninterrupted one
   * @param seed this layer's seed
   * @param updates where layers add state updates that run with each train step (moving averages)
   * @param lookups where layers register variables they only gather rows from (embeddings)
   * @param state the layer's preprocessing state (vocabulary, mean and variance), or null when it
   *     has none
   * @param tableFiles where lookup layers register the files their tables are filled from
   *     (SavedModel assets)
   */
  public LayerContext(
      Ops tf,
      Layer layer,
      boolean training,
      Map<String, ? extends Operand<TFloat32>> weights,
      List<Shape> inputShapes,
      Operand<TInt32> batchSize,
      Operand<TInt64> step,
      long seed,
      List<Op> updates,
      List<io.github.kestimator.runtime.optimizers.Lookup> lookups,
      LayerState state,
      List<TableFile> tableFiles) {
    this(
        tf,
        layer,
        "",
        training,
        weights,
        inputShapes,
        batchSize,
        step,
        seed,
        updates,
        lookups,
        state,
        tableFiles);
  }

  private LayerContext(
      Ops tf,
      Layer layer,
      String weightPrefix,
      boolean training,
      Map<String, ? extends Operand<TFloat32>> weights,
      List<Shape> inputShapes,
      Operand<TInt32> batchSize,
      Operand<TInt64> step,
      long seed,
      List<Op> updates,
      List<io.github.kestimator.runtime.optimizers.Lookup> lookups,
      LayerState state,
      List<TableFile> tableFiles) {
    this.tf = tf;
    this.layer = layer;
    this.weightPrefix = weightPrefix;
    this.training = training;
    this.weights = weights;
    this.inputShapes = List.copyOf(inputShapes);
    this.batchSize = batchSize;
    this.step = step;
    this.seed = seed;
    this.updates = updates;
    this.lookups = lookups;
    this.state = state;
    this.tableFiles = tableFiles;
  }

  /**
   * A context for a wrapped layer (Bidirectional's forward or backward copy): weights carry {@code
   * prefix}.
   */
  public LayerContext wrapped(Layer wrapped, String prefix) {
    return new LayerContext(
        tf.withSubScope(prefix.replace("_", "")),
        wrapped,
        weightPrefix + prefix,
        training,
        weights,
        inputShapes,
        batchSize,
        step,
        seed ^ prefix.hashCode(),
        updates,
        lookups,
        state,
        tableFiles);
  }

  /** Ops whose names are scoped under the layer's name. */
  public Ops tf() {
    return tf;
  }

  public Layer layer() {
    return layer;
  }

  public Params params() {
    return layer.params();
  }

  /** True in TRAIN mode: dropout on, batch statistics in batch normalization. */
  public boolean training() {
    return training;
  }

  /** The example shape (no batch axis) of input {@code i}. */
  public Shape inputShape(int i) {
    return inputShapes.get(i);
  }

  public Operand<TInt32> batchSize() {
    return batchSize;
  }

  public boolean hasWeight(String name) {
    return weights.containsKey(weightPrefix + name);
  }

  /**
   * The variable of weight {@code name} (Keras' name, e.g. {@code kernel}): the ref variable
   * itself, so that updates ({@code assignSub}) reach it. Some of TensorFlow's C++ gradients cast a
   * constant to their input's type ({@code Square}, {@code Log1p}, {@code Sign}, {@code Atan},
   * {@code Atanh}, {@code Asin}, {@code Acos}); on a ref input ({@code float_ref}) that cast fails
   * and the gradient code crashes the JVM. Give such ops {@code tf.identity(weight)}; {@code
   * NoNativeCrashTest} runs every layer kind's gradient in a child JVM to catch this.
   */
  public Operand<TFloat32> weight(String name) {
    Operand<TFloat32> w = weights.get(weightPrefix + name);
    if (w == null) {
      throw new IllegalStateException(
          layer.kind().kerasName()
              + " layer '"
              + layer.name()
              + "' has no weight '"
              + weightPrefix
              + name
              + "'; it has "
              + new ArrayList<>(weights.keySet()));
    }
    return w;
  }

  /** Input {@code i} as float32, cast when it is an int input. */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> floatInput(List<LayerOutput> inputs, int i) {
    Operand<?> v = inputs.get(i).value();
    return v.type() == TFloat32.class ? (Operand<TFloat32>) v : tf.dtypes.cast(v, TFloat32.class);
  }

  /**
   * The layer's preprocessing state ({@link LayerStates}): its vocabulary and token file, or mean
   * and variance.
   *
   * @throws IllegalStateException when the layer has none
   */
  public LayerState state() {
    if (state == null) {
      throw new IllegalStateException(
          layer.kind().kerasName() + " layer '" + layer.name() + "' has no preprocessing state");
    }
    return state;
  }

  /**
   * Registers that a lookup table is filled from {@code file}, its name held by the string constant
   * {@code pathOp}.
   */
  public void addTableFile(String pathOp, java.nio.file.Path file) {
    tableFiles.add(new TableFile(pathOp, file, layer.name() + "/" + file.getFileName()));
  }

  /** Registers an op that must run with every train step (e.g. a moving average update). */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /**
   * Registers that {@code rows} are {@code table}'s rows gathered by {@code ids}, its only read
   * (see {@link io.github.kestimator.runtime.optimizers.Lookup}).
   */
  public void addLookup(Operand<TFloat32> table, Operand<TInt32> ids, Operand<TFloat32> rows) {
    lookups.add(new io.github.kestimator.runtime.optimizers.Lookup(table, ids, rows));
  }

  /**
   * A Keras dropout mask of shape {@code [batch, dims...]}: 0 with probability {@code rate}, else
   * {@code 1 / (1 - rate)}. Drawn with a stateless random op keyed by (layer seed, purpose, global
   * step).
   *
   * @param purpose distinguishes several masks of one layer (e.g. "input", "recurrent")
   */
  public Operand<TFloat32> dropoutMask(List<Integer> dims, double rate, String purpose) {
    if (step == null) {
      throw new IllegalStateException(
          "dropout masks exist only in TRAIN mode (layer '" + layer.name() + "')");
    }
    int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
    Operand<TInt32> shape =
        tf.concat(
            List.of(tf.reshape(batchSize, tf.constant(new int[] {1})), tf.constant(d)),
            tf.constant(0));
    Operand<TInt64> key =
        tf.stack(
            List.of(tf.constant(seed ^ (long) purpose.hashCode() * 0x9E3779B97F4A7C15L), step));
    Operand<TFloat32> u = tf.random.statelessRandomUniform(shape, key);
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(keep, tf.constant((float) (1 / (1 - rate))));
  }

  /** A value as float32 whatever its type. */
  public static <T extends TType> Operand<TFloat32> floats(Ops tf, Operand<T> v) {
    return tf.dtypes.cast(v, TFloat32.class);
  }
}
