package io.github.kestimator.runtime.layers;

import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.graph.GraphRunner;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dropout(0.5) masks in TRAIN: about half kept, new each step, different for each example. */
class DropoutMaskTest {
  @Test
  void masksChangeEveryStepAndDifferBetweenExamples() {
    Model m =
        TestModels.model(
            Loss.MEAN_SQUARED_ERROR,
            new OptimizerSpec(OptimizerType.SGD, Map.of("learningRate", 1e-12)),
            layer("drop", LayerKind.DROPOUT, "rate", 0.5, "inputShape", List.of(64)),
            layer(
                "out",
                LayerKind.DENSE,
                "units",
                64,
                "useBias",
                false,
                "kernelInitializer",
                "zeros"));
    float[] eye = new float[64 * 64];
    for (int i = 0; i < 64; i++) {
      eye[i * 64 + i] = 1;
    }
    float[] ones = new float[2 * 64];
    Arrays.fill(ones, 1);
    List<float[]> seen = new ArrayList<>();
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 3);
        GraphRunner r = new GraphRunner(g)) {
      r.assign("out/kernel", eye);
      for (int step = 0; step < 3; step++) {
        float[] out =
            r.feed(g.feature(0), ones, 2, 64)
                .feed(g.label(0), new float[2 * 64], 2, 64)
                .run(g.output(0), g.trainOp());
        seen.add(out);
      }
    }
    for (float[] out : seen) {
      int kept = 0;
      for (int i = 0;
          i < out.length;
          i++) { // a learning rate of 1e-12 moves the identity kernel by ~1e-12
        out[i] = Math.round(out[i] * 1e4f) / 1e4f;
        assertTrue(out[i] == 0 || out[i] == 2, "0 or 1 / (1 - rate): " + out[i]);
        kept += out[i] != 0 ? 1 : 0;
      }
      assertTrue(kept > 32 && kept < 96, "about half of 128 kept: " + kept);
      assertNotEquals(
          Arrays.toString(Arrays.copyOfRange(out, 0, 64)),
          Arrays.toString(Arrays.copyOfRange(out, 64, 128)),
          "two examples share a mask");
    }
    assertNotEquals(
        Arrays.toString(seen.get(0)), Arrays.toString(seen.get(1)), "step 1 and 2 share a mask");
    assertNotEquals(
        Arrays.toString(seen.get(1)), Arrays.toString(seen.get(2)), "step 2 and 3 share a mask");
    assertEquals(3, seen.size());
  }
}
