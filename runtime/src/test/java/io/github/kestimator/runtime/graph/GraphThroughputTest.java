package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Train-step throughput of the graphs alone for the WORKLOADS.md models (no input pipeline), for
 * comparing graph changes. Off by default: {@code -Dkestimator.bench=true -Dtest=GraphThroughputTest}.
 */
@EnabledIfSystemProperty(named = "kestimator.bench", matches = "true")
class GraphThroughputTest {
  static final int STEPS = 60;

  @Test
  void w1Sentiment() {
    Model m = TestModels.model(Loss.BINARY_CROSSENTROPY, false, adam(0.001), List.of(Metric.ACCURACY),
        layer("words", LayerKind.EMBEDDING, "inputDim", 10000, "outputDim", 64, "inputLength", 100),
        layer("lstm", LayerKind.LSTM, "units", 64), layer("dropout", LayerKind.DROPOUT, "rate", 0.5),
        layer("score", LayerKind.DENSE, "units", 1, "activation", "sigmoid"));
    Random r = new Random(1);
    int[] ids = r.ints(64 * 100, 1, 10000).toArray();
    float[] y = new float[64];
    for (int i = 0; i < 64; i++) {
      y[i] = r.nextInt(2);
    }
    time("W1", m, g -> g.feed(0, ids, 64, 100).feedLabel(y, 64, 1), 64);
  }

  @Test
  void w2Tabular() {
    Model m = TestModels.model(Loss.BINARY_CROSSENTROPY, adam(0.001),
        layer("h1", LayerKind.DENSE, "units", 256, "activation", "relu", "inputShape", List.of(32)),
        layer("h2", LayerKind.DENSE, "units", 256, "activation", "relu"),
        layer("out", LayerKind.DENSE, "units", 1, "activation", "sigmoid"));
    Random r = new Random(1);
    float[] x = new float[512 * 32];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] y = new float[512];
    time("W2", m, g -> g.feed(0, x, 512, 32).feedLabel(y, 512, 1), 512);
  }

  @Test
  void w3Conv() {
    Model m = TestModels.model(Loss.SPARSE_CATEGORICAL_CROSSENTROPY, adam(0.001),
        layer("conv", LayerKind.CONV2D, "filters", 32, "kernelSize", List.of(3), "activation", "relu", "inputShape", List.of(28, 28, 1)),
        layer("pool", LayerKind.MAX_POOLING2D), layer("flat", LayerKind.FLATTEN),
        layer("cls", LayerKind.DENSE, "units", 10, "activation", "softmax"));
    Random r = new Random(1);
    float[] x = new float[128 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    int[] y = r.ints(128, 0, 10).toArray();
    time("W3", m, g -> g.feed(0, x, 128, 28, 28, 1).feedLabel(y, 128), 128);
  }

  interface Feeder {
    void feed(Step s);
  }

  /** Feeds one step. */
  record Step(GraphRunner r, ModelGraph g) {
    Step feed(int slot, float[] v, long... shape) {
      r.feed(g.feature(slot), v, shape);
      return this;
    }

    Step feed(int slot, int[] v, long... shape) {
      r.feed(g.feature(slot), v, shape);
      return this;
    }

    Step feedLabel(float[] v, long... shape) {
      r.feed(g.label(0), v, shape);
      return this;
    }

    Step feedLabel(int[] v, long... shape) {
      r.feed(g.label(0), v, shape);
      return this;
    }
  }

  static void time(String name, Model m, Feeder feeder, int batch) {
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 1); GraphRunner r = new GraphRunner(g)) {
      Step s = new Step(r, g);
      for (int i = 0; i < 10; i++) {
        feeder.feed(s);
        r.run(g.loss(), g.trainOp());
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < STEPS; i++) {
        feeder.feed(s);
        r.run(g.loss(), g.trainOp());
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("GRAPH %s examples_per_sec=%.0f ms_per_step=%.1f%n", name, STEPS * batch / secs, secs * 1000 / STEPS);
    }
  }
}
