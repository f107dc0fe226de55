package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's tables of initializers and constraints name every {@link InitializerType} and {@link
 * ConstraintType} with Keras' class name and each argument with its Keras default.
 */
class InitializerTableTest {
  private static final Path README =
      Path.of("..").toAbsolutePath().normalize().resolve("README.md");

  /** The table that starts with {@code header}, one string per row. */
  private static List<String> table(String header) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(header);
    assertTrue(start >= 0, "README.md has no table starting " + header);
    return readme.substring(start).lines().takeWhile(l -> l.startsWith("|")).toList();
  }

  private static void assertRow(List<String> rows, String type, String keras, List<ParamDef> defs) {
    String row =
        rows.stream()
            .filter(r -> r.contains("`" + type + "`"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README's table has no row for " + type));
    assertTrue(row.contains("`" + keras + "`"), type + ": " + keras + " in " + row);
    for (ParamDef d : defs) {
      Object def = d.defaultValue();
      String written =
          d.name().equals("seed")
              ? "`seed`"
              : "`"
                  + d.name()
                  + "` "
                  + (def instanceof List<?> l && l.size() == 1 ? l.get(0) : def);
      assertTrue(row.contains(written), type + ": " + written + " in " + row);
    }
  }

  @Test
  void readmeListsEveryInitializerAndConstraintWithItsDefaults() throws IOException {
    List<String> initializers =
        table("| `@Initializer(value)` | Keras | its arguments: Keras default (range) |");
    for (InitializerType t : InitializerType.values()) {
      assertRow(initializers, t.name(), t.kerasName(), t.params());
    }
    List<String> constraints =
        table(
            "| `@Constraint(value)` | Keras | its arguments: Keras default (range); applied after every"
                + " update |");
    for (ConstraintType t : ConstraintType.values()) {
      if (t != ConstraintType.NONE) {
        assertRow(constraints, t.name(), t.kerasName(), t.params());
      }
    }
  }
}
