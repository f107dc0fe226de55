package io.github.kestimator.runtime.layers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Vocabulary files. A <em>vocabulary</em> file is what Keras writes into a {@code .keras} archive
 * ({@code assets/.../vocabulary.txt}) and what kestimator keeps in the model dir: UTF-8, line
 * {@code i} the token of index {@code i}, exactly Keras' {@code get_vocabulary()} (mask and OOV
 * tokens first), joined by {@code "\n"} with no trailing newline. A <em>token</em> file, which
 * lookup tables are filled from ({@link IndexLookupOps}), holds the tokens after the special ones,
 * one per line with a final newline. Tokens cannot contain a line break (neither file could hold
 * it) nor be repeated; bad files are errors naming the layer and the file.
 */
public final class VocabularyFile {
  private VocabularyFile() {}

  /** The tokens of a vocabulary file (Keras' reading: trailing empty lines dropped). */
  public static List<String> read(String layer, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(
          "layer '" + layer + "': vocabulary file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "layer '" + layer + "': cannot read vocabulary file " + file + ": " + e.getMessage(), e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(
          "layer '" + layer + "': vocabulary file " + file + " is not UTF-8 text", e);
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Writes {@code vocabulary} as Keras does (joined by "\n", no trailing newline). */
  public static void write(String layer, Path file, List<String> vocabulary) {
    check(layer, file, vocabulary, 0);
    writeText(file, String.join("\n", vocabulary));
  }

  /**
   * Writes the token file of {@code vocabulary}: its entries from {@code tokenStart} on.
   *
   * @throws IllegalStateException naming the layer and file when a token repeats or holds a line
   *     break
   */
  public static void writeTokens(String layer, Path file, List<String> vocabulary, int tokenStart) {
    List<String> tokens =
        vocabulary.subList(Math.min(tokenStart, vocabulary.size()), vocabulary.size());
    check(layer, file, tokens, tokenStart);
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      b.append(t).append('\n');
    }
    writeText(file, b.toString());
  }

  private static void check(String layer, Path file, List<String> tokens, int offset) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
        throw new IllegalStateException(
            "layer '"
                + layer
                + "': token "
                + (i + offset)
                + " of the vocabulary for "
                + file
                + " holds a line break; vocabulary files keep one token per line");
      }
      if (offset > 0 && !seen.add(t)) {
        throw new IllegalStateException(
            "layer '"
                + layer
                + "': token '"
                + t
                + "' appears twice in the vocabulary for "
                + file
                + " (index "
                + (i + offset)
                + "); Keras refuses repeated tokens too");
      }
    }
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
