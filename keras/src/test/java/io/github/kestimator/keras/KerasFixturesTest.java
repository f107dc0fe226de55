package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of {@code fixtures/keras3} (saved by real Keras 3.15.1) in each of its three formats:
 * the config reads and every weight is found (shapes checked), or the fixture is one of a few
 * expected refusals, each naming the file, the layer and what is not supported.
 */
class KerasFixturesTest {
  /** Fixtures whose layers or arguments are not implemented yet: the refusal's id and text. */
  private static final Map<String, String[]> REFUSED =
      Map.of(
          "masking",
              new String[] {
                "KerasUnsupportedValue", "layer 'gru' (GRU): the layer is called with mask="
              },
          "unknown_length",
              new String[] {
                "KerasFormat",
                "layer 'input_layer' (InputLayer): argument batch_shape=[null, null]: the input shape has an unknown (None)"
                    + " dimension"
              });

  enum Format {
    KERAS,
    H5,
    JSON_WEIGHTS
  }

  static Stream<Arguments> fixtures() {
    List<Arguments> out = new ArrayList<>();
    for (ModelFixture f : KerasFixtures.models()) {
      for (Format format : Format.values()) {
        out.add(Arguments.of(f, format));
      }
    }
    return out.stream();
  }

  static KerasFile read(ModelFixture f, Format format) throws IOException {
    return switch (format) {
      case KERAS -> KerasFile.read(f.keras());
      case H5 -> KerasFile.read(f.h5());
      case JSON_WEIGHTS -> KerasFile.read(f.json(), f.weights());
    };
  }

  private static Path file(ModelFixture f, Format format) {
    return format == Format.KERAS ? f.keras() : format == Format.H5 ? f.h5() : f.json();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void readsWithEveryWeightOrIsAnExpectedRefusal(ModelFixture f, Format format) throws IOException {
    String[] refusal = REFUSED.get(f.name());
    if (refusal != null) {
      KerasFormatException e =
          assertThrows(KerasFormatException.class, () -> read(f, format).analyze());
      assertEquals(refusal[0], e.code().id(), e.getMessage());
      assertTrue(e.getMessage().contains(file(f, format).toString()), e.getMessage());
      assertTrue(e.getMessage().contains(refusal[1]), e.getMessage());
      assertNotNull(e.layer(), e.getMessage());
      return;
    }
    KerasFile k = read(f, format);
    Model model = k.analyze();
    assertEquals(f.inputs(), model.features().stream().map(x -> x.name()).toList());
    assertEquals(f.outputs(), model.outputs().stream().map(o -> o.layer()).toList());
    KerasWeights w = k.weights(model); // every weight found, every shape checked
    for (Layer layer : model.layers()) {
      assertEquals(
          layer.weights().size(),
          w.layers().getOrDefault(layer.name(), Map.of()).size(),
          layer.name());
    }
    if (format != Format.H5) {
      // Keras records each layer's name beside its weights: the object path computed from the
      // config
      // (class + order) must lead to the layer of that name
      try (HdfFile h5 = new HdfFile(f.weights())) {
        for (Layer layer : model.layers()) {
          String path = k.model().objectPaths().get(layer.name());
          if (layer.implicit()) {
            assertNull(path, layer.name());
            continue;
          }
          assertEquals(layer.name(), Hdf5.string(h5.getByPath(path + "/vars"), "name"), path);
        }
      }
    }
    // the legacy .h5 (matched by layer name) and the .keras archive (by object path) agree
    KerasFile legacy = KerasFile.read(f.h5());
    KerasFileTest.assertSameWeights(legacy.weights(legacy.analyze()), w);
  }

  @Test
  void trainingSettingsKestimatorCannotUseAreNamedNotFatal() throws IOException {
    ModelFixture schedule =
        KerasFixtures.model("lr_schedule"); // a CosineDecay with warm-up: read and trained with
    for (Path p : List.of(schedule.keras(), schedule.h5())) {
      KerasFile k = KerasFile.read(p);
      k.weights(k.analyze());
      assertTrue(k.unsupportedTraining().isEmpty(), k.unsupportedTraining().toString());
      assertEquals(
          io.github.kestimator.model.LearningRateSchedule.cosineDecay(100, 0, 0.02, 5),
          k.spec().compile().optimizer().args().get("schedule"));
      k.checkTrainable();
    }

    ModelFixture outputs = KerasFixtures.model("functional_outputs");
    KerasFile k = KerasFile.read(outputs.keras());
    k.weights(k.analyze());
    assertEquals(
        List.of(
            "loss {score=binary_crossentropy, amount=mse} (a loss per output; kestimator trains every output"
                + " with one loss)",
            "metrics {score=[accuracy], amount=[mae]} (metrics per output; kestimator computes every metric"
                + " on every output)"),
        k.unsupportedTraining());
    assertNull(k.model().training().loss());
    assertEquals(Loss.MEAN_SQUARED_ERROR, k.spec().compile().loss());

    KerasFile plain = KerasFile.read(KerasFixtures.model("embedding_lstm").keras());
    assertTrue(plain.unsupportedTraining().isEmpty());
    assertNull(plain.trainingWarning());
    plain.checkTrainable();
    assertFalse(plain.model().training().config().isEmpty());
  }
}
