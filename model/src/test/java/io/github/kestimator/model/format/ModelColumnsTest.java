package io.github.kestimator.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelColumnsTest {
  final ModelColumns columns =
      new ModelColumns(
          List.of(
              new ModelColumns.Column(false, "image", DType.FLOAT32, Shape.of(28, 28, 1)),
              new ModelColumns.Column(false, "age", DType.FLOAT32, Shape.scalar()),
              new ModelColumns.Column(true, "digit", DType.INT32, Shape.of(1))));

  @Test
  void writesOneLinePerColumnAndReadsItBack() {
    String text = columns.write();
    assertEquals(
        "# kestimator model columns: kind name dtype shape\n"
            + "feature image float32 28x28x1\n"
            + "feature age float32 scalar\n"
            + "label digit int32 1\n",
        text);
    assertEquals(columns, ModelColumns.parse(text));
    assertEquals(columns, ModelColumns.parse(text.replace("\n", "\r\n") + "\n"));
  }

  @Test
  void badLinesAreNamed() {
    assertEquals(
        "line 2: expected 'feature|label name dtype shape', got 'input x float32'",
        assertThrows(
                IllegalArgumentException.class, () -> ModelColumns.parse("# c\ninput x float32\n"))
            .getMessage());
    assertEquals(
        "line 1: unknown dtype 'float64'",
        assertThrows(
                IllegalArgumentException.class, () -> ModelColumns.parse("feature x float64 1"))
            .getMessage());
    assertEquals(
        "line 1: bad shape '3xx'",
        assertThrows(IllegalArgumentException.class, () -> ModelColumns.parse("label y int32 3xx"))
            .getMessage());
  }

  @Test
  void theResourceIsNamedByTheClass() {
    assertEquals(
        "META-INF/kestimator/models/com.example.Sentiment.columns",
        ModelColumns.resourcePath("com.example.Sentiment"));
  }
}
