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
  private static final Map<String, String[]> REFUSED = Map.of();

  /**
   * Fixtures with an input of unknown sequence length, and the maximum length they are read with
   * (their inputs' length).
   */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH = Map.of("unknown_length", 9);

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
    KerasFile k =
        switch (format) {
          case KERAS -> KerasFile.read(f.keras());
          case H5 -> KerasFile.read(f.h5());
          case JSON_WEIGHTS -> KerasFile.read(f.json(), f.weights());
        };
    Integer length = MAX_SEQUENCE_LENGTH.get(f.name());
    return length == null ? k : k.withMaxSequenceLength(length);
  }

  /**
   * Keras' {@code Input((None,))}: without a maximum length the file is refused naming the file,
   * the input, its shape and every option that gives the length; with one, the input has that
   * length and the weights fit (they do not depend on it).
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Format.class)
  void anUnknownSequenceLengthNeedsAMaximumLength(Format format) throws IOException {
    ModelFixture f = KerasFixtures.model("unknown_length");
    KerasFile k =
        switch (format) {
          case KERAS -> KerasFile.read(f.keras());
          case H5 -> KerasFile.read(f.h5());
          case JSON_WEIGHTS -> KerasFile.read(f.json(), f.weights());
        };
    assertEquals(
        List.of("input_layer"), k.model().unknownLengths().stream().map(u -> u.layer()).toList());
    KerasFormatException e = assertThrows(KerasFormatException.class, k::analyze);
    assertEquals("KerasUnknownLength", e.code().id());
    assertEquals("input_layer", e.layer());
    for (String part :
        List.of(
            file(f, format).toString(),
            "input 'input_layer' has shape (None, None)",
            "KerasEstimator.fromKeras(file, config, maxSequenceLength)",
            "<maxSequenceLength>",
            "-Dkestimator.maxSequenceLength=N",
            "--max-sequence-length N")) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
    for (int length : new int[] {9, 30}) {
      KerasFile fixed = k.withMaxSequenceLength(length);
      Model m = fixed.analyze();
      assertEquals(
          io.github.kestimator.model.Shape.of(length), m.features().get(0).shape(), "" + length);
      fixed.weights(m);
    }
    assertThrows(IllegalArgumentException.class, () -> k.withMaxSequenceLength(0));
    KerasFile plain = KerasFile.read(KerasFixtures.model("embedding_lstm").keras());
    assertTrue(plain == plain.withMaxSequenceLength(5), "no unknown length: the file as it is");
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
    KerasFile legacy = read(f, Format.H5);
    KerasFileTest.assertSameWeights(legacy.weights(legacy.analyze()), w);
  }

  /**
   * Keras 3 passes the masks it computes ({@code NotEqual} ops) as {@code mask=} call arguments:
   * they are left out, the model derives the masks; a mask that is another tensor is refused naming
   * it.
   */
  @Test
  void keras3MaskArgumentsAreDerivedAndAHandGivenMaskIsRefused() throws IOException {
    ModelFixture f = KerasFixtures.model("masking");
    KerasModel m = KerasFile.read(f.keras()).model();
    assertTrue(
        m.layers().stream()
            .noneMatch(l -> l.name().startsWith("not_equal") || l.name().equals("any")),
        m.layers().toString());
    Model model = KerasFile.read(f.keras()).analyze();
    assertTrue(model.layer("embedding").orElseThrow().masked());
    assertTrue(model.layer("masking").orElseThrow().masked());
    assertTrue(model.layer("gru").orElseThrow().masked(), "return_sequences passes it on");
    assertFalse(model.layer("lstm").orElseThrow().masked());

    String json = java.nio.file.Files.readString(f.json());
    String mask = "\"keras_history\": [\"not_equal\", 0, 0]}}}}";
    assertTrue(json.contains(mask), "the fixture's GRU is called with mask=not_equal");
    String byHand =
        json.replaceFirst(java.util.regex.Pattern.quote(mask), mask.replace("not_equal", "tokens"));
    KerasFormatException e =
        assertThrows(
            KerasFormatException.class, () -> KerasConfigReader.readJson(byHand, "m.json"));
    assertEquals("KerasUnsupportedValue", e.code().id());
    assertTrue(
        e.getMessage()
            .contains(
                "layer 'gru' (GRU): the layer is called with mask= the output of 'tokens', which is"
                    + " not supported"),
        e.getMessage());
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

    ModelFixture outputs = KerasFixtures.model("functional_outputs"); // a loss per output
    for (Path p : List.of(outputs.keras(), outputs.h5(), outputs.json())) {
      KerasFile k = KerasFile.read(p);
      if (!p.equals(outputs.json())) {
        k.weights(k.analyze());
      }
      assertTrue(k.unsupportedTraining().isEmpty(), p + ": " + k.unsupportedTraining());
      assertNull(k.model().training().loss());
      assertEquals(
          List.of(
              new io.github.kestimator.model.OutputLoss(
                  "score",
                  Loss.BINARY_CROSSENTROPY,
                  false,
                  1.0,
                  List.of(io.github.kestimator.model.Metric.ACCURACY)),
              new io.github.kestimator.model.OutputLoss(
                  "amount",
                  Loss.MEAN_SQUARED_ERROR,
                  false,
                  1.0,
                  List.of(io.github.kestimator.model.Metric.MEAN_ABSOLUTE_ERROR))),
          k.spec().compile().outputs(),
          p.toString());
      k.checkTrainable();
    }

    KerasFile plain = KerasFile.read(KerasFixtures.model("embedding_lstm").keras());
    assertTrue(plain.unsupportedTraining().isEmpty());
    assertNull(plain.trainingWarning());
    plain.checkTrainable();
    assertFalse(plain.model().training().config().isEmpty());
  }
}
