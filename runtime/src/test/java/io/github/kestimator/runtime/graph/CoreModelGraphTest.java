package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The central path: Embedding + LSTM + Dropout + Dense(sigmoid), binary cross-entropy, Adam. */
class CoreModelGraphTest {
  static final int VOCAB = 12;
  static final int STEPS = 6;

  static Model sentiment(int units, double dropout) {
    return TestModels.model(
        Loss.BINARY_CROSSENTROPY,
        adam(0.01),
        layer(
            "words", LayerKind.EMBEDDING, "inputDim", VOCAB, "outputDim", 5, "inputLength", STEPS),
        layer("lstm", LayerKind.LSTM, "units", units),
        layer("dropout", LayerKind.DROPOUT, "rate", dropout),
        layer("score", LayerKind.DENSE, "units", 1, "activation", "sigmoid"));
  }

  /** Sequences labelled 1 when they contain token 3. */
  static int[] sequences(int n, Random r) {
    int[] ids = new int[n * STEPS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = r.nextInt(VOCAB);
    }
    return ids;
  }

  static float[] labels(int[] ids, int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < STEPS; t++) {
        if (ids[i * STEPS + t] == 3) {
          y[i] = 1;
        }
      }
    }
    return y;
  }

  @Test
  void namesPlaceholdersAndVariablesAsDocumented() {
    try (ModelGraph g = ModelGraph.build(sentiment(4, 0.5), Mode.TRAIN, 1)) {
      assertEquals("words_input", g.feature(0).op().name());
      assertEquals("score_label", g.label(0).op().name());
      assertEquals("global_step", g.globalStep().op().name());
      assertEquals(
          List.of(
              "global_step",
              "words/embeddings",
              "lstm/kernel",
              "lstm/recurrent_kernel",
              "lstm/bias",
              "score/kernel",
              "score/bias"),
          g.variableNames().subList(0, 7));
      assertTrue(g.variableNames().contains("lstm/kernel_m"), g.variableNames().toString());
      assertEquals(List.of(-1L, 1L), Arrays.stream(g.output(0).shape().asArray()).boxed().toList());
    }
    try (ModelGraph g = ModelGraph.build(sentiment(4, 0.5), Mode.PREDICT, 1)) {
      assertEquals(
          List.of(
              "global_step",
              "words/embeddings",
              "lstm/kernel",
              "lstm/recurrent_kernel",
              "lstm/bias",
              "score/kernel",
              "score/bias"),
          g.variableNames());
      IllegalStateException e = assertThrows(IllegalStateException.class, g::loss);
      assertTrue(e.getMessage().contains("PREDICT"), e.getMessage());
      assertThrows(IllegalStateException.class, g::trainOp);
    }
  }

  @Test
  void lstmForwardMatchesPlainJava() {
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            adam(0.01),
            layer(
                "words", LayerKind.EMBEDDING, "inputDim", VOCAB, "outputDim", 3, "inputLength", 4),
            layer("lstm", LayerKind.LSTM, "units", 2, "returnSequences", true));
    int[] ids = {1, 5, 0, 11, 7, 7, 2, 3};
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 42);
        GraphRunner r = new GraphRunner(g)) {
      float[] emb = r.variable("words/embeddings");
      float[] k = r.variable("lstm/kernel");
      float[] rk = r.variable("lstm/recurrent_kernel");
      float[] b = r.variable("lstm/bias");
      // unit forget bias: the forget slice starts at 1, the rest at 0
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0}, b);
      b = new float[] {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.05f, -0.05f};
      r.assign("lstm/bias", b);
      float[] got = r.feed(g.feature(0), ids, 2, 4).run(g.output(0));
      for (int ex = 0; ex < 2; ex++) {
        float[] x = Ref.gather(emb, 3, Arrays.copyOfRange(ids, ex * 4, ex * 4 + 4));
        float[] want = Ref.lstm(x, 4, 3, k, rk, b, 2);
        assertArrayEquals(want, Arrays.copyOfRange(got, ex * 8, ex * 8 + 8), 1e-5f);
      }
    }
  }

  @Test
  void trainingLowersTheLossAndCountsSteps() {
    Random random = new Random(7);
    int n = 64;
    int[] ids = sequences(n, random);
    float[] y = labels(ids, n);
    try (ModelGraph g = ModelGraph.build(sentiment(8, 0.2), Mode.TRAIN, 3);
        GraphRunner r = new GraphRunner(g)) {
      float first = r.feed(g.feature(0), ids, n, STEPS).feed(g.label(0), y, n, 1).run(g.loss())[0];
      float last = first;
      for (int step = 0; step < 150; step++) {
        last =
            r.feed(g.feature(0), ids, n, STEPS)
                .feed(g.label(0), y, n, 1)
                .run(g.loss(), g.trainOp())[0];
      }
      assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
      try (var res = r.session().runner().fetch(g.globalStep()).run()) {
        assertEquals(150L, ((org.tensorflow.types.TInt64) res.get(0)).getObject());
      }
    }
  }

  @Test
  void aFixedSeedGivesIdenticalWeightsAndLosses() {
    Random random = new Random(1);
    int[] ids = sequences(16, random);
    float[] y = labels(ids, 16);
    float[][] losses = new float[3][];
    float[][] weights = new float[3][];
    long[] seeds = {5, 5, 6};
    for (int run = 0; run < 3; run++) {
      try (ModelGraph g = ModelGraph.build(sentiment(4, 0.5), Mode.TRAIN, seeds[run]);
          GraphRunner r = new GraphRunner(g)) {
        weights[run] = r.variable("lstm/kernel");
        losses[run] = new float[5];
        for (int s = 0; s < 5; s++) {
          losses[run][s] =
              r.feed(g.feature(0), ids, 16, STEPS)
                  .feed(g.label(0), y, 16, 1)
                  .run(g.loss(), g.trainOp())[0];
        }
      }
    }
    assertArrayEquals(weights[0], weights[1]);
    assertArrayEquals(losses[0], losses[1]);
    assertFalse(Arrays.equals(weights[0], weights[2]));
  }

  @Test
  void dropoutMasksDependOnlyOnSeedAndGlobalStep() {
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            adam(0.01),
            layer("x", LayerKind.DENSE, "units", 50, "inputShape", List.of(3)),
            layer("drop", LayerKind.DROPOUT, "rate", 0.5));
    float[] x = {1, 2, 3, 4, 5, 6};
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 9);
        GraphRunner r = new GraphRunner(g)) {
      float[] a = r.feed(g.feature(0), x, 2, 3).run(g.output(0));
      float[] b = r.feed(g.feature(0), x, 2, 3).run(g.output(0));
      assertArrayEquals(a, b); // no hidden RNG state: the same step draws the same mask
      long zeros = 0;
      for (float v : a) {
        zeros += v == 0 ? 1 : 0;
      }
      assertTrue(zeros > 20 && zeros < 80, "about half dropped, got " + zeros);
      r.feed(g.feature(0), x, 2, 3)
          .feed(g.label(0), new float[100], 2, 50)
          .run(g.loss(), g.trainOp());
      float[] w = r.variable("x/kernel");
      float[] bias = r.variable("x/bias");
      float[] c = r.feed(g.feature(0), x, 2, 3).run(g.output(0));
      float[] dense = Ref.dense(x, 2, 3, w, 50, bias);
      int differentMask = 0;
      for (int i = 0; i < c.length; i++) {
        if (c[i] != 0) {
          assertEquals(2 * dense[i], c[i], 1e-4); // kept values scale by 1 / (1 - rate)
        }
        if ((c[i] == 0) != (a[i] == 0)) {
          differentMask++;
        }
      }
      assertNotEquals(0, differentMask, "the next step draws a new mask");
    }
    try (ModelGraph g = ModelGraph.build(m, Mode.EVAL, 9);
        GraphRunner r = new GraphRunner(g)) {
      float[] out = r.feed(g.feature(0), x, 2, 3).run(g.output(0));
      assertArrayEquals(
          Ref.dense(x, 2, 3, r.variable("x/kernel"), 50, r.variable("x/bias")), out, 1e-5f);
    }
  }
}
