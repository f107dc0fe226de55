package io.github.kestimator.processor;

import io.github.kestimator.model.Diagnostic;
import io.github.kestimator.model.LayerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads a layer's {@code vocabularyResource} when the model is compiled, so that the tokens go into
 * the model description like a {@code vocabulary} written inline and the runtime needs no resource.
 * The resource is looked up relative to the model class's package (absolute with a leading {@code
 * /}) on the class path (Maven copies {@code src/main/resources} there before compiling), then the
 * class output and the source path. One token per line, UTF-8; a final newline and {@code \r} line
 * ends are dropped; for {@code @IntegerLookup} every line is an integer.
 */
final class VocabularyResources {
  private static final List<StandardLocation> LOCATIONS =
      List.of(
          StandardLocation.CLASS_PATH, StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_PATH);

  private final Filer filer;

  VocabularyResources(Filer filer) {
    this.filer = filer;
  }

  /** A vocabulary that cannot be read: the message says which resource and why. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(Diagnostic.VOCABULARY_RESOURCE.format(message), null, false, false);
    }
  }

  /** The tokens of {@code resource}, Strings or (IntegerLookup) Longs. */
  List<Object> read(LayerKind kind, String layer, String packageName, String resource)
      throws Unreadable {
    String pkg = resource.startsWith("/") ? "" : packageName;
    String relative = resource.startsWith("/") ? resource.substring(1) : resource;
    String where = "vocabularyResource \"" + resource + "\" of layer '" + layer + "'";
    byte[] bytes = null;
    for (StandardLocation location : LOCATIONS) {
      try {
        FileObject f = filer.getResource(location, pkg, relative);
        try (InputStream in = f.openInputStream()) {
          bytes = in.readAllBytes();
          break;
        }
      } catch (IOException | IllegalArgumentException e) {
        // not in this location: try the next
      }
    }
    if (bytes == null) {
      throw new Unreadable(
          where
              + " is not on the class path"
              + (pkg.isEmpty() ? "" : " in package " + pkg)
              + ": put it in src/main/resources/"
              + (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/")
              + relative
              + " (a leading / makes the name absolute)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable(where + " is not UTF-8 text");
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty() && text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    }
    List<Object> tokens = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line =
          lines.get(i).endsWith("\r")
              ? lines.get(i).substring(0, lines.get(i).length() - 1)
              : lines.get(i);
      if (kind == LayerKind.INTEGER_LOOKUP) {
        try {
          tokens.add(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
          throw new Unreadable(
              where
                  + " line "
                  + (i + 1)
                  + " is \""
                  + line
                  + "\", not an integer: an IntegerLookup's"
                  + " vocabulary holds one integer per line");
        }
      } else {
        tokens.add(line);
      }
    }
    if (tokens.isEmpty()) {
      throw new Unreadable(where + " is empty: give one token per line");
    }
    return tokens;
  }
}
