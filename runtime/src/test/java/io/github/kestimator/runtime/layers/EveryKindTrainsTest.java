package io.github.kestimator.runtime.layers;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Feature;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.graph.GraphRunner;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A TRAIN graph of a tiny model per layer kind runs one optimizer step: every op on the way has a
 * gradient, and every trainable weight moves.
 */
class EveryKindTrainsTest {
  static LayerSpec head() {
    return layer("head", LayerKind.DENSE, "units", 1);
  }

  static List<Model> models() {
    List<Model> m = new ArrayList<>();
    Loss mse = Loss.MEAN_SQUARED_ERROR;
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("in", LayerKind.INPUT, "shape", List.of(3)),
            layer("d", LayerKind.DENSE, "units", 2, "activation", "gelu"),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("e", LayerKind.EMBEDDING, "inputDim", 5, "outputDim", 2, "inputLength", 3),
            layer("f", LayerKind.FLATTEN),
            head()));
    for (LayerKind k : List.of(LayerKind.LSTM, LayerKind.GRU, LayerKind.SIMPLE_RNN)) {
      m.add(
          TestModels.model(
              mse,
              adam(0.01),
              layer(
                  "r",
                  k,
                  "units",
                  2,
                  "inputShape",
                  List.of(4, 3),
                  "dropout",
                  0.2,
                  "recurrentDropout",
                  0.2),
              head()));
    }
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "r",
                LayerKind.GRU,
                "units",
                2,
                "inputShape",
                List.of(4, 3),
                "resetAfter",
                false,
                "returnSequences",
                true),
            layer("f", LayerKind.FLATTEN),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            new LayerSpec(
                "bi",
                LayerKind.BIDIRECTIONAL,
                List.of(),
                Map.of("inputShape", List.of(4, 3)),
                LayerSpec.of("bi", LayerKind.LSTM, Map.of("units", 2))),
            head()));
    // Masks: every recurrent kind and GlobalAveragePooling1D read one (ids 0 are drawn often).
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("m", LayerKind.MASKING, "inputShape", List.of(4, 3)),
            new LayerSpec(
                "bi",
                LayerKind.BIDIRECTIONAL,
                List.of(),
                Map.of(),
                LayerSpec.of("bi", LayerKind.GRU, Map.of("units", 2, "returnSequences", true))),
            layer("r", LayerKind.LSTM, "units", 2),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "e",
                LayerKind.EMBEDDING,
                "inputDim",
                5,
                "outputDim",
                2,
                "inputLength",
                4,
                "maskZero",
                true),
            layer("r", LayerKind.SIMPLE_RNN, "units", 2, "returnSequences", true),
            layer("g", LayerKind.GLOBAL_AVERAGE_POOLING1D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("d", LayerKind.DENSE, "units", 4, "inputShape", List.of(3)),
            layer("drop", LayerKind.DROPOUT, "rate", 0.3),
            layer("act", LayerKind.ACTIVATION_LAYER, "activation", "swish"),
            layer("re", LayerKind.RESHAPE, "targetShape", List.of(2, 2)),
            layer("bn", LayerKind.BATCH_NORMALIZATION),
            layer("ln", LayerKind.LAYER_NORMALIZATION),
            layer("g", LayerKind.GLOBAL_AVERAGE_POOLING1D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("d", LayerKind.DENSE, "units", 4, "inputShape", List.of(2, 3)),
            layer("leaky", LayerKind.LEAKY_RELU),
            layer("prelu", LayerKind.PRELU, "sharedAxes", List.of(1)),
            layer("elu", LayerKind.ELU, "alpha", 0.5),
            layer("relu", LayerKind.RELU, "maxValue", 1.0, "negativeSlope", 0.1, "threshold", 0.1),
            layer("soft", LayerKind.SOFTMAX, "axis", 1),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "c",
                LayerKind.CONV1D,
                "filters",
                2,
                "kernelSize",
                List.of(3),
                "padding",
                "same",
                "inputShape",
                List.of(6, 2)),
            layer("p", LayerKind.MAX_POOLING1D),
            layer("a", LayerKind.AVERAGE_POOLING1D, "poolSize", List.of(1)),
            layer("g", LayerKind.GLOBAL_MAX_POOLING1D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "c",
                LayerKind.CONV2D,
                "filters",
                2,
                "kernelSize",
                List.of(3),
                "activation",
                "relu",
                "inputShape",
                List.of(6, 6, 1)),
            layer("p", LayerKind.MAX_POOLING2D),
            layer("a", LayerKind.AVERAGE_POOLING2D, "poolSize", List.of(1)),
            layer("g", LayerKind.GLOBAL_AVERAGE_POOLING2D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "c",
                LayerKind.CONV2D,
                "filters",
                2,
                "kernelSize",
                List.of(2),
                "inputShape",
                List.of(4, 4, 1),
                "padding",
                "same",
                "dilationRate",
                List.of(2)),
            layer("g", LayerKind.GLOBAL_MAX_POOLING2D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer("a", LayerKind.INPUT, "shape", List.of(3)),
            layer("b", LayerKind.INPUT, "shape", List.of(3)),
            layer("da", LayerKind.DENSE, "units", 2).from("a"),
            layer("db", LayerKind.DENSE, "units", 2).from("b"),
            layer("sum", LayerKind.ADD).from("da", "db"),
            layer("cat", LayerKind.CONCATENATE).from("sum", "a"),
            head()));
    for (LayerKind k :
        List.of(
            LayerKind.TEXT_VECTORIZATION,
            LayerKind.STRING_LOOKUP,
            LayerKind.INTEGER_LOOKUP,
            LayerKind.HASHING,
            LayerKind.NORMALIZATION,
            LayerKind.DISCRETIZATION,
            LayerKind.CATEGORY_ENCODING)) {
      m.add(KindCases.preprocessing(k, head()));
    }
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "t",
                LayerKind.TEXT_VECTORIZATION,
                "vocabulary",
                List.of("a", "b", "c"),
                "outputMode",
                "tf_idf",
                "idfWeights",
                List.of(0.5, 1.0, 1.5)),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "t",
                LayerKind.TEXT_VECTORIZATION,
                "vocabulary",
                List.of("a", "b", "c"),
                "outputSequenceLength",
                3,
                "ngrams",
                2),
            layer("e", LayerKind.EMBEDDING, "inputDim", 6, "outputDim", 2),
            layer("g", LayerKind.GLOBAL_AVERAGE_POOLING1D),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "s",
                LayerKind.STRING_LOOKUP,
                "vocabulary",
                List.of("a", "b"),
                "outputMode",
                "one_hot",
                "numOovIndices",
                2,
                "inputShape",
                List.of(1)),
            head()));
    m.add(
        TestModels.model(
            mse,
            adam(0.01),
            layer(
                "i",
                LayerKind.INTEGER_LOOKUP,
                "vocabulary",
                List.of(3L, 1L),
                "inputShape",
                List.of(2)),
            layer("e", LayerKind.EMBEDDING, "inputDim", 4, "outputDim", 2),
            layer("f", LayerKind.FLATTEN),
            head()));
    return m;
  }

  @Test
  void everyLayerKindIsCovered() {
    Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
    for (Model m : models()) {
      m.layers()
          .forEach(
              l -> {
                seen.add(l.kind());
                if (l.wrapped() != null) {
                  seen.add(l.wrapped().kind());
                }
              });
    }
    assertEquals(EnumSet.allOf(LayerKind.class), seen);
  }

  @Test
  void oneTrainStepMovesEveryTrainableWeight() {
    for (Model m : models()) {
      Random random = new Random(3);
      try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 11);
          GraphRunner r = new GraphRunner(g)) {
        List<String> weights = new ArrayList<>();
        m.layers()
            .forEach(
                l ->
                    l.weights().stream()
                        .filter(w -> w.trainable())
                        .forEach(w -> weights.add(l.name() + "/" + w.name())));
        List<float[]> before = weights.stream().map(r::variable).toList();
        feed(r, g, m, random, 4);
        float loss = r.run(g.loss(), g.trainOp())[0];
        assertTrue(Float.isFinite(loss), m.layers() + ": loss " + loss);
        for (int i = 0; i < weights.size(); i++) {
          assertFalse(
              Arrays.equals(before.get(i), r.variable(weights.get(i))),
              weights.get(i) + " did not move in " + m.summary());
        }
      }
    }
  }

  /** Random features and labels for a batch of {@code n}. */
  static void feed(GraphRunner r, ModelGraph g, Model m, Random random, int n) {
    for (int i = 0; i < m.features().size(); i++) {
      Feature f = m.features().get(i);
      r.feedRandom(g.feature(i), f.dtype(), random, f.shape().withBatch(n));
    }
    for (int i = 0; i < m.outputs().size(); i++) {
      Output o = m.outputs().get(i);
      float[] v = new float[n * o.labelShape().size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      r.feed(g.label(i), v, o.labelShape().withBatch(n));
    }
  }
}
