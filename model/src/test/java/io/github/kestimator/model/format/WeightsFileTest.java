package io.github.kestimator.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsFileTest {
  /** Dense(2) on 3 inputs: kernel [3, 2], bias [2]. */
  private static final Model DENSE =
      ModelAnalyzer.analyze(
              new ModelSpec(
                  "Lin",
                  List.of(
                      LayerSpec.of(
                          "out", LayerKind.DENSE, Map.of("units", 2, "inputShape", List.of(3)))),
                  new CompileSpec(
                      new OptimizerSpec(OptimizerType.SGD, Map.of()),
                      Loss.MEAN_SQUARED_ERROR,
                      false,
                      List.of())))
          .orThrow();

  private static final WeightsFile.Entry KERNEL =
      new WeightsFile.Entry("out", "kernel", new int[] {3, 2}, new float[] {1, 2, 3, 4, 5, -6.5f});
  private static final WeightsFile.Entry BIAS =
      new WeightsFile.Entry("out", "bias", new int[] {2}, new float[] {0.25f, -1});

  private static byte[] bytes(WeightsFile.Entry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WeightsFile.write(List.of(entries), out);
    return out.toByteArray();
  }

  private static WeightsFile read(byte[] bytes) throws IOException {
    return WeightsFile.read(new ByteArrayInputStream(bytes), "Lin.weights");
  }

  @Test
  void roundTripsTheValuesAndShapes() throws IOException {
    WeightsFile f = read(bytes(KERNEL, BIAS));
    assertArrayEquals(new int[] {3, 2}, f.get("out", "kernel").shape());
    assertArrayEquals(KERNEL.values(), f.get("out", "kernel").values());
    assertArrayEquals(BIAS.values(), f.get("out", "bias").values());
    assertNull(f.get("out", "gamma"));
    f.check(DENSE);
  }

  @Test
  void layoutIsTheDocumentedOne() throws IOException {
    byte[] b = bytes(BIAS);
    // magic, version 1, count 1, "out", "bias", rank 1, dim 2, two floats
    assertEquals(4 + 4 + 4 + (4 + 3) + (4 + 4) + 4 + 4 + 2 * 4, b.length);
    assertArrayEquals(
        new byte[] {'K', 'S', 'T', 'W', 1, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 'o', 'u', 't'},
        Arrays.copyOf(b, 19));
    // 0.25f = 0x3e800000, little-endian
    assertArrayEquals(
        new byte[] {0, 0, (byte) 0x80, 0x3e}, Arrays.copyOfRange(b, b.length - 8, b.length - 4));
  }

  @Test
  void refusesOtherContentNamingTheSource() throws IOException {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> read("{\"a\": 1}".getBytes()));
    assertEquals(
        "Lin.weights: not a kestimator weights file (it does not start with \"KSTW\")",
        e.getMessage());
    byte[] b = bytes(KERNEL);
    e = assertThrows(IllegalArgumentException.class, () -> read(Arrays.copyOf(b, b.length - 1)));
    assertEquals("Lin.weights: ends early, in out/kernel", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(Arrays.copyOf(b, b.length + 1)));
    assertEquals("Lin.weights: unexpected bytes after the last of its 1 weights", e.getMessage());
    byte[] v2 = b.clone();
    v2[4] = 2;
    e = assertThrows(IllegalArgumentException.class, () -> read(v2));
    assertEquals("Lin.weights: weights file version 2 is not supported (only 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(bytes(BIAS, BIAS)));
    assertEquals("Lin.weights: holds out/bias twice", e.getMessage());
  }

  @Test
  void checkNamesEveryLayerAndWeightThatDoesNotFit() throws IOException {
    WeightsFile f =
        read(
            bytes(
                new WeightsFile.Entry("out", "kernel", new int[] {2, 3}, KERNEL.values()),
                new WeightsFile.Entry("other", "bias", new int[] {1}, new float[] {1})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.check(DENSE));
    assertEquals(
        "the weights in Lin.weights do not fit model 'Lin':\n"
            + "  layer 'out': weight 'kernel' has shape [2, 3], the model expects [3, 2]\n"
            + "  layer 'out': weight 'bias' [2] is missing\n"
            + "  layer 'other': weight 'bias' is not in model 'Lin'",
        e.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new WeightsFile.Entry("out", "bias", new int[] {3}, new float[2]))
            .getMessage()
            .contains("holds 3 values"));
  }
}
