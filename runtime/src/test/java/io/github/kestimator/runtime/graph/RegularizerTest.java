package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Regularizer;
import io.github.kestimator.model.Weight;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1, L2 and L1L2 penalties on every weight that takes one (Embedding, Conv1D, Conv2D, LSTM kernel,
 * recurrent kernel and bias, Dense) build a TRAIN graph (the L2 gradient once crashed the JVM),
 * train with a falling loss, and add exactly Keras' {@code l1 * sum(|w|) + l2 * sum(w^2)} to it.
 */
class RegularizerTest {
  static final Map<String, Regularizer> KINDS =
      Map.of(
          "l1",
          new Regularizer(0.01, 0),
          "l2",
          new Regularizer(0, 0.02),
          "l1_l2",
          new Regularizer(0.003, 0.05));

  /** Embedding -> Conv1D -> LSTM -> Dense, every weight regularized by {@code r}. */
  static Model sequenceModel(Regularizer r, boolean regularized) {
    Regularizer w = regularized ? r : Regularizer.NONE;
    return TestModels.model(
        Loss.MEAN_SQUARED_ERROR,
        adam(0.02),
        layer(
            "emb",
            LayerKind.EMBEDDING,
            "inputDim",
            7,
            "outputDim",
            3,
            "inputLength",
            5,
            "embeddingsRegularizer",
            w),
        layer(
            "conv",
            LayerKind.CONV1D,
            "filters",
            4,
            "kernelSize",
            List.of(2),
            "kernelRegularizer",
            w,
            "biasRegularizer",
            w),
        layer(
            "lstm",
            LayerKind.LSTM,
            "units",
            3,
            "kernelRegularizer",
            w,
            "recurrentRegularizer",
            w,
            "biasRegularizer",
            w),
        layer("out", LayerKind.DENSE, "units", 1, "kernelRegularizer", w, "biasRegularizer", w));
  }

  /** Conv2D -> GlobalAveragePooling2D -> Dense, every weight regularized by {@code r}. */
  static Model imageModel(Regularizer r, boolean regularized) {
    Regularizer w = regularized ? r : Regularizer.NONE;
    return TestModels.model(
        Loss.MEAN_SQUARED_ERROR,
        adam(0.02),
        layer(
            "conv",
            LayerKind.CONV2D,
            "filters",
            3,
            "kernelSize",
            List.of(2),
            "inputShape",
            List.of(4, 4, 2),
            "kernelRegularizer",
            w,
            "biasRegularizer",
            w),
        layer("pool", LayerKind.GLOBAL_AVERAGE_POOLING2D),
        layer("out", LayerKind.DENSE, "units", 1, "kernelRegularizer", w, "biasRegularizer", w));
  }

  @Test
  void everyRegularizerKindTrainsAndAddsKerasPenalty(@TempDir Path dir) {
    for (var e : KINDS.entrySet()) {
      check(
          e.getKey() + " sequence",
          sequenceModel(e.getValue(), true),
          sequenceModel(e.getValue(), false),
          dir);
      check(
          e.getKey() + " image",
          imageModel(e.getValue(), true),
          imageModel(e.getValue(), false),
          dir);
    }
  }

  private static void check(String what, Model m, Model plain, Path dir) {
    Random random = new Random(what.hashCode());
    int n = 8;
    long[] xShape = m.features().get(0).shape().withBatch(n);
    int size = n * m.features().get(0).shape().size();
    int[] ids = random.ints(size, 0, 7).toArray();
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) random.nextGaussian();
    }
    boolean intInput = m.features().get(0).dtype() == io.github.kestimator.model.DType.INT32;
    String prefix = dir.resolve(what.replace(' ', '_')).toString();
    float loss;
    float penalty;
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 5);
        GraphRunner r = new GraphRunner(g)) {
      float first = feed(r, g, intInput, ids, x, xShape, y).run(g.loss())[0];
      float last = first;
      for (int s = 0; s < 30; s++) {
        last = feed(r, g, intInput, ids, x, xShape, y).run(g.loss(), g.trainOp())[0];
      }
      assertTrue(last < 0.8 * first, what + ": loss " + first + " -> " + last);
      double want = 0;
      int regularized = 0;
      for (Layer l : m.layers()) {
        for (Weight w : l.weights()) {
          if (!w.regularizer().isNone()) {
            regularized++;
            want += keras(w.regularizer(), r.variable(l.name() + "/" + w.name()));
          }
        }
      }
      assertEquals(m.layers().stream().mapToLong(l -> l.weights().size()).sum(), regularized, what);
      penalty = feed(r, g, intInput, ids, x, xShape, y).run(g.regularization())[0];
      assertEquals(want, penalty, 1e-5 * want, what + ": penalty");
      loss = feed(r, g, intInput, ids, x, xShape, y).run(g.loss())[0];
      r.session().save(prefix);
    }
    // The same weights without regularizers: the loss is the regularized one minus the penalty.
    try (ModelGraph g = ModelGraph.build(plain, Mode.EVAL, 5);
        GraphRunner r = new GraphRunner(g)) {
      r.session().restore(prefix);
      assertEquals(0f, feed(r, g, intInput, ids, x, xShape, y).run(g.regularization())[0]);
      float data = feed(r, g, intInput, ids, x, xShape, y).run(g.loss())[0];
      assertEquals(loss - penalty, data, 1e-5 * loss, what + ": loss - penalty");
    }
  }

  /** Keras' {@code L1L2.__call__}: {@code l1 * sum(abs(x)) + l2 * sum(square(x))}. */
  static double keras(Regularizer r, float[] w) {
    double abs = 0;
    double squares = 0;
    for (float v : w) {
      abs += Math.abs(v);
      squares += (double) v * v;
    }
    return r.l1() * abs + r.l2() * squares;
  }

  private static GraphRunner feed(
      GraphRunner r,
      ModelGraph g,
      boolean intInput,
      int[] ids,
      float[] x,
      long[] xShape,
      float[] y) {
    if (intInput) {
      r.feed(g.feature(0), ids, xShape);
    } else {
      r.feed(g.feature(0), x, xShape);
    }
    return r.feed(g.label(0), y, y.length, 1);
  }
}
