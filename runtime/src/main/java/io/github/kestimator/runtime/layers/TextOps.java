package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.op.strings.UnicodeDecode;
import org.tensorflow.op.strings.UnicodeEncode;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The text half of Keras' {@code TextVectorization} as graph ops: standardize, split, n-grams, with
 * the same TensorFlow string ops Keras runs (so tokens are byte-identical), and the padding of
 * {@code int} output. Adapt runs the same ops over the data, so its tokens are the graph's.
 *
 * <ul>
 *   <li>{@code lower}: {@code StringLower} with no encoding (ASCII letters only, as Keras' {@code
 *       tf.strings.lower});
 *   <li>{@code strip_punctuation}: {@code StaticRegexReplace} of Keras' punctuation class by "";
 *   <li>{@code whitespace}: {@code StringSplitV2} with an empty separator (runs of whitespace, no
 *       empty tokens);
 *   <li>{@code character}: UTF-8 code points ({@code UnicodeDecode} + {@code UnicodeEncode}, Keras'
 *       {@code unicode_split}; malformed bytes become U+FFFD);
 *   <li>n-grams: {@code StringNGrams} of widths {@code 1..n} joined by " ", no padding, short rows
 *       give none.
 * </ul>
 */
public final class TextOps {
  /** Keras' {@code DEFAULT_STRIP_REGEX}. */
  static final String STRIP_REGEX = "[!\"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~\\']";

  private TextOps() {}

  /**
   * Ragged tokens: row {@code r} holds {@code values[rowSplits[r] .. rowSplits[r + 1])}.
   *
   * @param rows the batch size, int64 scalar
   */
  public record Tokens(Operand<TString> values, Operand<TInt64> rowSplits, Operand<TInt64> rows) {}

  /**
   * The tokens of each row of {@code input} ({@code [batch]} or {@code [batch, 1]} strings).
   *
   * @param standardize Keras' spelling ({@code lower_and_strip_punctuation}, {@code lower}, {@code
   *     strip_punctuation}) or null for none
   * @param split {@code whitespace}, {@code character} or null (each string one token)
   * @param ngrams the n-gram widths (Keras' {@code ngrams=n} is {@code 1..n}), or null
   */
  public static Tokens tokens(
      Ops tf, Operand<TString> input, String standardize, String split, List<Long> ngrams) {
    Operand<TString> x = tf.reshape(input, tf.constant(new long[] {-1}));
    x = standardize(tf, x, standardize);
    Operand<TInt64> rows = tf.shape(x, TInt64.class);
    rows = tf.reshape(rows, tf.constant(new long[0]));
    Operand<TString> values;
    Operand<TInt64> splits;
    if (split == null) {
      values = x;
      splits = tf.range(tf.constant(0L), tf.math.add(rows, tf.constant(1L)), tf.constant(1L));
    } else if (split.equals("whitespace")) {
      StringSplit sp = tf.strings.stringSplit(x, tf.constant(""));
      values = sp.values();
      Operand<TInt64> rowIds =
          tf.reshape(
              tf.slice(
                  sp.indices(), tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, 1})),
              tf.constant(new long[] {-1}));
      splits = splitsOf(tf, rowIds, rows);
    } else if (split.equals("character")) {
      UnicodeDecode<TInt64> d =
          tf.strings.unicodeDecode(
              x,
              "UTF-8",
              TInt64.class,
              UnicodeDecode.errors("replace"),
              UnicodeDecode.replacementChar(65533L));
      Operand<TInt32> chars = d.charValues();
      Operand<TInt64> n = tf.reshape(tf.shape(chars, TInt64.class), tf.constant(new long[0]));
      values =
          tf.strings.unicodeEncode(
              chars,
              tf.range(tf.constant(0L), tf.math.add(n, tf.constant(1L)), tf.constant(1L)),
              "UTF-8",
              UnicodeEncode.errors("replace"),
              UnicodeEncode.replacementChar(65533L));
      splits = d.rowSplits();
    } else {
      throw new IllegalArgumentException(
          "unknown split '" + split + "'; expected whitespace, character or none");
    }
    if (ngrams != null && !ngrams.isEmpty()) {
      var g = tf.strings.stringNGrams(values, splits, " ", ngrams, "", "", 0L, false);
      values = g.ngrams();
      splits = g.ngramsSplits();
    }
    return new Tokens(values, splits, rows);
  }

  /** Keras' standardize step on a string tensor. */
  public static Operand<TString> standardize(Ops tf, Operand<TString> x, String standardize) {
    if (standardize == null) {
      return x;
    }
    boolean lower =
        standardize.equals("lower") || standardize.equals("lower_and_strip_punctuation");
    boolean strip =
        standardize.equals("strip_punctuation")
            || standardize.equals("lower_and_strip_punctuation");
    if (!lower && !strip) {
      throw new IllegalArgumentException(
          "unknown standardize '"
              + standardize
              + "'; expected lower_and_strip_punctuation, lower, strip_punctuation or none");
    }
    if (lower) {
      x = tf.strings.lower(x);
    }
    if (strip) {
      x = tf.strings.staticRegexReplace(x, STRIP_REGEX, "");
    }
    return x;
  }

  /** Row splits from sorted row ids: {@code [0, cumsum(counts)]}. */
  static Operand<TInt64> splitsOf(Ops tf, Operand<TInt64> rowIds, Operand<TInt64> rows) {
    Operand<TInt64> counts = tf.math.unsortedSegmentSum(tf.onesLike(rowIds), rowIds, rows);
    return tf.concat(
        List.of(tf.constant(new long[] {0}), tf.math.cumsum(counts, tf.constant(0))),
        tf.constant(0));
  }

  /**
   * The row of each value, {@code [n]}: the number of row starts {@code splits[1..rows-1]} at or
   * before each position (a segment sum of ones at the starts, then a cumulative sum; O(n + rows)).
   */
  public static Operand<TInt64> rowIds(Ops tf, Operand<TInt64> rowSplits) {
    Operand<TInt64> n = tf.reshape(lastOf(tf, rowSplits), tf.constant(new long[0]));
    Operand<TInt64> size = tf.reshape(tf.shape(rowSplits, TInt64.class), tf.constant(new long[0]));
    Operand<TInt64> starts =
        tf.slice(
            rowSplits,
            tf.constant(new long[] {1}),
            tf.reshape(tf.math.sub(size, tf.constant(2L)), tf.constant(new long[] {1})));
    Operand<TInt64> marks =
        tf.math.unsortedSegmentSum(tf.onesLike(starts), starts, tf.math.add(n, tf.constant(1L)));
    Operand<TInt64> firstN =
        tf.slice(marks, tf.constant(new long[] {0}), tf.reshape(n, tf.constant(new long[] {1})));
    return tf.math.cumsum(firstN, tf.constant(0));
  }

  static Operand<TInt64> lastOf(Ops tf, Operand<TInt64> v) {
    Operand<TInt64> size = tf.reshape(tf.shape(v, TInt64.class), tf.constant(new long[0]));
    return tf.gather(v, tf.math.sub(size, tf.constant(1L)), tf.constant(0));
  }

  /**
   * Keras' {@code int} output: each row's ids, cut or padded with 0 to {@code length} ({@code
   * [batch, length]}); {@code length <= 0} pads to the longest row of the batch, as Keras with no
   * {@code output_sequence_length}.
   */
  public static Operand<TInt64> padded(
      Ops tf, Operand<TInt64> ids, Operand<TInt64> rowSplits, Operand<TInt64> rows, int length) {
    Operand<TInt64> rowIds = rowIds(tf, rowSplits);
    Operand<TInt64> starts = tf.gather(rowSplits, rowIds, tf.constant(0));
    Operand<TInt64> n = tf.reshape(lastOf(tf, rowSplits), tf.constant(new long[0]));
    Operand<TInt64> position = tf.math.sub(tf.range(tf.constant(0L), n, tf.constant(1L)), starts);
    Operand<TInt64> width;
    if (length > 0) {
      width = tf.constant((long) length);
    } else {
      Operand<TInt64> lengths =
          tf.math.sub(
              tf.slice(rowSplits, tf.constant(new long[] {1}), tf.constant(new long[] {-1})),
              tf.slice(
                  rowSplits,
                  tf.constant(new long[] {0}),
                  tf.math.sub(tf.shape(rowSplits, TInt64.class), tf.constant(new long[] {1}))));
      width =
          tf.max(
              tf.concat(List.of(lengths, tf.constant(new long[] {0})), tf.constant(0)),
              tf.constant(0));
    }
    Operand<TInt64> keep =
        tf.reshape(tf.where(tf.math.less(position, width)), tf.constant(new long[] {-1}));
    Operand<TInt64> indices =
        tf.stack(
            List.of(
                tf.gather(rowIds, keep, tf.constant(0)), tf.gather(position, keep, tf.constant(0))),
            org.tensorflow.op.core.Stack.axis(1L));
    Operand<TInt64> shape = tf.stack(List.of(rows, width));
    return tf.scatterNd(indices, tf.gather(ids, keep, tf.constant(0)), shape);
  }

  /** Keras' n-gram widths for {@code ngrams = n}: {@code 1..n}; null for none. */
  public static List<Long> ngramWidths(Integer n) {
    if (n == null || n <= 1) {
      return null;
    }
    List<Long> widths = new ArrayList<>();
    for (long w = 1; w <= n; w++) {
      widths.add(w);
    }
    return widths;
  }
}
