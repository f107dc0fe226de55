package io.github.kestimator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.cli.MainTest.Run;
import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.KerasFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The command line on inputs and paths that are wrong in the ways users get them wrong. */
class CliInputEdgesTest {
  @TempDir Path tmp;

  static Run run(String... args) {
    return MainTest.run(args);
  }

  static void refused(Run r, String part) {
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(part), r.err());
  }

  @Test
  void anArrayOfTheRightSizeInAnotherLayoutIsRefused() throws IOException {
    Path channelsFirst = tmp.resolve("cf.npy");
    Npy.write(channelsFirst, new int[] {3, 2, 12, 12}, new float[3 * 2 * 12 * 12]);
    refused(
        run("predict", KerasFixtures.model("conv2d").h5().toString(), channelsFirst.toString()),
        "input 'image' has examples of shape [2, 12, 12] (array shape [3, 2, 12, 12]), the model takes [12, 12, 2]: the"
            + " same number of values in another layout (channels first? transposed?)");
    Path extraAxis = tmp.resolve("extra.npy");
    Npy.write(extraAxis, new int[] {2, 6, 1}, new float[12]);
    refused(
        run(
            "predict",
            KerasFixtures.model("dense_activations").h5().toString(),
            extraAxis.toString()),
        "input 'input_layer' has examples of shape [6, 1] (array shape [2, 6, 1]), the model takes [6]");
  }

  /** Strings for a numeric input, numbers or a .csv for a string input: each refused. */
  @Test
  void stringsAndNumbersAreNotMixedUp() throws IOException {
    Path strings = tmp.resolve("strings.npy");
    CliFixturesTest.writeStrings(strings, new int[] {2}, java.util.List.of("red", "blue"));
    refused(
        run(
            "predict",
            KerasFixtures.model("dense_activations").h5().toString(),
            strings.toString()),
        "strings.npy: input 'input_layer' takes numbers; the array holds strings");
    Path lookup = KerasFixtures.root().resolve("preprocessing/string_lookup/model.keras");
    Path numbers = tmp.resolve("numbers.npy");
    Npy.write(numbers, new int[] {2, 1}, new float[2]);
    refused(
        run("predict", lookup.toString(), numbers.toString()),
        "numbers.npy: input 'category' takes strings; the array holds numbers");
    Path csv = tmp.resolve("in.csv");
    Files.writeString(csv, "category\nred\n");
    refused(
        run("predict", lookup.toString(), csv.toString()),
        "in.csv: input 'category' takes strings, and a .csv feeds numbers only");
    Run r = run("predict", lookup.toString(), strings.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(2, r.out().lines().count(), r.out());
  }

  @Test
  void floatIdsThatAreNotInt32AreNamed() throws IOException {
    String model = KerasFixtures.model("embedding_lstm").h5().toString();
    for (float bad : new float[] {1e10f, Float.POSITIVE_INFINITY, 2.5f}) {
      float[] v = new float[12];
      v[3] = bad;
      Path f = tmp.resolve("ids.npy");
      Npy.write(f, new int[] {1, 12}, v);
      refused(
          run("predict", model, f.toString()),
          "input 'input_layer' takes integer ids; example 0 holds "
              + bad
              + " at position 3, "
              + (bad == 2.5f
                  ? "not a whole number"
                  : bad == 1e10f ? "beyond int32" : "not a whole number"));
    }
  }

  @Test
  void aCsvWithoutAHeaderIsRefusedAndOneWithAByteOrderMarkReads() throws IOException {
    String model = KerasFixtures.model("dense_activations").h5().toString();
    Path noHeader = Files.writeString(tmp.resolve("nohead.csv"), "0.5,1,2,3,4,5\n1,1,1,1,1,1\n");
    refused(
        run("predict", model, noHeader.toString()),
        "nohead.csv:1: the first line holds numbers, not a header");
    Path bom =
        Files.writeString(
            tmp.resolve("bom.csv"), "\uFEFFa,b,c,d,e,f\n0.5,1,2,3,4,5\n1,1,1,1,1,1\n");
    Run r = run("predict", model, bom.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(2, r.out().lines().count(), r.out());
  }

  @Test
  void pathsThatAreNotThereOrInTheWaySayWhy() throws IOException {
    String model = KerasFixtures.model("dense_activations").h5().toString();
    String input = KerasFixtures.model("dense_activations").input("input_layer").toString();
    Run r = run("predict", model, input, "--output", tmp.resolve("nodir/out.npy").toString());
    refused(
        r,
        tmp.resolve("nodir/out.npy")
            + ": no such file or directory (the folder "
            + tmp.resolve("nodir")
            + " does not exist)");

    Path file = Files.writeString(tmp.resolve("afile"), "x");
    refused(run("export", model, file.toString()), file + " exists and is not a directory");
    Path link = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
    refused(
        run("export", model, link.toString()),
        "cannot export a SavedModel into "
            + link
            + ": it is a symbolic link to "
            + tmp.resolve("nowhere")
            + ", which does not exist");
  }

  @Test
  void aTruncatedSavedModelIsNamed() throws IOException {
    String model = KerasFixtures.model("dense_activations").h5().toString();
    Run r = run("export", model, tmp.resolve("serving").toString());
    assertEquals(0, r.status(), r.err());
    Path version = Path.of(r.out().trim());
    Path pb = version.resolve("saved_model.pb");
    byte[] whole = Files.readAllBytes(pb);
    Files.write(pb, java.util.Arrays.copyOf(whole, whole.length / 3));
    refused(
        run(
            "predict",
            version.toString(),
            KerasFixtures.model("dense_activations").input("input_layer").toString()),
        "cannot load the SavedModel in " + version + " (is saved_model.pb truncated");
  }

  /**
   * A SavedModel not made by kestimator, with an int64 output (class ids, as many models return).
   */
  @Test
  void int64OutputsOfASavedModelArePredicted() throws IOException {
    Path dir = tmp.resolve("int64");
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.withName("x")
              .placeholder(
                  TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 2)));
      var y = tf.withName("y").dtypes.cast(tf.math.mul(x, tf.constant(2f)), TInt64.class);
      SavedModelBundle.exporter(dir.toString())
          .withSession(s)
          .withSignature(
              Signature.builder().key(Signature.DEFAULT_KEY).input("x", x).output("ids", y).build())
          .export();
    }
    Path in = tmp.resolve("x.npy");
    Npy.write(in, new int[] {2, 2}, new float[] {1, 2, 3, 4.5f});
    Path out = tmp.resolve("ids.npy");
    Run r = run("predict", dir.toString(), in.toString(), "--output", out.toString());
    assertEquals(0, r.status(), r.err());
    assertArrayEquals(new int[] {2, 4, 6, 9}, Npy.read(out).ints());
  }
}
