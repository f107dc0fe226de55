package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.binding.MapBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

class TfRecordExampleInputTest {
  @TempDir Path dir;

  private static InputException readFails(Path... files) {
    return assertThrows(
        InputException.class,
        () -> {
          try (BatchStream s = Input.tfRecord(TinyModels.words(), files).open(TinyModels.words())) {
            s.forEachRemaining(b -> {});
          }
        });
  }

  @Test
  void writesRealTfTrainExamples() throws Exception {
    Path f = dir.resolve("one.tfrecord");
    TfRecordExamples.write(f, List.of(Map.of("words_input", new int[] {1, 2, 3}, "score", 0.5f)));
    Example e = Example.parseFrom(TfRecordReader.readAll(f).get(0));
    Feature words = e.getFeatures().getFeatureOrThrow("words_input");
    assertEquals(List.of(1L, 2L, 3L), words.getInt64List().getValueList());
    assertEquals(
        List.of(0.5f), e.getFeatures().getFeatureOrThrow("score").getFloatList().getValueList());
  }

  @Test
  void readsExamplesAcrossFilesInOrder() {
    Path a = dir.resolve("a.tfrecord");
    Path b = dir.resolve("b.tfrecord");
    TfRecordExamples.write(
        a,
        List.of(
            Map.of("words_input", new int[] {1, 2, 3}, "score", 1f),
            Map.of("words_input", new long[] {4, 5, 6}, "score", 0L, "ignored", new float[] {9})));
    TfRecordExamples.write(
        b, List.of(Map.of("words_input", new int[] {7, 8, 9}, "score", new float[] {0.25f})));
    try (BatchStream s = Input.tfRecord(TinyModels.words(), a, b).open(TinyModels.words())) {
      HostBatch batch = s.next();
      assertEquals(3, batch.rows());
      assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, batch.intFeature(0));
      assertArrayEquals(
          new float[] {1, 0, 0.25f}, batch.floatLabel(0)); // an int64 label reads as a float
      assertFalse(s.hasNext());
    }
  }

  @Test
  void floatFeaturesAndIntLabels() {
    Path f = dir.resolve("points.tfrecord");
    TfRecordExamples.write(
        f, List.of(Map.of("classify_input", new float[] {0.5f, -2f}, "classify", 2)));
    MapBinding binding = TinyModels.points();
    try (BatchStream s = Input.tfRecord(binding, f).open(binding)) {
      HostBatch batch = s.next();
      assertArrayEquals(new float[] {0.5f, -2f}, batch.floatFeature(0));
      assertArrayEquals(new int[] {2}, batch.intLabel(0));
    }
  }

  @Test
  void missingKeyNamesFileRecordAndTheClosestKey() {
    Path f = dir.resolve("typo.tfrecord");
    TfRecordExamples.write(
        f,
        List.of(
            Map.of("words_input", new int[] {1, 2, 3}, "score", 1f),
            Map.of("word_input", new int[] {1, 2, 3}, "score", 1f)));
    assertEquals(
        f
            + " record 1: no key 'words_input'; did you mean 'word_input'?; the example has [score, word_input]",
        readFails(f).getMessage());
  }

  @Test
  void wrongLengthAndKindNameTheKey() {
    Path f = dir.resolve("length.tfrecord");
    TfRecordExamples.write(f, List.of(Map.of("words_input", new int[] {1, 2}, "score", 1f)));
    assertEquals(
        f + " record 0, key 'words_input': expected 3 values, the int64_list has 2",
        readFails(f).getMessage());
    Path g = dir.resolve("kind.tfrecord");
    TfRecordExamples.write(g, List.of(Map.of("words_input", new float[] {1, 2, 3}, "score", 1f)));
    assertEquals(
        g + " record 0, key 'words_input': expected an int64_list, found a float_list",
        readFails(g).getMessage());
    Path h = dir.resolve("range.tfrecord");
    TfRecordExamples.write(
        h, List.of(Map.of("words_input", new long[] {1, 1L << 40, 3}, "score", 1f)));
    assertEquals(
        h + " record 0, key 'words_input': value 1 is 1099511627776, outside int32's range",
        readFails(h).getMessage());
  }

  @Test
  void aRecordThatIsNotAnExample() {
    Path f = dir.resolve("garbage.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.create(f)) {
      w.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    }
    String m = readFails(f).getMessage();
    assertTrue(m.startsWith(f + " record 0 (byte offset 0): not a tf.train.Example: "), m);
  }

  @Test
  void idsOutOfRangeNameTheRecord() {
    Path f = dir.resolve("ids.tfrecord");
    TfRecordExamples.write(f, List.of(Map.of("words_input", new int[] {1, -2, 3}, "score", 1f)));
    assertEquals(
        f
            + " record 0: feature 'words_input' holds id -2 at position 1, outside [0, 10) of embedding layer"
            + " 'words' (inputDim 10)",
        readFails(f).getMessage());
  }
}
