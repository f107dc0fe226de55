package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayBatchTest {
  private static final Slot IMAGE =
      new Slot("feature", "image_input", DType.FLOAT32, Shape.of(2, 3), 0, null);
  private static final Slot IDS =
      new Slot(
          "feature",
          "words_input",
          DType.INT32,
          Shape.of(100),
          500,
          "embedding layer 'words' (inputDim 500)");
  private static final Slot SCORE =
      new Slot("label", "score", DType.FLOAT32, Shape.scalar(), 0, null);

  @Test
  void fillsRowsInPlace() {
    ArrayBatch b = new ArrayBatch(List.of(IMAGE, SCORE), 2);
    b.put(0, 1, new float[] {1, 2, 3, 4, 5, 6});
    b.put(1, 0, 0.5f);
    Object[] arrays = b.take(2);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6}, (float[]) arrays[0]);
    assertArrayEquals(new float[] {0.5f, 0}, (float[]) arrays[1]);
    assertSame(arrays[0], b.take(2)[0]); // a full batch hands over its buffers, no copy
    assertArrayEquals(new float[] {0.5f}, (float[]) b.take(1)[1]);
  }

  @Test
  void wrongLengthNamesTheFeatureAndItsShape() {
    ArrayBatch b = new ArrayBatch(List.of(IDS), 4);
    InputException e = assertThrows(InputException.class, () -> b.put(0, 0, new int[99]));
    assertEquals("feature 'words_input' expects 100 values (shape 100), got 99", e.getMessage());
    ArrayBatch c = new ArrayBatch(List.of(IMAGE), 1);
    e = assertThrows(InputException.class, () -> c.put(0, 0, 1f));
    assertEquals("feature 'image_input' expects 6 values (shape 2x3), got 1", e.getMessage());
  }

  @Test
  void wrongTypeSlotAndRow() {
    ArrayBatch b = new ArrayBatch(List.of(IDS, SCORE), 4);
    assertEquals(
        "label 'score' holds float32 values, got int32",
        assertThrows(InputException.class, () -> b.put(1, 0, 1)).getMessage());
    assertEquals(
        "no slot 2: this batch has 2 ([feature 'words_input', label 'score'])",
        assertThrows(IndexOutOfBoundsException.class, () -> b.put(2, 0, 1f)).getMessage());
    assertEquals(
        "row 4 is outside a batch of 4 rows",
        assertThrows(IndexOutOfBoundsException.class, () -> b.put(1, 4, 1f)).getMessage());
  }

  @Test
  void idsAreCheckedAgainstTheEmbedding() {
    ArrayBatch b = new ArrayBatch(List.of(IDS), 1);
    int[] ids = new int[100];
    ids[42] = 500;
    assertEquals(
        "feature 'words_input' holds id 500 at position 42, outside [0, 500) of embedding layer 'words'"
            + " (inputDim 500)",
        assertThrows(InputException.class, () -> b.put(0, 0, ids)).getMessage());
    ids[42] = 499;
    b.put(0, 0, ids);
    assertEquals(499, ((int[]) b.take(1)[0])[42]);
  }
}
