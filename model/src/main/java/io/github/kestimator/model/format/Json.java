package io.github.kestimator.model.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser and writer, the project's only one: the Keras reader parses Keras
 * configs with it, the runtime parses {@code TF_CONFIG} and the model descriptions of generated
 * code ({@link ModelSpecJson}), none pulling a JSON library onto users' class paths. It lives here
 * because every module that reads JSON depends on the model module.
 *
 * <p>Objects become insertion-ordered unmodifiable {@link Map}s, arrays unmodifiable {@link List}s,
 * numbers {@link Long} when integral and written without fraction or exponent, else {@link Double};
 * {@code null} stays null. Python's {@code json.dumps} also writes {@code NaN}, {@code Infinity}
 * and {@code -Infinity}; they are accepted.
 */
public final class Json {
  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * @throws IllegalArgumentException naming the line and column of the first syntax error
   */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.skipSpace();
    Object v = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  /**
   * Writes a value {@link #parse} reads back as the same value: a {@link Map} (keys as strings, in
   * iteration order), {@link List}, {@link String}, {@link Boolean}, null, or a {@link Number}.
   * Integral numbers ({@link Integer}, {@link Long}, {@link Short}, {@link Byte}) are written
   * without a fraction, {@link Double} and {@link Float} always with one or an exponent ({@code
   * 1.0}, {@code 1.0E-7}), so each parses back as the kind of number it was; NaN and the infinities
   * as {@code NaN}, {@code Infinity}, {@code -Infinity}, as Python writes them. The text is compact
   * and ASCII: other characters are written as <code>&#92;uXXXX</code> escapes.
   *
   * @throws IllegalArgumentException naming a value of any other type
   */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b);
    return b.toString();
  }

  private static void write(Object value, StringBuilder b) {
    if (value == null || value instanceof Boolean) {
      b.append(value);
    } else if (value instanceof String s) {
      quote(s, b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      b.append(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      b.append(((Number) value).doubleValue());
    } else if (value instanceof Map<?, ?> m) {
      b.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(sep);
        quote(String.valueOf(e.getKey()), b);
        b.append(':');
        write(e.getValue(), b);
        sep = ",";
      }
      b.append('}');
    } else if (value instanceof List<?> l) {
      b.append('[');
      String sep = "";
      for (Object o : l) {
        b.append(sep);
        write(o, b);
        sep = ",";
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException(
          "cannot write " + value + " (" + value.getClass().getName() + ") as JSON");
    }
  }

  /**
   * {@code s} as a quoted JSON string of ASCII characters only (others as {@code \\uXXXX}), which
   * is also a Java string literal with the same value: the Maven plugin writes annotation values
   * with it.
   */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder();
    quote(s, b);
    return b.toString();
  }

  private static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private Object value(int depth) {
    if (depth > 512) {
      throw error("nesting deeper than 512 levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      case 'N':
        return literal("NaN", Double.NaN);
      case 'I':
        return literal("Infinity", Double.POSITIVE_INFINITY);
      default:
        if (c == '-' && text.startsWith("-Infinity", pos)) {
          return literal("-Infinity", Double.NEGATIVE_INFINITY);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skipSpace();
    if (peek('}')) {
      pos++;
      return Collections.unmodifiableMap(m);
    }
    while (true) {
      skipSpace();
      if (!peek('"')) {
        throw error("expected a string key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      m.put(key, value(depth + 1));
      skipSpace();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect('}');
      return Collections.unmodifiableMap(m);
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> l = new ArrayList<>();
    skipSpace();
    if (peek(']')) {
      pos++;
      return Collections.unmodifiableList(l);
    }
    while (true) {
      skipSpace();
      l.add(value(depth + 1));
      skipSpace();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(']');
      return Collections.unmodifiableList(l);
    }
  }

  private String string() {
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("bad \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape '\\" + e + "'");
        }
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        b.append(c);
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    boolean integral = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c >= '0' && c <= '9') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      if (integral && s.length() < 19) {
        return Long.parseLong(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number '" + s + "'");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected token");
    }
    pos += word.length();
    return value;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private IllegalArgumentException error(String what) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    // Quote the text around the mistake: TF_CONFIG and configs are often typed or pasted by hand.
    int from = Math.max(0, pos - 20);
    int to = Math.min(text.length(), pos + 20);
    String near = text.substring(from, to).replace('\n', ' ');
    return new IllegalArgumentException(
        "invalid JSON at line "
            + line
            + ", column "
            + col
            + ": "
            + what
            + " near ..."
            + near
            + "...");
  }
}
