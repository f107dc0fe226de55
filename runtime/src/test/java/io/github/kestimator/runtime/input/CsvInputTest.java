package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.binding.MapBinding;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {
  @TempDir Path dir;

  private Path csv(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static InputException openFails(Path file) {
    return assertThrows(
        InputException.class,
        () -> {
          try (BatchStream s = Input.csv(file, TinyModels.words()).open(TinyModels.words())) {
            s.forEachRemaining(b -> {});
          }
        });
  }

  @Test
  void readsColumnsByHeaderNameInAnyOrderWithQuotesAndBlankLines() throws Exception {
    Path f =
        csv("words.csv", "score,words_input\r\n1,1 2 3\n0,\"4  5 6\"\n\n\"0.5\",\" 7 8 9 \"\n");
    try (BatchStream s = Input.csv(f, TinyModels.words()).batch(2).open(TinyModels.words())) {
      HostBatch a = s.next();
      assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, a.intFeature(0));
      assertArrayEquals(new float[] {1, 0}, a.floatLabel(0));
      HostBatch b = s.next();
      assertArrayEquals(new int[] {7, 8, 9}, b.intFeature(0));
      assertArrayEquals(new float[] {0.5f}, b.floatLabel(0));
      assertFalse(s.hasNext());
    }
  }

  @Test
  void floatArraysAndIntLabels() throws Exception {
    Path f = csv("points.csv", "classify_input,classify\n0.5 -1.5,2\n1e3 0,0\n");
    MapBinding binding = TinyModels.points();
    try (BatchStream s = Input.csv(f, binding).open(binding)) {
      HostBatch b = s.next();
      assertArrayEquals(new float[] {0.5f, -1.5f, 1000f, 0f}, b.floatFeature(0));
      assertArrayEquals(new int[] {2, 0}, b.intLabel(0));
    }
  }

  @Test
  void unknownColumnSaysDidYouMean() throws Exception {
    Path f = csv("typo.csv", "words_inptu,score\n1 2 3,1\n");
    assertEquals(
        f
            + " line 1: unknown column 1 'words_inptu'; the model's features and labels are [words_input, score];"
            + " did you mean 'words_input'?",
        openFails(f).getMessage());
  }

  @Test
  void missingColumnNamesItAndTheClosestHeaderName() throws Exception {
    Path f = csv("missing.csv", "words_input\n1 2 3\n");
    assertEquals(
        f + " line 1: no column 'score' (a label); the header is [words_input]",
        openFails(f).getMessage());
  }

  @Test
  void emptyFileAndDuplicateColumn() throws Exception {
    Path empty = csv("empty.csv", "");
    assertEquals(
        empty
            + ": the file is empty; expected a header row naming the columns [words_input, score]",
        openFails(empty).getMessage());
    Path twice = csv("twice.csv", "score,words_input,score\n");
    assertEquals(twice + " line 1: column 'score' appears twice", openFails(twice).getMessage());
  }

  @Test
  void badValueNamesFileLineAndColumn() throws Exception {
    Path f = csv("bad.csv", "words_input,score\n1 2 3,1\n\n1 x 3,0\n");
    assertEquals(
        f + " line 4, column 1 'words_input' value 1: 'x' is not an integer (int32)",
        openFails(f).getMessage());
    Path g = csv("short.csv", "words_input,score\n1 2,1\n");
    assertEquals(
        g + " line 2, column 1 'words_input': expected 3 values separated by spaces, found 2",
        openFails(g).getMessage());
    Path h = csv("cells.csv", "words_input,score\n1 2 3\n");
    assertEquals(h + " line 2: 1 cells, but the header has 2 columns", openFails(h).getMessage());
    Path i = csv("label.csv", "words_input,score\n1 2 3,yes\n");
    assertEquals(i + " line 2, column 2 'score': 'yes' is not a number", openFails(i).getMessage());
  }

  @Test
  void idOutOfRangeInAFileNamesTheLine() throws Exception {
    Path f = csv("ids.csv", "words_input,score\n1 2 3,1\n1 2 30,1\n");
    assertEquals(
        f
            + " line 3: feature 'words_input' holds id 30 at position 2, outside [0, 10) of embedding layer"
            + " 'words' (inputDim 10)",
        openFails(f).getMessage());
  }

  @Test
  void quotedCellsMayHoldCommasQuotesAndLineBreaks() {
    CsvParser p =
        new CsvParser(
            Path.of("x.csv"),
            new BufferedReader(
                new StringReader("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",,\"\"\nlast")));
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (List<String> r; (r = p.next()) != null; ) {
      records.add(r);
      lines.add(p.recordLine());
    }
    assertEquals(
        List.of(List.of("a", "b,c", "say \"hi\""), List.of("multi\nline", "", ""), List.of("last")),
        records);
    assertEquals(List.of(1, 2, 4), lines);
  }

  @Test
  void unclosedQuoteNamesWhereTheCellStarts() {
    CsvParser p =
        new CsvParser(Path.of("x.csv"), new BufferedReader(new StringReader("a,b\n1,\"2\n3\n")));
    p.next();
    InputException e = assertThrows(InputException.class, p::next);
    assertEquals("x.csv line 2: a quoted cell is not closed (missing '\"')", e.getMessage());
    CsvParser q = new CsvParser(Path.of("y.csv"), new BufferedReader(new StringReader("\"a\"b\n")));
    assertEquals(
        "y.csv line 1: unexpected 'b' after a closing quote; expected ',' or the end of the line",
        assertThrows(InputException.class, q::next).getMessage());
  }

  @Test
  void shuffledRepeatedCsvReopensTheFile() throws Exception {
    StringBuilder b = new StringBuilder("words_input,score\n");
    for (int i = 0; i < 30; i++) {
      b.append(i % 10).append(" 0 0,").append(i).append('\n');
    }
    Path f = csv("many.csv", b.toString());
    List<Integer> seen = new ArrayList<>();
    try (BatchStream s =
        Input.csv(f, TinyModels.words())
            .shuffle(30, 1)
            .repeat(2)
            .batch(7)
            .open(TinyModels.words())) {
      s.forEachRemaining(
          batch -> {
            for (float v : batch.floatLabel(0)) {
              seen.add((int) v);
            }
          });
    }
    assertEquals(60, seen.size());
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(i);
      all.add(i);
    }
    assertEquals(all, seen.stream().sorted().toList());
  }
}
