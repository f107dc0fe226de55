package io.github.kestimator.runtime.layers;

import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.InitializeTableFromTextFile;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Keras' {@code IndexLookup} (the lookup inside {@code StringLookup}, {@code IntegerLookup} and
 * {@code TextVectorization}) as graph ops, with Keras' index layout: in {@code int} mode with a
 * mask token, index 0 is the mask; then {@code numOovIndices} OOV indices; then the tokens in
 * vocabulary order. A token maps to its index; the mask token to 0 ({@code int}) or to nothing
 * (other modes); an unknown token to the OOV index ({@code numOovIndices = 1}), to {@code
 * floormod(key, n)} (integer keys) or a FarmHash bucket (string keys) for several OOV indices, as
 * Keras.
 *
 * <p>The table is a {@code HashTable} filled by an initializer in the graph's init scope from a
 * <em>token file</em>: the vocabulary's tokens (no special tokens), one per line, UTF-8, read with
 * the index offset of the first token. The file name is a string constant {@code <name>} so that a
 * SavedModel can point it at an asset.
 */
public final class IndexLookupOps {
  private IndexLookupOps() {}

  /**
   * One lookup's settings.
   *
   * @param maskToken {@code String} or {@code Long}, or null for none
   * @param outputMode Keras' spelling: {@code int}, {@code one_hot}, {@code multi_hot}, {@code
   *     count}, {@code tf_idf}
   * @param vocabularySize the full vocabulary's size with the special tokens ({@code
   *     get_vocabulary()}'s length): the depth of non-int outputs
   * @param idfWeights for {@code tf_idf}: one weight per index of the full vocabulary, else null
   */
  public record Config(
      boolean stringKeys,
      Object maskToken,
      int numOovIndices,
      String outputMode,
      int vocabularySize,
      float[] idfWeights) {
    public int oovStart() {
      return maskToken != null && outputMode.equals("int") ? 1 : 0;
    }

    public int tokenStart() {
      return oovStart() + numOovIndices;
    }
  }

  /**
   * A lookup's result.
   *
   * @param ids the int64 index of each key, shaped like the keys
   * @param pathOp the full op name of the string constant holding the token file's name (a
   *     SavedModel asset is fed through it), or null when the file was empty (no tokens: no table,
   *     every key is OOV)
   */
  public record Lookup(Operand<TInt64> ids, String pathOp) {}

  /**
   * The int64 index of each key ({@code TString} or {@code TInt64}, any shape), Keras' {@code
   * _lookup_dense}.
   *
   * @param tokenFile the token file (see the class comment)
   * @param pathConstName the local name of the file name constant, e.g. {@code vocabulary_path}
   */
  public static Lookup lookup(
      Ops tf, Operand<? extends TType> keys, Config c, Path tokenFile, String pathConstName) {
    Class<? extends TType> keyType = c.stringKeys() ? TString.class : TInt64.class;
    Ops init = tf.withInitScope();
    long size;
    try {
      size = java.nio.file.Files.size(tokenFile);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "the token file "
              + tokenFile
              + " of the lookup table cannot be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); adapt the layer or give it a vocabulary",
          e);
    }
    String pathOp = null;
    long defaultValue = c.numOovIndices() == 1 ? c.oovStart() : -1;
    Operand<TInt64> ids;
    if (size == 0) {
      // No tokens (adapted on data without any): TensorFlow's text file initializer fails on an
      // empty file and a table
      // takes no empty constants, so there is no table: every key is OOV, as in Keras.
      ids = tf.fill(tf.shape(keys, TInt64.class), tf.constant(defaultValue));
    } else {
      HashTable table = tf.hashTable(keyType, TInt64.class);
      Operand<TString> file = init.withName(pathConstName).constant(tokenFile.toString());
      init.initializeTableFromTextFile(
          table, file, -2L, -1L, InitializeTableFromTextFile.offset((long) c.tokenStart()));
      pathOp = file.op().name();
      ids = tf.lookupTableFind(table, keys, tf.constant(defaultValue));
    }
    if (c.maskToken() != null) {
      Operand<TInt64> maskValue = tf.constant(c.outputMode().equals("int") ? 0L : Long.MAX_VALUE);
      ids =
          tf.select(
              equalToMask(tf, keys, c),
              tf.broadcastTo(maskValue, tf.shape(ids, TInt64.class)),
              ids);
    }
    if (c.numOovIndices() > 1) {
      Operand<TInt64> oov;
      if (c.stringKeys()) {
        @SuppressWarnings("unchecked")
        Operand<TString> s = (Operand<TString>) keys;
        oov = tf.strings.toHashBucketFast(s, (long) c.numOovIndices());
      } else {
        @SuppressWarnings("unchecked")
        Operand<TInt64> k = (Operand<TInt64>) keys;
        oov = tf.math.floorMod(k, tf.constant((long) c.numOovIndices()));
      }
      oov = tf.math.add(oov, tf.constant((long) c.oovStart()));
      ids = tf.select(tf.math.equal(ids, tf.constant(-1L)), oov, ids);
    } else if (c.numOovIndices() == 0) {
      Operand<TInt64> missing = tf.where(tf.math.equal(ids, tf.constant(-1L)));
      var check =
          tf.assertThat(
              tf.math.equal(tf.size(missing, TInt64.class), tf.constant(0L)),
              List.of(
                  tf.constant(
                      "With numOovIndices = 0 every input must be in the vocabulary; found one that is not")));
      ids = tf.withControlDependencies(List.of(check)).identity(ids);
    }
    return new Lookup(ids, pathOp);
  }

  @SuppressWarnings("unchecked")
  private static Operand<org.tensorflow.types.TBool> equalToMask(
      Ops tf, Operand<? extends TType> keys, Config c) {
    if (c.stringKeys()) {
      return tf.math.equal((Operand<TString>) keys, tf.constant((String) c.maskToken()));
    }
    return tf.math.equal((Operand<TInt64>) keys, tf.constant(((Number) c.maskToken()).longValue()));
  }

  /**
   * Keras' non-int outputs of ragged ids (row {@code r}'s ids have {@code rowIds == r}), {@code
   * [rows, depth]} float32: {@code multi_hot} (1 where an id occurs), {@code count}, {@code tf_idf}
   * (count times the id's idf weight). Ids outside {@code [0, depth)} (the mask) count for nothing,
   * as Keras' bincount.
   */
  public static Operand<TFloat32> encodeRows(
      Ops tf, Operand<TInt64> ids, Operand<TInt64> rowIds, Operand<TInt64> rows, Config c) {
    long depth = c.vocabularySize();
    Operand<TInt64> flat = tf.reshape(ids, tf.constant(new long[] {-1}));
    Operand<TInt64> rid = tf.reshape(rowIds, tf.constant(new long[] {-1}));
    Operand<TInt64> valid =
        tf.reshape(
            tf.where(
                tf.math.logicalAnd(
                    tf.math.greaterEqual(flat, tf.constant(0L)),
                    tf.math.less(flat, tf.constant(depth)))),
            tf.constant(new long[] {-1}));
    Operand<TInt64> keptIds = tf.gather(flat, valid, tf.constant(0));
    Operand<TInt64> keptRows = tf.gather(rid, valid, tf.constant(0));
    Operand<TInt64> segment = tf.math.add(tf.math.mul(keptRows, tf.constant(depth)), keptIds);
    Operand<TFloat32> counts =
        tf.math.unsortedSegmentSum(
            tf.onesLike(tf.dtypes.cast(segment, TFloat32.class)),
            segment,
            tf.math.mul(rows, tf.constant(depth)));
    Operand<TFloat32> out = tf.reshape(counts, tf.stack(List.of(rows, tf.constant(depth))));
    switch (c.outputMode()) {
      case "multi_hot", "one_hot" -> out = tf.math.minimum(out, tf.constant(1f));
      case "count" -> {}
      case "tf_idf" -> out = tf.math.mul(out, tf.constant(c.idfWeights()));
      default ->
          throw new IllegalArgumentException(
              "encodeRows takes multi_hot, count or tf_idf, not " + c.outputMode());
    }
    return out;
  }

  /**
   * Keras' outputs of dense ids {@code [batch, dims...]}: {@code int} as is; {@code one_hot}
   * appends a depth axis (a trailing axis of 1 is replaced by it); {@code multi_hot}, {@code count}
   * and {@code tf_idf} count the ids of each example ({@code [batch, depth]}).
   */
  public static Operand<?> encodeDense(
      Ops tf, Operand<TInt64> ids, Config c, org.tensorflow.ndarray.Shape exampleShape) {
    switch (c.outputMode()) {
      case "int":
        return ids;
      case "one_hot":
        {
          Operand<TInt64> x = ids;
          if (exampleShape.numDimensions() > 0
              && exampleShape.get(exampleShape.numDimensions() - 1) == 1) {
            x =
                tf.squeeze(
                    x,
                    org.tensorflow.op.core.Squeeze.axis(
                        List.of((long) exampleShape.numDimensions())));
          }
          return tf.oneHot(x, tf.constant(c.vocabularySize()), tf.constant(1f), tf.constant(0f));
        }
      default:
        {
          Operand<TInt64> rows =
              tf.reshape(
                  tf.gather(tf.shape(ids, TInt64.class), tf.constant(0), tf.constant(0)),
                  tf.constant(new long[0]));
          long per = exampleShape.size();
          Operand<TInt64> rowIds =
              tf.reshape(
                  tf.broadcastTo(
                      tf.expandDims(
                          tf.range(tf.constant(0L), rows, tf.constant(1L)), tf.constant(1)),
                      tf.stack(List.of(rows, tf.constant(per)))),
                  tf.constant(new long[] {-1}));
          return encodeRows(tf, ids, rowIds, rows, c);
        }
    }
  }
}
