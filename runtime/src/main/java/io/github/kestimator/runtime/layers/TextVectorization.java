package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.OutputMode;
import io.github.kestimator.model.Params;
import io.github.kestimator.model.Split;
import io.github.kestimator.model.Standardize;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Keras {@code TextVectorization}: standardize, split and n-grams ({@link TextOps}), then the
 * vocabulary lookup ({@link IndexLookupOps}, mask {@code ""}, one OOV index) and the output mode:
 * {@code int} ids padded or cut to {@code outputSequenceLength}, or one {@code multi_hot} / {@code
 * count} / {@code tf_idf} vector per text with as many entries as the output has (the vocabulary's
 * size, or {@code maxTokens} for an adapted one, the rest 0). The vocabulary comes from the layer's
 * state ({@link LayerStates}).
 */
final class TextVectorization implements LayerBuilder {
  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Ops tf = ctx.tf();
    Params p = ctx.params();
    @SuppressWarnings("unchecked")
    Operand<TString> text = (Operand<TString>) inputs.get(0).value();
    Standardize standardize = p.getEnum("standardize", Standardize.class);
    Split split = p.getEnum("split", Split.class);
    TextOps.Tokens t =
        TextOps.tokens(
            tf, text, standardize.keras(), split.keras(), TextOps.ngramWidths(p.getInt("ngrams")));
    String mode = p.getEnum("outputMode", OutputMode.class).keras();
    IndexLookup.Table table = IndexLookup.table(ctx, true, "", 1, mode);
    Operand<TInt64> ids = IndexLookup.lookup(ctx, t.values(), table);
    Operand<?> out =
        mode.equals("int")
            ? TextOps.padded(tf, ids, t.rowSplits(), t.rows(), p.getInt("outputSequenceLength"))
            : IndexLookupOps.encodeRows(
                tf, ids, TextOps.rowIds(tf, t.rowSplits()), t.rows(), table.config());
    return LayerOutput.of(IndexLookup.staticShape(ctx, out));
  }
}
