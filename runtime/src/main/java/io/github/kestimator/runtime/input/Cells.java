package io.github.kestimator.runtime.input;

/**
 * Parses the numbers (and space-separated strings) of one CSV cell: one value, or several separated
 * by spaces.
 */
final class Cells {
  private Cells() {}

  /** The cell's values split on whitespace; a blank cell has none. */
  static String[] split(String cell) {
    String t = cell.strip();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  /** {@code where} names file, line and column for the message. */
  static float parseFloat(String token, String where) {
    try {
      return Float.parseFloat(token);
    } catch (NumberFormatException e) {
      throw new InputException(where + ": '" + token + "' is not a number");
    }
  }

  static int parseInt(String token, String where) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      // Accept "3.0" (pandas writes integer columns with missing values that way), nothing
      // fractional.
      try {
        double d = Double.parseDouble(token);
        if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
          return (int) d;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the message below
      }
      throw new InputException(where + ": '" + token + "' is not an integer (int32)");
    }
  }

  static long parseLong(String token, String where) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(token);
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the message below
      }
      throw new InputException(where + ": '" + token + "' is not an integer (int64)");
    }
  }
}
