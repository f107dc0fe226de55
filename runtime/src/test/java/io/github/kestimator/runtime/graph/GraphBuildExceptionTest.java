package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Shape;
import io.github.kestimator.model.Weight;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A graph TensorFlow refuses to build is a Java exception that names the layer and its Keras class.
 */
class GraphBuildExceptionTest {
  @Test
  void aLayerTensorFlowRejectsIsNamed() {
    Model valid =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            adam(0.01),
            layer("hidden", LayerKind.DENSE, "units", 2, "inputShape", List.of(6)),
            layer("out", LayerKind.DENSE, "units", 1));
    // A kernel of the wrong shape, as no validated model has it: TensorFlow's MatMul rejects it.
    List<Layer> layers = new ArrayList<>();
    for (Layer l : valid.layers()) {
      if (l.name().equals("out")) {
        List<Weight> w = new ArrayList<>(l.weights());
        Weight k = w.get(0);
        w.set(
            0,
            new Weight(k.name(), Shape.of(5, 1), k.initializer(), k.trainable(), k.regularizer()));
        l =
            new Layer(
                l.name(),
                l.kind(),
                l.params(),
                l.inbound(),
                l.dtype(),
                l.outputShape(),
                w,
                l.wrapped(),
                l.implicit());
      }
      layers.add(l);
    }
    Model broken =
        new Model(
            valid.name(),
            layers,
            valid.features(),
            valid.outputs(),
            valid.compile(),
            valid.optimizer(),
            valid.losses(),
            valid.metrics());
    for (Mode mode : Mode.values()) {
      GraphBuildException e =
          assertThrows(GraphBuildException.class, () -> ModelGraph.build(broken, mode, 1).close());
      assertEquals("out", e.layer());
      assertEquals(LayerKind.DENSE, e.kind());
      assertTrue(
          e.getMessage().startsWith("Dense layer 'out': cannot build its " + mode + " graph: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("but are 2 and 5"), e.getMessage());
    }
  }
}
