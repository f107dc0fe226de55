package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Shape;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** String and int64 values from real CSV and TFRecord files, into batches and tensors. */
class StringColumnsTest {
  @TempDir Path dir;

  /**
   * Reads {@code review} (one string), {@code tags} (2 strings), {@code id} (a long) and {@code
   * ids} (2 longs); for a CSV file (whose header must be the Words model's) only {@code review} and
   * {@code id}, from the columns {@code words_input} and {@code score}.
   */
  private static final class Extra
      implements ModelBinding<Map<String, Object>, Map<String, Object>, Object, Object> {
    private final boolean csv;

    Extra(boolean csv) {
      this.csv = csv;
    }

    @Override
    public Model model() {
      return TinyModels.WORDS;
    }

    @Override
    public void writeFeatures(Map<String, Object> features, TensorBatch batch, int row) {}

    @Override
    public void writeLabels(Map<String, Object> labels, TensorBatch batch, int row) {}

    @Override
    public Map<String, Object> readFeatures(ColumnReader c) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (csv) {
        m.put("review", c.getString("words_input"));
        m.put("id", c.getLong("score"));
        m.put("tags", c.getStrings("words_input", c.getString("words_input").isBlank() ? 0 : 2));
        return m;
      }
      m.put("review", c.getString("review"));
      m.put("tags", c.getStrings("tags", 2));
      m.put("id", c.getLong("id"));
      m.put("ids", c.getLongs("ids", 2));
      return m;
    }

    @Override
    public Map<String, Object> readLabels(ColumnReader columns) {
      return Map.of();
    }

    @Override
    public Object prediction(OutputBatch outputs, int row) {
      return null;
    }

    @Override
    public Object metrics(MetricValues values) {
      return null;
    }
  }

  private static List<Map<String, Object>> readAll(
      Source<Example<Map<String, Object>, Map<String, Object>>> source) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Cursor<Located<Example<Map<String, Object>, Map<String, Object>>>> c = source.open()) {
      while (c.hasNext()) {
        out.add(c.next().value().features());
      }
    }
    return out;
  }

  @Test
  void csvCellsAreWholeStringsWithSpacesAndPunctuationKept() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("r.csv"),
            "words_input,score\n"
                + "\"Great, really!  \",9000000000\n"
                + "\"\",3.0\n"
                + "caf\u00e9 \u00fcber,-1\n");
    List<Map<String, Object>> rows = readAll(new CsvSource<>(f, new Extra(true)));
    assertEquals("Great, really!  ", rows.get(0).get("review"));
    assertEquals(9_000_000_000L, rows.get(0).get("id"));
    assertArrayEquals(new String[] {"Great,", "really!"}, (String[]) rows.get(0).get("tags"));
    assertEquals(
        "",
        rows.get(1).get("review"),
        "an empty cell is the empty string (Keras: out of vocabulary or masked)");
    assertEquals(3L, rows.get(1).get("id"));
    assertEquals("caf\u00e9 \u00fcber", rows.get(2).get("review"));
    assertArrayEquals(new String[] {"caf\u00e9", "\u00fcber"}, (String[]) rows.get(2).get("tags"));
  }

  @Test
  void csvLongErrorsNameTheCell() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.csv"), "words_input,score\na b c,1.5\n");
    InputException e =
        assertThrows(InputException.class, () -> readAll(new CsvSource<>(f, new Extra(true))));
    assertTrue(
        e.getMessage().contains("line 2, column 2 'score': '1.5' is not an integer (int64)"),
        e.getMessage());
  }

  @Test
  void tfRecordBytesListsAreStringsAndInt64ListsLongs() throws Exception {
    Path f = dir.resolve("r.tfrecord");
    Map<String, Object> e1 = new LinkedHashMap<>();
    e1.put("review", "the cat sat");
    e1.put("tags", new String[] {"", "\u00fcber"});
    e1.put("id", 1L << 40);
    e1.put("ids", new long[] {-5, 7});
    Map<String, Object> e2 = new LinkedHashMap<>(e1);
    // Invalid UTF-8 (a lone continuation byte and a truncated sequence): decoded with U+FFFD
    // replacements.
    e2.put("review", new byte[][] {{'a', (byte) 0x80, 'b', ' ', (byte) 0xE2, (byte) 0x82}});
    TfRecordExamples.write(f, List.of(e1, e2));
    List<Map<String, Object>> rows =
        readAll(new TfRecordExampleSource<>(List.of(f), new Extra(false)));
    assertEquals("the cat sat", rows.get(0).get("review"));
    assertArrayEquals(new String[] {"", "\u00fcber"}, (String[]) rows.get(0).get("tags"));
    assertEquals(1L << 40, rows.get(0).get("id"));
    assertArrayEquals(new long[] {-5, 7}, (long[]) rows.get(0).get("ids"));
    assertEquals("a\ufffdb \ufffd", rows.get(1).get("review"));
  }

  @Test
  void tfRecordWrongKindNamesTheKey() throws Exception {
    Path f = dir.resolve("w.tfrecord");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("review", new float[] {1f});
    e.put("tags", new String[] {"a", "b"});
    e.put("id", 1L);
    e.put("ids", new long[] {1, 2});
    TfRecordExamples.write(f, List.of(e));
    InputException x =
        assertThrows(
            InputException.class,
            () -> readAll(new TfRecordExampleSource<>(List.of(f), new Extra(false))));
    assertTrue(
        x.getMessage().contains("key 'review': expected a bytes_list, found a float_list"),
        x.getMessage());
  }

  @Test
  void stringAndLongSlotsBecomeStringAndInt64Tensors() {
    List<Slot> slots =
        List.of(
            new Slot("feature", "review", DType.STRING, new Shape(List.of(1)), 0, null),
            new Slot("feature", "ids", DType.INT64, new Shape(List.of(2)), 0, null));
    ArrayBatch b = new ArrayBatch(slots, 3);
    b.put(0, 0, "caf\u00e9!");
    b.put(0, 1, new String[] {""});
    b.put(1, 0, new long[] {1L << 40, -1});
    b.put(1, 1, new long[] {5, 0});
    InputException e = assertThrows(InputException.class, () -> b.put(0, 2, (String) null));
    assertTrue(
        e.getMessage().contains("feature 'review' holds null at position 0"), e.getMessage());
    assertThrows(InputException.class, () -> b.put(1, 2, "x"));
    HostBatch hb = new HostBatch(2, slots, b.take(2), List.of(), null);
    assertArrayEquals(new String[] {"caf\u00e9!", ""}, hb.stringFeature(0));
    assertArrayEquals(new long[] {1L << 40, -1, 5, 0}, hb.longFeature(1));
    try (Tensor s =
            io.github.kestimator.runtime.session.Feeds.tensor(
                slots.get(0).shape(), hb.feature(0), 2);
        Tensor l =
            io.github.kestimator.runtime.session.Feeds.tensor(
                slots.get(1).shape(), hb.feature(1), 2)) {
      assertEquals(org.tensorflow.ndarray.Shape.of(2, 1), s.shape());
      assertArrayEquals(
          new String[][] {{"caf\u00e9!"}, {""}},
          StdArrays.array2dCopyOf((TString) s, String.class));
      assertArrayEquals(
          new byte[] {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, '!'},
          ((TString) s).asBytes().getObject(0, 0));
      assertArrayEquals(new long[][] {{1L << 40, -1}, {5, 0}}, StdArrays.array2dCopyOf((TInt64) l));
    }
  }
}
