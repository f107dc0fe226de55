package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.OutputMode;
import io.github.kestimator.model.Params;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Keras {@code StringLookup} and {@code IntegerLookup} ({@link IndexLookupOps}): the index of each
 * value ({@code int}, shaped like the input), a one-hot vector per value, or one {@code multi_hot}
 * / {@code count} / {@code tf_idf} vector per example; mask and OOV tokens as Keras. The vocabulary
 * comes from the layer's state ({@link LayerStates}); integer inputs are looked up as int64.
 */
final class IndexLookup implements LayerBuilder {
  /** A lookup's settings and its depth-sized idf weights. */
  record Table(IndexLookupOps.Config config, LayerState state) {}

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Params p = ctx.params();
    boolean strings = ctx.layer().kind() == LayerKind.STRING_LOOKUP;
    Operand<?> in = inputs.get(0).value();
    Operand<? extends TType> keys =
        strings
            ? in.asOutput().expect(TString.class)
            : in.type() == TInt64.class
                ? in.asOutput().expect(TInt64.class)
                : tf.dtypes.cast(in, TInt64.class);
    String mode = p.getEnum("outputMode", OutputMode.class).keras();
    Table table = table(ctx, strings, p.optional("maskToken"), p.getInt("numOovIndices"), mode);
    Operand<TInt64> ids = lookup(ctx, keys, table);
    Operand<?> out = IndexLookupOps.encodeDense(tf, ids, table.config(), shape(ctx.inputShape(0)));
    return LayerOutput.of(staticShape(ctx, out));
  }

  /**
   * The lookup settings of the layer in {@code ctx}: the depth of encoded outputs is the output's
   * last dimension (the vocabulary's size, or {@code maxTokens} when adapted); idf weights are
   * padded to it with 0.
   */
  static Table table(
      LayerContext ctx, boolean strings, Object maskToken, int numOovIndices, String mode) {
    LayerState s = ctx.state();
    int depth = mode.equals("int") ? s.vocabulary().size() : ctx.layer().outputShape().dim(-1);
    if (!mode.equals("int") && s.vocabulary().size() > depth) {
      throw new IllegalStateException(
          "the vocabulary of layer '"
              + ctx.layer().name()
              + "' has "
              + s.vocabulary().size()
              + " entries, but its output has "
              + depth);
    }
    float[] idf = s.idfWeights() == null ? null : Arrays.copyOf(s.idfWeights(), depth);
    return new Table(
        new IndexLookupOps.Config(strings, maskToken, numOovIndices, mode, depth, idf), s);
  }

  /** The ids of {@code keys}, registering the table's token file as a SavedModel asset. */
  static Operand<TInt64> lookup(LayerContext ctx, Operand<? extends TType> keys, Table table) {
    IndexLookupOps.Lookup l =
        IndexLookupOps.lookup(
            ctx.tf(), keys, table.config(), table.state().tokenFile(), "vocabulary_path");
    if (l.pathOp() != null) {
      ctx.addTableFile(l.pathOp(), table.state().tokenFile());
    }
    return l.ids();
  }

  /**
   * {@code out} with the layer's static output shape, {@code [-1, dims...]} (the ops give dynamic
   * shapes).
   */
  static Operand<?> staticShape(LayerContext ctx, Operand<?> out) {
    long[] dims = ctx.layer().outputShape().withBatch(-1);
    return ctx.tf().reshape(out, ctx.tf().constant(dims));
  }

  static org.tensorflow.ndarray.Shape shape(io.github.kestimator.model.Shape s) {
    long[] withBatch = s.withBatch(1);
    return org.tensorflow.ndarray.Shape.of(Arrays.copyOfRange(withBatch, 1, withBatch.length));
  }
}
