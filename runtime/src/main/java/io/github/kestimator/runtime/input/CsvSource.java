package io.github.kestimator.runtime.input;

import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.binding.ModelBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Examples from a CSV file with a header row: one column per feature and per label (output layer
 * name). The header must name exactly those columns, in any order; a mistake there is reported
 * before any row is read, with the closest expected name.
 */
public final class CsvSource<F, L> implements Source<Example<F, L>> {
  private final Path file;
  private final ModelBinding<F, L, ?, ?> binding;

  public CsvSource(Path file, ModelBinding<F, L, ?, ?> binding) {
    this.file = file;
    this.binding = binding;
  }

  /** The columns a file for {@code model} must have: features, then labels. */
  public static List<String> expectedColumns(Model model) {
    List<String> names = new ArrayList<>();
    model.features().stream().map(Feature::name).forEach(names::add);
    model.outputs().stream().map(Output::layer).forEach(names::add);
    return names;
  }

  @Override
  public Cursor<Located<Example<F, L>>> open() {
    CsvParser parser;
    try {
      parser = new CsvParser(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open CSV file " + file + ": " + e.getMessage(), e);
    }
    try {
      Map<String, Integer> columns = header(parser);
      return new Rows(parser, columns);
    } catch (RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  private Map<String, Integer> header(CsvParser parser) {
    List<String> expected = expectedColumns(binding.model());
    List<String> header = parser.next();
    if (header == null) {
      throw new InputException(
          file + ": the file is empty; expected a header row naming the columns " + expected);
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String cell = header.get(i);
      String name =
          (i == 0 && cell.startsWith("\uFEFF") ? cell.substring(1) : cell)
              .strip(); // a UTF-8 byte order mark
      if (!expected.contains(name)) {
        throw new InputException(
            file
                + " line "
                + parser.recordLine()
                + ": unknown column "
                + (i + 1)
                + " '"
                + name
                + "'; the model's features and labels are "
                + expected
                + Names.didYouMean(name, expected));
      }
      if (columns.put(name, i) != null) {
        throw new InputException(
            file + " line " + parser.recordLine() + ": column '" + name + "' appears twice");
      }
    }
    // Every header name is known by now, so a missing one has no near miss to suggest.
    for (String name : expected) {
      if (!columns.containsKey(name)) {
        throw new InputException(
            file
                + " line "
                + parser.recordLine()
                + ": no column '"
                + name
                + "' ("
                + role(name)
                + "); the header is "
                + header);
      }
    }
    return Map.copyOf(columns);
  }

  private String role(String column) {
    return binding.model().features().stream().anyMatch(f -> f.name().equals(column))
        ? "a feature"
        : "a label";
  }

  private final class Rows implements Cursor<Located<Example<F, L>>> {
    private final CsvParser parser;
    private final Map<String, Integer> columns;
    private final String where = file + " line";
    private List<String> next;

    Rows(CsvParser parser, Map<String, Integer> columns) {
      this.parser = parser;
      this.columns = columns;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = parser.next();
      }
      return next != null;
    }

    @Override
    public Located<Example<F, L>> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      List<String> cells = next;
      next = null;
      int line = parser.recordLine();
      if (cells.size() != columns.size()) {
        throw new InputException(
            file
                + " line "
                + line
                + ": "
                + cells.size()
                + " cells, but the header has "
                + columns.size()
                + " columns");
      }
      CsvRow row = new CsvRow(file, line, columns, cells);
      return new Located<>(
          Example.of(binding.readFeatures(row), binding.readLabels(row)), where, line);
    }

    @Override
    public void close() {
      parser.close();
    }
  }
}
