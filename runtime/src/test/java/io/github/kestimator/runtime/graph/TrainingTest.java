package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training lowers the loss for dense and conv models; a resumed run continues exactly. */
class TrainingTest {

  @Test
  void denseBinaryClassifierLearns() {
    Model m =
        TestModels.model(
            Loss.BINARY_CROSSENTROPY,
            adam(0.01),
            layer(
                "h1", LayerKind.DENSE, "units", 16, "activation", "relu", "inputShape", List.of(4)),
            layer("h2", LayerKind.DENSE, "units", 16, "activation", "relu"),
            layer("out", LayerKind.DENSE, "units", 1, "activation", "sigmoid"));
    Random random = new Random(2);
    int n = 128;
    float[] x = new float[n * 4];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) random.nextGaussian();
      }
      y[i] = x[i * 4] * x[i * 4 + 1] > 0 ? 1 : 0; // not linearly separable
    }
    float[] losses = train(m, x, new long[] {n, 4}, y, new long[] {n, 1}, 300);
    assertTrue(losses[1] < 0.5 * losses[0], "loss " + losses[0] + " -> " + losses[1]);
  }

  @Test
  void convClassifierLearns() {
    Model m =
        TestModels.model(
            Loss.SPARSE_CATEGORICAL_CROSSENTROPY,
            false,
            adam(0.01),
            List.of(Metric.ACCURACY),
            layer(
                "conv",
                LayerKind.CONV2D,
                "filters",
                4,
                "kernelSize",
                List.of(3),
                "activation",
                "relu",
                "inputShape",
                List.of(6, 6, 1)),
            layer("pool", LayerKind.MAX_POOLING2D),
            layer("flat", LayerKind.FLATTEN),
            layer("cls", LayerKind.DENSE, "units", 3, "activation", "softmax"));
    // class = which third of the image (rows) holds a bright bar
    Random random = new Random(4);
    int n = 60;
    float[] x = new float[n * 36];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      y[i] = c;
      for (int p = 0; p < 36; p++) {
        x[i * 36 + p] = (float) (0.3 * random.nextGaussian() + (p / 6 / 2 == c ? 1 : 0));
      }
    }
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = (int) y[i];
      }
      float first = r.feed(g.feature(0), x, n, 6, 6, 1).feed(g.label(0), ids, n).run(g.loss())[0];
      float last = first;
      for (int s = 0; s < 100; s++) {
        last =
            r.feed(g.feature(0), x, n, 6, 6, 1)
                .feed(g.label(0), ids, n)
                .run(g.loss(), g.trainOp())[0];
      }
      assertTrue(last < 0.3 * first, "loss " + first + " -> " + last);
    }
  }

  static float[] train(Model m, float[] x, long[] xShape, float[] y, long[] yShape, int steps) {
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1);
        GraphRunner r = new GraphRunner(g)) {
      float first = r.feed(g.feature(0), x, xShape).feed(g.label(0), y, yShape).run(g.loss())[0];
      float last = first;
      for (int s = 0; s < steps; s++) {
        last =
            r.feed(g.feature(0), x, xShape)
                .feed(g.label(0), y, yShape)
                .run(g.loss(), g.trainOp())[0];
      }
      return new float[] {first, last};
    }
  }

  /**
   * A run restored from a checkpoint at step 3 gives step 4 exactly as the uninterrupted run
   * (dropout included).
   */
  @Test
  void resumingFromACheckpointIsExact(@TempDir Path dir) {
    Model m = CoreModelGraphTest.sentiment(4, 0.5);
    Random random = new Random(8);
    int[] ids = CoreModelGraphTest.sequences(16, random);
    float[] y = CoreModelGraphTest.labels(ids, 16);
    String prefix = dir.resolve("model.ckpt").toString();
    float[] uninterrupted = new float[5];
    float[] kernel;
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 21);
        GraphRunner r = new GraphRunner(g)) {
      for (int s = 0; s < 5; s++) {
        if (s == 3) {
          r.session().save(prefix);
        }
        uninterrupted[s] =
            r.feed(g.feature(0), ids, 16, 6)
                .feed(g.label(0), y, 16, 1)
                .run(g.loss(), g.trainOp())[0];
      }
      kernel = r.variable("lstm/kernel");
    }
    // A fresh graph: its initial weights are overwritten by the checkpoint, dropout masks follow
    // the restored step.
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 21);
        GraphRunner r = new GraphRunner(g)) {
      r.session().restore(prefix);
      for (int s = 3; s < 5; s++) {
        float loss =
            r.feed(g.feature(0), ids, 16, 6)
                .feed(g.label(0), y, 16, 1)
                .run(g.loss(), g.trainOp())[0];
        assertEquals(uninterrupted[s], loss, 0f, "step " + s);
      }
      assertArrayEquals(kernel, r.variable("lstm/kernel"));
    }
    // The checkpoint restores into an EVAL graph too (same names for weights and global step).
    try (ModelGraph g = ModelGraph.build(m, Mode.EVAL, 99);
        GraphRunner r = new GraphRunner(g)) {
      r.session().restore(prefix);
      float loss = r.feed(g.feature(0), ids, 16, 6).feed(g.label(0), y, 16, 1).run(g.loss())[0];
      assertTrue(Float.isFinite(loss));
    }
  }
}
