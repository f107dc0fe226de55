package io.github.kestimator.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * TextVectorization, StringLookup and IntegerLookup graphs ({@link TextOps}, {@link
 * IndexLookupOps}) on Keras' committed fixtures: the vocabulary Keras adapted, Keras' inputs, and
 * Keras' layer output, ints exactly and floats within 1e-6.
 */
class LookupFixturesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text_int",
        "text_int_no_length",
        "text_lower_bigrams",
        "text_strip_char",
        "text_multi_hot",
        "text_count",
        "text_tf_idf",
        "text_fixed_vocabulary"
      })
  void textVectorizationEqualsKeras(String name) {
    PreprocessingFixture f = PreprocessingFixture.load(name);
    Map<String, Object> cfg = f.config();
    @SuppressWarnings("unchecked")
    List<String> vocab = (List<String>) f.vocabulary();
    String mode = (String) cfg.get("output_mode");
    IndexLookupOps.Config c = new IndexLookupOps.Config(true, "", 1, mode, vocab.size(), idf(f));
    Path tokens = dir.resolve(name + ".tokens");
    VocabularyFile.writeTokens("text", tokens, vocab, c.tokenStart());
    Integer ngrams = cfg.get("ngrams") == null ? null : ((Number) cfg.get("ngrams")).intValue();
    Object length = cfg.get("output_sequence_length");
    String[] rows = f.input().toArray(new String[0]);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      TextOps.Tokens t =
          TextOps.tokens(
              tf,
              in,
              (String) cfg.get("standardize"),
              (String) cfg.get("split"),
              TextOps.ngramWidths(ngrams));
      Operand<TInt64> ids =
          IndexLookupOps.lookup(tf, t.values(), c, tokens, "vocabulary_path").ids();
      Operand<?> out =
          mode.equals("int")
              ? TextOps.padded(
                  tf,
                  ids,
                  t.rowSplits(),
                  t.rows(),
                  length == null ? 0 : ((Number) length).intValue())
              : IndexLookupOps.encodeRows(tf, ids, TextOps.rowIds(tf, t.rowSplits()), t.rows(), c);
      try (TString x = TString.vectorOf(rows)) {
        check(f, run(s, in, x, out));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"string_lookup", "string_lookup_options", "integer_lookup"})
  void lookupLayersEqualKeras(String name) {
    PreprocessingFixture f = PreprocessingFixture.load(name);
    Map<String, Object> cfg = f.config();
    boolean strings = f.layerJson().get("class_name").equals("StringLookup");
    List<String> vocab = f.vocabulary().stream().map(String::valueOf).toList();
    Object mask = cfg.get("mask_token");
    IndexLookupOps.Config c =
        new IndexLookupOps.Config(
            strings,
            mask,
            ((Number) cfg.get("num_oov_indices")).intValue(),
            (String) cfg.get("output_mode"),
            vocab.size(),
            idf(f));
    Path tokens = dir.resolve(name + ".tokens");
    VocabularyFile.writeTokens(name, tokens, vocab, c.tokenStart());
    List<?> input = f.input();
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<? extends TType> in =
          strings
              ? tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1, 1)))
              : tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TInt64> ids = IndexLookupOps.lookup(tf, in, c, tokens, "vocabulary_path").ids();
      Operand<?> out = IndexLookupOps.encodeDense(tf, ids, c, Shape.of(1));
      Tensor x =
          strings
              ? TString.tensorOf(
                  Shape.of(input.size(), 1), DataBuffers.ofObjects(input.toArray(new String[0])))
              : TInt64.tensorOf(
                  Shape.of(input.size(), 1),
                  DataBuffers.of(
                      input.stream().mapToLong(v -> ((Number) v).longValue()).toArray(),
                      true,
                      false));
      try (x) {
        check(f, run(s, in, x, out));
      }
    }
  }

  static float[] idf(PreprocessingFixture f) {
    Object w = f.layerJson().get("idf_weights");
    if (w == null) {
      return null;
    }
    List<?> l = (List<?>) w;
    float[] a = new float[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).floatValue();
    }
    return a;
  }

  /** Fetches {@code out} fed {@code x}: shape and values as doubles. */
  static Map.Entry<long[], double[]> run(Session s, Operand<?> in, Tensor x, Operand<?> out) {
    try (var r = s.runner().feed(in, x).fetch(out).run()) {
      Tensor t = r.get(0);
      long[] shape = t.shape().asArray();
      double[] v = new double[(int) t.shape().size()];
      if (t instanceof TInt64 l) {
        long[] a = new long[v.length];
        l.asRawTensor().data().asLongs().read(a);
        for (int i = 0; i < a.length; i++) {
          v[i] = a[i];
        }
      } else if (t instanceof TFloat32 fl) {
        float[] a = new float[v.length];
        fl.asRawTensor().data().asFloats().read(a);
        for (int i = 0; i < a.length; i++) {
          v[i] = a[i];
        }
      } else if (t instanceof org.tensorflow.types.TInt32 in32) {
        int[] a = new int[v.length];
        in32.asRawTensor().data().asInts().read(a);
        for (int i = 0; i < a.length; i++) {
          v[i] = a[i];
        }
      } else {
        throw new IllegalStateException("unexpected output " + t.dataType());
      }
      return Map.entry(shape, v);
    }
  }

  static void check(PreprocessingFixture f, Map.Entry<long[], double[]> got) {
    assertArrayEquals(f.outputShape(), got.getKey(), f.name() + ": shape");
    for (int i = 0; i < got.getValue().length; i++) {
      assertEquals(
          f.output()[i],
          got.getValue()[i],
          1e-6,
          f.name()
              + ": value "
              + i
              + " (row "
              + i / Math.max(1, f.outputShape()[f.outputShape().length - 1])
              + ")");
    }
  }
}
