package io.github.kestimator.spark;

import io.github.kestimator.model.format.Json;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * A param mapping model tensor names (inputs, or labels) to DataFrame column names, written to JSON
 * as an object so that DefaultParamsWriter saves it with the other params.
 */
final class ColumnMapParam extends Param<Map<String, String>> {
  private static final long serialVersionUID = 1L;

  ColumnMapParam(Params parent, String name, String doc) {
    super(parent, name, doc);
  }

  @Override
  public String jsonEncode(Map<String, String> value) {
    StringBuilder b = new StringBuilder("{");
    new TreeMap<>(value)
        .forEach(
            (k, v) ->
                b.append(b.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
    return b.append('}').toString();
  }

  @Override
  public Map<String, String> jsonDecode(String json) {
    if (!(Json.parse(json) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          "param " + name() + " must be a JSON object of strings, got " + json);
    }
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
