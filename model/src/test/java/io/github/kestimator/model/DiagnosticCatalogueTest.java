package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's table of message ids is {@link Diagnostic}, row for row, and no main source prints an id
 * in brackets by hand (each goes through {@link Diagnostic#format}).
 */
class DiagnosticCatalogueTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern ROW = Pattern.compile("^\\| `\\[(\\w+)\\]` \\| (.*) \\|$");

  @Test
  void readmeTableListsEveryDiagnosticWithItsDoc() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("| id | what it means |");
    assertTrue(start >= 0, "README.md has no '| id | what it means |' table");
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(start).split("\n")) {
      if (!line.startsWith("|")) {
        break;
      }
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.add(m.group(1) + ": " + m.group(2));
      }
    }
    List<String> expected =
        Arrays.stream(Diagnostic.values()).map(d -> d.id() + ": " + d.doc()).toList();
    assertEquals(
        String.join("\n", expected),
        String.join("\n", rows),
        "README's id table and the enum Diagnostic differ: copy the enum's ids and docs into the table, in order");
  }

  @Test
  void idsAreUniqueAndFoundById() {
    for (Diagnostic d : Diagnostic.values()) {
      assertEquals(d, Diagnostic.ofId(d.id()));
      assertEquals("[" + d.id() + "] m", d.format("m"));
    }
  }

  @Test
  void noMainSourceWritesABracketedIdByHand() throws IOException {
    Pattern literal = Pattern.compile("\"\\[(Keras[A-Z]\\w*)\\]");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f :
          files
              .filter(
                  p ->
                      p.toString().endsWith(".java")
                          && p.toString().contains("/src/main/java/")
                          && !p.toString().contains("/target/")
                          && !p.getFileName().toString().equals("Diagnostic.java"))
              .toList()) {
        Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          found.add(ROOT.relativize(f) + ": " + m.group(1));
        }
      }
    }
    assertEquals(
        List.of(), found, "use Diagnostic.X.format(message) instead of writing the id by hand");
  }
}
