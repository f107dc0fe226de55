package io.github.kestimator.runtime.input;

import io.github.kestimator.model.Names;
import io.github.kestimator.runtime.binding.ColumnReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One parsed CSV record, read by name; errors name the file, the line and the column. */
final class CsvRow implements ColumnReader {
  private final Path file;
  private final int line;
  private final Map<String, Integer> columns;
  private final List<String> cells;

  CsvRow(Path file, int line, Map<String, Integer> columns, List<String> cells) {
    this.file = file;
    this.line = line;
    this.columns = columns;
    this.cells = cells;
  }

  @Override
  public float getFloat(String name) {
    return Cells.parseFloat(single(name), where(name));
  }

  @Override
  public int getInt(String name) {
    return Cells.parseInt(single(name), where(name));
  }

  @Override
  public float[] getFloats(String name, int size) {
    String[] tokens = tokens(name, size);
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = Cells.parseFloat(tokens[i], where(name) + " value " + i);
    }
    return out;
  }

  @Override
  public int[] getInts(String name, int size) {
    String[] tokens = tokens(name, size);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = Cells.parseInt(tokens[i], where(name) + " value " + i);
    }
    return out;
  }

  /**
   * The whole cell as written (the parser has removed the quotes); spaces are kept, an empty cell
   * is "".
   */
  @Override
  public String getString(String name) {
    return cells.get(column(name));
  }

  /** Exactly {@code size} space-separated strings. */
  @Override
  public String[] getStrings(String name, int size) {
    return tokens(name, size);
  }

  @Override
  public long getLong(String name) {
    return Cells.parseLong(single(name), where(name));
  }

  @Override
  public long[] getLongs(String name, int size) {
    String[] tokens = tokens(name, size);
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = Cells.parseLong(tokens[i], where(name) + " value " + i);
    }
    return out;
  }

  private int column(String name) {
    Integer column = columns.get(name);
    if (column == null) {
      throw new InputException(
          file
              + " line "
              + line
              + ": no column '"
              + name
              + "'"
              + Names.didYouMean(name, columns.keySet()));
    }
    return column;
  }

  private String single(String name) {
    return tokens(name, 1)[0];
  }

  private String[] tokens(String name, int size) {
    String[] tokens = Cells.split(cells.get(column(name)));
    if (tokens.length != size) {
      throw new InputException(
          where(name)
              + ": expected "
              + size
              + (size == 1 ? " value" : " values separated by spaces")
              + ", found "
              + tokens.length);
    }
    return tokens;
  }

  private String where(String name) {
    return file + " line " + line + ", column " + (columns.get(name) + 1) + " '" + name + "'";
  }
}
