package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The entries of a Keras 3 {@code .keras} zip archive, read into memory and never extracted to
 * disk: {@code config.json}, {@code metadata.json} and {@code model.weights.h5}. Entries with
 * {@code ..}, absolute or drive paths are refused; the number of entries, the bytes decompressed
 * per entry ({@link #MAX_WEIGHTS_BYTES}) and their ratio to the compressed bytes ({@link
 * #MAX_RATIO}) are capped, so a zip bomb fails fast instead of filling memory.
 *
 * @param metadata the {@code metadata.json} text, or null when absent
 * @param weights the {@code model.weights.h5} bytes, or null when absent or not asked for
 */
record KerasArchive(
    String config, String metadata, byte[] weights, Map<String, byte[]> vocabularies) {
  /** Largest {@code model.weights.h5} read from an archive. */
  static final int MAX_WEIGHTS_BYTES = 1 << 30;

  /**
   * How much larger than its compressed bytes an entry may decompress, once past {@link
   * #RATIO_FREE_BYTES}. Keras stores its archives uncompressed (ratio 1) and float weights deflate
   * by well under 2x; a zip bomb expands 1000x and more.
   */
  static final int MAX_RATIO = 20;

  /**
   * An entry may always decompress to this much, whatever its ratio (small configs compress well).
   */
  static final int RATIO_FREE_BYTES = 16 << 20;

  static KerasArchive read(InputStream archive, String source, boolean withWeights)
      throws IOException {
    String config = null;
    String metadata = null;
    byte[] weights = null;
    Map<String, byte[]> vocabularies = new java.util.LinkedHashMap<>();
    CountingInputStream raw = new CountingInputStream(archive);
    try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
      ZipEntry e;
      int entries = 0;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        raw.mark();
        if (++entries > KerasConfigReader.MAX_ARCHIVE_ENTRIES) {
          throw new KerasFormatException(
              Diagnostic.FORMAT,
              source,
              null,
              null,
              "archive has more than "
                  + KerasConfigReader.MAX_ARCHIVE_ENTRIES
                  + " entries; not a Keras model archive");
        }
        if (name.startsWith("/")
            || name.startsWith("\\")
            || name.contains("..")
            || name.contains(":")) {
          throw new KerasFormatException(
              Diagnostic.FORMAT,
              source,
              null,
              null,
              "archive entry '" + name + "' has an unsafe path; refusing to read the archive");
        }
        switch (name) {
          case "config.json" ->
              config =
                  new String(
                      readCapped(zip, raw, source, name, KerasConfigReader.MAX_CONFIG_BYTES),
                      StandardCharsets.UTF_8);
          case "metadata.json" ->
              metadata =
                  new String(
                      readCapped(zip, raw, source, name, KerasConfigReader.MAX_CONFIG_BYTES),
                      StandardCharsets.UTF_8);
          case "model.weights.h5" -> {
            if (withWeights) {
              weights = readCapped(zip, raw, source, name, MAX_WEIGHTS_BYTES);
            }
          }
          default -> {
            if (name.startsWith("assets/") && name.endsWith("/vocabulary.txt")) {
              vocabularies.put(
                  name, readCapped(zip, raw, source, name, KerasConfigReader.MAX_CONFIG_BYTES));
            }
          }
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          null,
          null,
          "not a readable zip archive (truncated or" + " corrupt?): " + ex.getMessage());
    }
    if (config == null) {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          source,
          null,
          null,
          "no config.json in the archive; a .keras file"
              + " saved by Keras 3 has config.json, metadata.json and model.weights.h5");
    }
    return new KerasArchive(config, metadata, weights, Map.copyOf(vocabularies));
  }

  /**
   * The entry's bytes, refused once they pass {@code max}, or once past {@link #RATIO_FREE_BYTES}
   * they are more than {@link #MAX_RATIO} times the compressed bytes read for them: memory stays
   * bounded by the size of the file, not by what a hostile archive claims.
   */
  private static byte[] readCapped(
      InputStream in, CountingInputStream raw, String source, String entry, int max)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      long size = out.size() + (long) n;
      if (size > max) {
        throw new KerasFormatException(
            Diagnostic.FORMAT,
            source + "!/" + entry,
            null,
            null,
            "entry is larger than " + max + " bytes once decompressed; refusing to read it");
      }
      if (size > RATIO_FREE_BYTES && size > MAX_RATIO * Math.max(1, raw.sinceMark())) {
        throw new KerasFormatException(
            Diagnostic.FORMAT,
            source + "!/" + entry,
            null,
            null,
            "entry decompresses to more than "
                + MAX_RATIO
                + " times its "
                + raw.sinceMark()
                + " compressed bytes ("
                + size
                + " bytes so far): a zip bomb,"
                + " not a Keras archive; refusing to read it");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Counts the bytes read from the archive file, so an entry's compressed size is known from what
   * was read.
   */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private long count;
    private long mark;

    CountingInputStream(InputStream in) {
      super(in);
    }

    void mark() {
      mark = count;
    }

    long sinceMark() {
      return count - mark;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }
}
