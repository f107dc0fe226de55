package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The parsed JSON of one Keras config (maps, lists, strings, numbers, booleans, null) as the config
 * readers expect it, and the refusals they raise: every {@link KerasFormatException} names the
 * file, and the layer and its Keras class where the problem is one layer's. The id of each refusal
 * is chosen where it is raised.
 */
final class ConfigJson {
  private final String source;

  ConfigJson(String source) {
    this.source = source;
  }

  /** The file (or archive entry) the config came from. */
  String source() {
    return source;
  }

  /** A refusal about the whole file or model. */
  KerasFormatException refuse(Diagnostic code, String message) {
    return new KerasFormatException(code, source, null, null, message);
  }

  /** A refusal about the layer {@code layer} of Keras class {@code cls}. */
  KerasFormatException refuse(Diagnostic code, String layer, String cls, String message) {
    return new KerasFormatException(code, source, layer, cls, message);
  }

  /**
   * {@code o} as a JSON object; a {@link Diagnostic#FORMAT} refusal naming {@code what} otherwise.
   */
  Map<String, Object> map(Object o, String what) {
    return map(o, what, null, null);
  }

  /** {@code o} as a JSON object of the layer {@code layer} (null: of no one layer). */
  @SuppressWarnings("unchecked")
  Map<String, Object> map(Object o, String what, String layer, String cls) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw refuse(
        Diagnostic.FORMAT, layer, cls, "expected an object for " + what + ", got " + show(o));
  }

  /**
   * {@code o} as a JSON list; a {@link Diagnostic#FORMAT} refusal naming {@code what} otherwise.
   */
  List<Object> list(Object o, String what) {
    return list(o, what, null, null);
  }

  /** {@code o} as a JSON list of the layer {@code layer} (null: of no one layer). */
  @SuppressWarnings("unchecked")
  List<Object> list(Object o, String what, String layer, String cls) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw refuse(Diagnostic.FORMAT, layer, cls, "expected a list for " + what + ", got " + show(o));
  }

  /** {@code o} if it is a string, else null. */
  static String string(Object o) {
    return o instanceof String s ? s : null;
  }

  /** The number at {@code key}, or {@code dflt} when there is none. */
  static double number(Map<?, ?> c, String key, double dflt) {
    return c.get(key) instanceof Number n ? n.doubleValue() : dflt;
  }

  /**
   * A JSON value as messages show it: Python's {@code None}, quoted strings, {@code
   * ClassName{config}}.
   */
  static String show(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Map<?, ?> m && m.get("class_name") != null) {
      return m.get("class_name") + (m.get("config") == null ? "" : String.valueOf(m.get("config")));
    }
    return String.valueOf(v);
  }
}
