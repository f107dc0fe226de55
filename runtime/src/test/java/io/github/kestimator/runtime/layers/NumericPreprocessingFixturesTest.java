package io.github.kestimator.runtime.layers;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Hashing, Normalization, Discretization and CategoryEncoding graphs on Keras' committed fixtures.
 */
class NumericPreprocessingFixturesTest {
  @ParameterizedTest
  @ValueSource(strings = {"hashing", "hashing_salt"})
  void hashingEqualsKeras(String name) {
    PreprocessingFixture f = PreprocessingFixture.load(name);
    Map<String, Object> cfg = f.config();
    List<Long> salt =
        cfg.get("salt") == null
            ? List.of()
            : ((List<?>) cfg.get("salt")).stream().map(v -> ((Number) v).longValue()).toList();
    String[] values = f.input().toArray(new String[0]);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TInt64> out =
          Hashing.ops(
              tf, in, ((Number) cfg.get("num_bins")).intValue(), salt, cfg.get("mask_value"));
      try (TString x =
          TString.tensorOf(Shape.of(values.length, 1), DataBuffers.ofObjects(values))) {
        LookupFixturesTest.check(f, LookupFixturesTest.run(s, in, x, out));
      }
    }
  }

  @Test
  void normalizationEqualsKeras() {
    PreprocessingFixture f = PreprocessingFixture.load("normalization");
    float[][] rows = floats2d(f.input());
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, rows[0].length)));
      Operand<TFloat32> out =
          Normalization.ops(
              tf,
              in,
              floats(f.layerJson().get("mean")),
              floats(f.layerJson().get("variance")),
              false);
      try (TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(rows))) {
        LookupFixturesTest.check(f, LookupFixturesTest.run(s, in, x, out));
      }
    }
  }

  @Test
  void discretizationEqualsKeras() {
    PreprocessingFixture f = PreprocessingFixture.load("discretization");
    float[][] rows = floats2d(f.input());
    List<Float> bounds =
        ((List<?>) f.config().get("bin_boundaries"))
            .stream().map(v -> ((Number) v).floatValue()).toList();
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TInt64> out = Discretization.ops(tf, in, bounds);
      try (TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(rows))) {
        LookupFixturesTest.check(f, LookupFixturesTest.run(s, in, x, out));
      }
    }
  }

  @Test
  void categoryEncodingEqualsKeras() {
    PreprocessingFixture f = PreprocessingFixture.load("category_encoding");
    List<?> rows = f.input();
    long[][] ids =
        rows.stream()
            .map(r -> ((List<?>) r).stream().mapToLong(v -> ((Number) v).longValue()).toArray())
            .toArray(long[][]::new);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, ids[0].length)));
      Operand<TFloat32> out =
          CategoryEncoding.ops(
              tf,
              in,
              ((Number) f.config().get("num_tokens")).intValue(),
              (String) f.config().get("output_mode"),
              Shape.of(ids[0].length));
      try (TInt64 x = TInt64.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(ids))) {
        LookupFixturesTest.check(f, LookupFixturesTest.run(s, in, x, out));
      }
    }
  }

  static float[] floats(Object list) {
    List<?> l = (List<?>) list;
    float[] a = new float[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).floatValue();
    }
    return a;
  }

  static float[][] floats2d(List<?> rows) {
    return rows.stream().map(NumericPreprocessingFixturesTest::floats).toArray(float[][]::new);
  }
}
