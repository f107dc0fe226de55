package io.github.kestimator.runtime.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text (RFC 4180) into records: cells separated by commas, a cell in double quotes may
 * hold commas, line breaks and doubled quotes. Blank lines are skipped. Tracks line numbers for
 * messages.
 */
final class CsvParser implements AutoCloseable {
  private final Path file;
  private final BufferedReader in;
  private int line = 1;
  private int recordLine;
  private int pushback = -2;

  CsvParser(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  /** The line (from 1) where the record last returned by {@link #next()} starts. */
  int recordLine() {
    return recordLine;
  }

  /** The next record's cells, or null at the end of the file. */
  List<String> next() {
    int c = read();
    while (c == '\n' || c == '\r') { // blank lines
      c = read();
    }
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    while (true) {
      if (c == '"' && cell.isEmpty()) {
        int start = line;
        while (true) {
          c = read();
          if (c == -1) {
            throw new InputException(
                file + " line " + start + ": a quoted cell is not closed (missing '\"')");
          }
          if (c == '"') {
            c = read();
            if (c != '"') {
              break;
            }
          }
          cell.append((char) c);
        }
        if (c != ',' && c != '\n' && c != '\r' && c != -1) {
          throw new InputException(
              file
                  + " line "
                  + line
                  + ": unexpected '"
                  + (char) c
                  + "' after a closing quote; expected ',' or the end of the line");
        }
        continue;
      }
      if (c == ',' || c == '\n' || c == '\r' || c == -1) {
        cells.add(cell.toString());
        cell.setLength(0);
        if (c != ',') {
          return cells;
        }
      } else {
        cell.append((char) c);
      }
      c = read();
    }
  }

  /** One character; "\r\n" and "\r" read as '\n'. */
  private int read() {
    try {
      int c = pushback != -2 ? pushback : in.read();
      pushback = -2;
      if (c == '\r') {
        int n = in.read();
        if (n != '\n') {
          pushback = n;
        }
        c = '\n';
      }
      if (c == '\n') {
        line++;
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " at line " + line + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
