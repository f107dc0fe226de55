package io.github.kestimator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line, in process: summary, predict from a Keras file and from a SavedModel,
 * export, errors.
 */
class MainTest {
  /** A functional Conv2D model saved by Keras 3 (fixtures/keras3). */
  static final ModelFixture CONV = KerasFixtures.model("conv2d");

  @TempDir Path tmp;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Main(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void trainingSettingsKestimatorCannotUseAreAWarningNotAnError() throws IOException {
    // functional_outputs with no loss for one output: it predicts, but kestimator trains every
    // output.
    String json =
        Files.readString(KerasFixtures.model("functional_outputs").json())
            .replace(
                "\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": \"mse\"}",
                "\"loss\": {\"score\": \"binary_crossentropy\", \"amount\": null}");
    Path outputs = tmp.resolve("no_amount_loss.json");
    Files.writeString(outputs, json);
    Run r = run("summary", outputs.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "kestimator: warning: [KerasTrainingIgnored] "
                    + outputs
                    + ": training settings"
                    + " kestimator cannot use are ignored"),
        r.err());
    assertTrue(r.err().contains("loss of output 'amount' is None"), r.err());
  }

  @Test
  void aLossPerOutputIsNoWarning() {
    Run r = run("summary", KerasFixtures.model("functional_outputs").keras().toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void summaryPrintsLayersInputsAndOutputs() {
    Run r = run("summary", CONV.keras().toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(" conv2d_1 (Conv2D)"), r.out());
    assertTrue(r.out().contains("input  image: float32 (None, 12, 12, 2)"), r.out());
    assertTrue(r.out().contains("output dense: float32 (None, 3)"), r.out());
  }

  @Test
  void predictFromTheKerasFileAndFromTheExportedSavedModelMatchKeras() throws IOException {
    String model = CONV.h5().toString();
    String input = CONV.input("image").toString();
    Npy.Array keras = Npy.read(CONV.output("dense"));

    Path fromKeras = tmp.resolve("keras.npy");
    Run r = run("predict", model, input, "--output", fromKeras.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(keras, Npy.read(fromKeras));

    Path base = tmp.resolve("serving").resolve("cnn");
    r = run("export", model, base.toString());
    assertEquals(0, r.status(), r.err());
    Path version = Path.of(r.out().trim());
    assertEquals(base, version.getParent());
    assertTrue(Files.isRegularFile(version.resolve("saved_model.pb")));

    Path fromSavedModel = tmp.resolve("served.npy");
    r = run("predict", base.toString(), input, "--output", fromSavedModel.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(keras, Npy.read(fromSavedModel));

    r = run("predict", version.toString(), input);
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(16, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("dense: "), r.out());
    assertEquals(
        keras.floats()[0],
        Float.parseFloat(lines.get(0).substring("dense: ".length()).split(" ")[0]),
        1e-6);
  }

  /** Keras' Input((None,)): refused naming the option, then read with it in every command. */
  @Test
  void anUnknownSequenceLengthTakesMaxSequenceLength() throws IOException {
    ModelFixture f = KerasFixtures.model("unknown_length");
    String model = f.keras().toString();
    Run r = run("summary", model);
    assertEquals(1, r.status(), r.out());
    assertTrue(r.err().contains("[KerasUnknownLength] " + model), r.err());
    assertTrue(r.err().contains("--max-sequence-length N"), r.err());

    r = run("summary", model, "--max-sequence-length", "9");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("input  input_layer: int32 (None, 9)"), r.out());

    Path out = tmp.resolve("unknown.npy");
    r =
        run(
            "predict",
            model,
            f.input("input_layer").toString(),
            "--max-sequence-length=9",
            "--output",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(Npy.read(f.output("dense")), Npy.read(out));

    r = run("predict", model, f.input("input_layer").toString(), "--max-sequence-length", "12");
    assertEquals(1, r.status(), r.out());
    assertTrue(
        r.err().contains("input 'input_layer' has examples of shape [9]")
            && r.err().contains("the model takes [12]"),
        r.err());

    r = run("export", model, tmp.resolve("served").toString(), "--max-sequence-length", "9");
    assertEquals(0, r.status(), r.err());
    Path served;
    try (var dirs = Files.list(tmp.resolve("served"))) {
      served = dirs.findFirst().orElseThrow();
    }
    r =
        run(
            "predict",
            served.toString(),
            f.input("input_layer").toString(),
            "--max-sequence-length",
            "9");
    assertEquals(2, r.status(), r.out());
    assertTrue(
        r.err()
            .startsWith(
                "kestimator: --max-sequence-length is for a Keras file; the SavedModel "
                    + served
                    + " has its input shapes fixed by its export"),
        r.err());

    r = run("summary", model, "--max-sequence-length", "0");
    assertEquals(2, r.status());
    assertTrue(
        r.err().startsWith("kestimator: --max-sequence-length takes a whole number >= 1, got '0'"),
        r.err());
  }

  /**
   * A to_json() config predicts with --weights; without it, or with a full model, it is refused.
   */
  @Test
  void aJsonConfigTakesItsWeightsFile() throws IOException {
    ModelFixture f = KerasFixtures.model("conv1d");
    String input = f.input("signal").toString();
    Run r = run("predict", f.json().toString(), input);
    assertEquals(1, r.status(), r.out());
    assertTrue(
        r.err().contains("[KerasWeights] " + f.json() + ": the file holds no weights"), r.err());

    Path out = tmp.resolve("json.npy");
    r =
        run(
            "predict",
            f.json().toString(),
            input,
            "--weights",
            f.weights().toString(),
            "--output",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(Npy.read(f.output("dense")), Npy.read(out));

    r = run("summary", f.json().toString(), "--weights=" + f.weights());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("weights: in the file"), r.out());

    r = run("summary", f.keras().toString(), "--weights", f.weights().toString());
    assertEquals(1, r.status(), r.out());
    assertEquals(
        "kestimator: "
            + f.keras()
            + " holds its own weights; --weights is for a config without them"
            + " (model.to_json())\n",
        r.err());

    r = run("summary", f.json().toString(), "--weights", tmp.resolve("none.h5").toString());
    assertEquals(1, r.status(), r.out());
    assertTrue(
        r.err().contains("weights file " + tmp.resolve("none.h5") + " does not exist"), r.err());

    r = run("summary", f.json().toString(), "--weights");
    assertEquals(2, r.status(), r.out());
    assertTrue(
        r.err().startsWith("kestimator: --weights needs the weights file of the .json config"),
        r.err());
  }

  /** Raw strings (numpy's {@code <U}) into a Keras archive's StringLookup and its SavedModel. */
  @Test
  void stringInputsPredictFromTheKerasFileAndTheSavedModel() throws IOException {
    Path dir = KerasFixtures.root().resolve("preprocessing/string_lookup");
    Path input = CliFixturesTest.preprocessingInput(dir, tmp);
    Npy.Array keras = Npy.read(dir.resolve("output.npy"));
    Path fromKeras = tmp.resolve("keras.npy");
    Run r =
        run(
            "predict",
            dir.resolve("model.keras").toString(),
            input.toString(),
            "--output",
            fromKeras.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(keras, Npy.read(fromKeras));

    Path base = tmp.resolve("served");
    r = run("export", dir.resolve("model.keras").toString(), base.toString());
    assertEquals(0, r.status(), r.err());
    Path fromSavedModel = tmp.resolve("served.npy");
    r = run("predict", base.toString(), input.toString(), "--output", fromSavedModel.toString());
    assertEquals(0, r.status(), r.err());
    assertClose(keras, Npy.read(fromSavedModel));
  }

  @Test
  void predictReadsACsvWithAHeaderLine() throws IOException {
    Path csv = tmp.resolve("in.csv");
    Files.writeString(csv, "a,b,c,d,e,f\n0.5,1,2,3,4,5\n-1.25,0,0,0,0,1\n");
    Run r =
        run("predict", KerasFixtures.model("dense_activations").keras().toString(), csv.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(2, r.out().lines().count(), r.out());
  }

  @Test
  void usageAndFileErrorsAreClear() throws IOException {
    Run r = run();
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("usage: kestimator summary"), r.err());

    r = run("predict", "model.h5");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("kestimator: predict takes 2 arguments, got 1"), r.err());

    r = run("fit", "x");
    assertEquals(2, r.status());
    assertTrue(
        r.err().startsWith("kestimator: unknown command 'fit'; commands: summary, predict, export"),
        r.err());

    r = run("summary", tmp.resolve("missing.h5").toString());
    assertEquals(1, r.status());
    assertEquals(
        "kestimator: keras file " + tmp.resolve("missing.h5") + " does not exist\n", r.err());

    Path wrongShape = tmp.resolve("wrong.csv");
    Files.writeString(wrongShape, "a,b\n1,2\n");
    r =
        run(
            "predict",
            KerasFixtures.model("lstm_sequences").h5().toString(),
            wrongShape.toString());
    assertEquals(1, r.status());
    assertTrue(
        r.err().contains("wrong.csv:2: 2 values, the model takes 21 per example [7, 3]"), r.err());

    Path truncated = tmp.resolve("truncated.h5");
    byte[] whole = Files.readAllBytes(CONV.h5());
    Files.write(truncated, java.util.Arrays.copyOf(whole, 4000));
    r = run("summary", truncated.toString());
    assertEquals(1, r.status());
    assertTrue(
        r.err()
            .startsWith("kestimator: [KerasFormat] " + truncated + ": cannot read the HDF5 file"),
        r.err());
  }

  static void assertClose(Npy.Array want, Npy.Array got) {
    assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()));
    for (int i = 0; i < want.floats().length; i++) {
      float w = want.floats()[i];
      assertEquals(w, got.floats()[i], Math.abs(w) * 1e-5, "value " + i);
    }
  }
}
