package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slot layout the batches follow, read from the validated model. */
class TinyModelsTest {
  @Test
  void slotsFollowFeaturesAndOutputs() {
    assertEquals(
        List.of(
            new Slot(
                "feature",
                "words_input",
                DType.INT32,
                Shape.of(3),
                10,
                "embedding layer 'words' (inputDim 10)")),
        Slot.features(TinyModels.WORDS));
    assertEquals(
        List.of(new Slot("label", "score", DType.FLOAT32, Shape.of(1), 0, null)),
        Slot.labels(TinyModels.WORDS));
    assertEquals(
        List.of(new Slot("feature", "classify_input", DType.FLOAT32, Shape.of(2), 0, null)),
        Slot.features(TinyModels.POINTS));
    assertEquals(
        List.of(
            new Slot(
                "label",
                "classify",
                DType.INT32,
                Shape.scalar(),
                3,
                "the 3 classes of output 'classify'")),
        Slot.labels(TinyModels.POINTS));
  }
}
