package io.github.kestimator.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Vocabulary and token files: Keras' format, and clear errors (never a native crash) for bad ones.
 */
class VocabularyFileTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsKerasFormat() throws Exception {
    Path f = dir.resolve("text/vocabulary.txt");
    VocabularyFile.write("text", f, List.of("", "[UNK]", "caf\u00e9", "the"));
    assertEquals(
        "\n[UNK]\ncaf\u00e9\nthe",
        Files.readString(f),
        "joined by \\n, no trailing newline, as Keras");
    assertEquals(List.of("", "[UNK]", "caf\u00e9", "the"), VocabularyFile.read("text", f));
  }

  @Test
  void readsTheVocabularyKerasWroteIntoAKerasArchive() throws Exception {
    PreprocessingFixture fx = PreprocessingFixture.load("text_int");
    Path f = dir.resolve("vocabulary.txt");
    try (var zip = new java.util.zip.ZipFile(fx.dir().resolve("model.keras").toFile())) {
      var entry =
          zip.stream()
              .filter(e -> e.getName().endsWith("vocabulary.txt"))
              .findFirst()
              .orElseThrow();
      Files.write(f, zip.getInputStream(entry).readAllBytes());
    }
    assertEquals(fx.vocabulary(), VocabularyFile.read("text", f));
  }

  @Test
  void badFilesNameTheLayerAndTheFile() throws Exception {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> VocabularyFile.read("text", dir.resolve("nope.txt")));
    assertTrue(
        missing
            .getMessage()
            .contains(
                "layer 'text': vocabulary file " + dir.resolve("nope.txt") + " does not exist"),
        missing.getMessage());
    Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
    IllegalStateException notUtf8 =
        assertThrows(IllegalStateException.class, () -> VocabularyFile.read("words", latin1));
    assertTrue(
        notUtf8
            .getMessage()
            .contains("layer 'words': vocabulary file " + latin1 + " is not UTF-8 text"));
    IllegalStateException lineBreak =
        assertThrows(
            IllegalStateException.class,
            () ->
                VocabularyFile.writeTokens(
                    "chars", dir.resolve("t.txt"), List.of("", "[UNK]", "a", "\n"), 2));
    assertTrue(
        lineBreak.getMessage().contains("layer 'chars': token 3 of the vocabulary"),
        lineBreak.getMessage());
    IllegalStateException twice =
        assertThrows(
            IllegalStateException.class,
            () ->
                VocabularyFile.writeTokens(
                    "cat", dir.resolve("t.txt"), List.of("[UNK]", "red", "red"), 1));
    assertTrue(twice.getMessage().contains("token 'red' appears twice"), twice.getMessage());
  }

  @Test
  void anEmptyVocabularyMapsEverythingToOov() {
    Path tokens = dir.resolve("empty.tokens");
    VocabularyFile.writeTokens("text", tokens, List.of("", "[UNK]"), 2);
    IndexLookupOps.Config c = new IndexLookupOps.Config(true, "", 1, "int", 2, null);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var ids = IndexLookupOps.lookup(tf, in, c, tokens, "vocabulary_path").ids();
      try (TString x = TString.vectorOf("a", "", "[UNK]");
          var r = s.runner().feed(in, x).fetch(ids).run()) {
        long[] got = new long[3];
        ((TInt64) r.get(0)).asRawTensor().data().asLongs().read(got);
        assertArrayEquals(new long[] {1, 0, 1}, got);
      }
    }
  }

  @Test
  void aMissingTokenFileIsAClearErrorAtGraphBuild() {
    IndexLookupOps.Config c = new IndexLookupOps.Config(true, "", 1, "int", 3, null);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  IndexLookupOps.lookup(tf, in, c, dir.resolve("gone.tokens"), "vocabulary_path"));
      assertTrue(
          e.getMessage()
              .contains(
                  "the token file "
                      + dir.resolve("gone.tokens")
                      + " of the lookup table cannot be read"),
          e.getMessage());
    }
  }

  @Test
  void aNonIntegerLineInAnIntegerTokenFileIsAJavaException() throws Exception {
    Path tokens = Files.writeString(dir.resolve("ints.tokens"), "7\nseven\n");
    IndexLookupOps.Config c = new IndexLookupOps.Config(false, null, 1, "int", 3, null);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      var ids = IndexLookupOps.lookup(tf, in, c, tokens, "vocabulary_path").ids();
      try (TInt64 x = TInt64.vectorOf(7)) {
        RuntimeException e =
            assertThrows(
                RuntimeException.class, () -> s.runner().feed(in, x).fetch(ids).run().close());
        assertTrue(
            e.getMessage().contains("seven")
                || e.getMessage().contains(tokens.getFileName().toString()),
            e.getMessage());
      }
    }
  }
}
