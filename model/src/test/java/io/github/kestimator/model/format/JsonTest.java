package io.github.kestimator.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesWhatItParsesBack() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("z", 1L);
    value.put(
        "a",
        List.of(0.5, 1.0E-7, 3.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    value.put(
        "s", "quote \" backslash \\ tab \t newline \n bell \u0007 e-acute \u00e9 snowman \u2603");
    value.put("t", true);
    value.put("n", null);
    value.put("nested", Map.of("empty", List.of()));
    String text = Json.write(value);
    assertEquals(
        "{\"z\":1,\"a\":[0.5,1.0E-7,3.0,NaN,Infinity,-Infinity],\"s\":\"quote \\\" backslash \\\\ tab \\t newline"
            + " \\n bell \\u0007 e-acute \\u00e9 snowman \\u2603\",\"t\":true,\"n\":null,\"nested\":{\"empty\":[]}}",
        text);
    assertEquals(value, Json.parse(text));
    assertEquals(text.length(), text.chars().filter(c -> c < 0x80).count(), "ASCII only");
  }

  @Test
  void numbersParseBackAsTheKindTheyWere() {
    assertEquals(
        List.of(7L, 7L, 7L, 7.0, 7.0, (double) 0.1f),
        Json.parse(Json.write(List.of(7, (short) 7, 7L, 7.0, 7.0f, 0.1f))));
    assertEquals((Object) 123_456_789_012L, Json.parse(Json.write(123_456_789_012L)));
  }

  @Test
  void otherValuesAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Arrays.asList('c'))));
    assertEquals("cannot write c (java.lang.Character) as JSON", e.getMessage());
  }
}
