package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Runs the standardize / split / n-gram part of a {@code TextVectorization} graph ({@link TextOps})
 * over batches of raw strings and gives each row's tokens, so that adapt counts exactly the tokens
 * the model's graph will look up. Holds a graph and a session: close it.
 */
public final class TextTokenizer implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Operand<TString> input;
  private final TextOps.Tokens tokens;

  public TextTokenizer(String standardize, String split, List<Long> ngrams) {
    try {
      Ops tf = Ops.create(graph);
      input = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      tokens = TextOps.tokens(tf, input, standardize, split, ngrams);
      session = new Session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The tokens of each of {@code rows}. */
  public List<List<String>> tokens(String[] rows) {
    List<List<String>> out = new ArrayList<>(rows.length);
    try (TString in = TString.vectorOf(rows);
        var r =
            session
                .runner()
                .feed(input, in)
                .fetch(tokens.values())
                .fetch(tokens.rowSplits())
                .run()) {
      TString values = (TString) r.get(0);
      TInt64 splits = (TInt64) r.get(1);
      for (int row = 0; row < rows.length; row++) {
        long from = splits.getLong(row);
        long to = splits.getLong(row + 1);
        List<String> t = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
          t.add(values.getObject(i));
        }
        out.add(t);
      }
    }
    return out;
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
