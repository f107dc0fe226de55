package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real configs with one or two of their values replaced by another JSON value (None, a number, a
 * string, an empty or odd list or object) either read or are refused with a {@link
 * KerasFormatException}: never a {@link NullPointerException} or {@link ClassCastException} from a
 * value of an unexpected type. The replacements are drawn from a fixed seed, so a failure repeats.
 */
class MutatedConfigsTest {
  private static final int VARIANTS = 150;

  private static final Object[] VALUES = {
    null,
    0L,
    -1L,
    1.5,
    "x",
    true,
    List.of(),
    Map.of(),
    Arrays.asList((Object) null),
    List.of("a", "b"),
    Map.of("class_name", 5L),
    Map.of("class_name", "Dense")
  };

  static Stream<Arguments> configs() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String f :
        List.of(
            "mnist_cnn_keras2.json",
            "sentiment_keras2.json",
            "sentiment_keras3.json",
            "two_inputs_keras2.json",
            "two_inputs_keras3.json")) {
      out.add(Arguments.of(f, Files.readString(Fixtures.keras(f))));
    }
    List<String> defaults = Files.readAllLines(Fixtures.keras("keras3_layer_defaults.jsonl"));
    for (int i = 0; i < defaults.size(); i++) {
      if (!defaults.get(i).isBlank()) {
        out.add(Arguments.of("keras3_layer_defaults.jsonl:" + (i + 1), defaults.get(i)));
      }
    }
    for (KerasFixtures.ModelFixture f : KerasFixtures.models()) {
      out.add(Arguments.of(f.name() + "/model.json", Files.readString(f.json())));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void readsOrIsRefusedWithAKerasFormatException(String name, String json) {
    Object doc = Json.parse(json);
    Random random = new Random(name.hashCode());
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < VARIANTS; i++) {
      Object variant = copy(doc);
      for (int n = 0; n < 1 + random.nextInt(2); n++) {
        replace(
            variant,
            new int[] {random.nextInt(count(variant) - 1)},
            VALUES[random.nextInt(VALUES.length)]);
      }
      String mutated = write(variant);
      try {
        KerasModel m = KerasConfigReader.readJson(mutated, name);
        ModelAnalyzer.analyze(m.toSpec(m.compile()));
      } catch (KerasFormatException e) {
        // a refusal naming the file: what a broken config should get
      } catch (RuntimeException e) {
        // the JVM may leave out the stack trace of an exception it has thrown often
        String where =
            Arrays.stream(e.getStackTrace())
                .findFirst()
                .map(String::valueOf)
                .orElse("(no stack trace)");
        crashes.add(e + " at " + where + " for " + mutated);
      }
    }
    assertTrue(
        crashes.isEmpty(),
        crashes.size() + " crashes, the first: " + (crashes.isEmpty() ? "" : crashes.get(0)));
  }

  private static int count(Object o) {
    int n = 1;
    if (o instanceof Map<?, ?> m) {
      for (Object v : m.values()) {
        n += count(v);
      }
    } else if (o instanceof List<?> l) {
      for (Object v : l) {
        n += count(v);
      }
    }
    return n;
  }

  /**
   * Replaces the {@code at[0]}-th value below {@code o} (in document order) with {@code value};
   * true once done.
   */
  @SuppressWarnings("unchecked")
  private static boolean replace(Object o, int[] at, Object value) {
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        if (at[0]-- == 0) {
          e.setValue(copy(value));
          return true;
        }
        if (replace(e.getValue(), at, value)) {
          return true;
        }
      }
    } else if (o instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        if (at[0]-- == 0) {
          ((List<Object>) l).set(i, copy(value));
          return true;
        }
        if (replace(l.get(i), at, value)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A mutable deep copy of a parsed JSON value. */
  private static Object copy(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach((k, v) -> c.put((String) k, copy(v)));
      return c;
    }
    if (o instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      l.forEach(v -> c.add(copy(v)));
      return c;
    }
    return o;
  }

  private static String write(Object o) {
    if (o instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (o instanceof Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      m.forEach((k, v) -> entries.add(write(k) + ": " + write(v)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (o instanceof List<?> l) {
      return "[" + String.join(", ", l.stream().map(MutatedConfigsTest::write).toList()) + "]";
    }
    return String.valueOf(o); // numbers, booleans, null
  }
}
