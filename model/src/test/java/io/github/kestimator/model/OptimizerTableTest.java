package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * README's table of optimizers is {@link OptimizerType}: each one's own parameters, Keras defaults
 * and ranges.
 */
class OptimizerTableTest {
  private static final Path README =
      Path.of("..").toAbsolutePath().normalize().resolve("README.md");
  private static final String HEADER =
      "| `@Optimizer(value)` | Keras | learning rate and its own parameters: Keras default (range) |";

  /** What every optimizer takes beside learningRate, said once above the table. */
  private static final Set<String> COMMON = Set.of("clipNorm", "clipValue", "decay", "schedule");

  @Test
  void readmeListsEachOptimizersOwnParameters() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(HEADER);
    assertTrue(start >= 0, "README.md has no table starting " + HEADER);
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(start).split("\n")) {
      if (!line.startsWith("|")) {
        break;
      }
      rows.add(line);
    }
    List<String> expected = new ArrayList<>(List.of(HEADER, "|---|---|---|"));
    for (OptimizerType type : OptimizerType.values()) {
      List<String> params = new ArrayList<>();
      for (ParamDef d : type.params()) {
        if (!COMMON.contains(d.name())) {
          params.add(
              "`"
                  + d.name()
                  + "` "
                  + d.defaultValue()
                  + (d.range().isEmpty() ? "" : " (" + d.range() + ")"));
        }
      }
      expected.add(
          "| `"
              + type.name()
              + "` | `"
              + type.kerasName()
              + "` | "
              + String.join(", ", params)
              + " |");
    }
    assertEquals(
        String.join("\n", expected),
        String.join("\n", rows),
        "README's optimizer table and OptimizerType differ: copy each optimizer's parameters into the table, in order");
    for (OptimizerType type : OptimizerType.values()) {
      for (String common : COMMON) {
        assertTrue(
            type.param(common) != null,
            type + " takes " + common + ", as README says every optimizer does");
      }
    }
  }
}
