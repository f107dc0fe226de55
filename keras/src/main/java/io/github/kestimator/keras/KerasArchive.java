package io.github.kestimator.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The entries of a Keras 3 {@code .keras} zip archive, read into memory and never extracted to
 * disk: {@code config.json}, {@code metadata.json} and {@code model.weights.h5}. Entries with
 * {@code ..}, absolute or drive paths are refused; the number of entries and the bytes decompressed
 * per entry are capped, so a zip bomb fails fast instead of filling memory.
 *
 * @param metadata the {@code metadata.json} text, or null when absent
 * @param weights the {@code model.weights.h5} bytes, or null when absent or not asked for
 */
record KerasArchive(String config, String metadata, byte[] weights) {
  /** Largest {@code model.weights.h5} read from an archive. */
  static final int MAX_WEIGHTS_BYTES = 1 << 30;

  static KerasArchive read(InputStream archive, String source, boolean withWeights) throws IOException {
    String config = null;
    String metadata = null;
    byte[] weights = null;
    try (ZipInputStream zip = new ZipInputStream(archive, StandardCharsets.UTF_8)) {
      ZipEntry e;
      int entries = 0;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        if (++entries > KerasConfigReader.MAX_ARCHIVE_ENTRIES) {
          throw new KerasFormatException("KerasFormat", source, null, null, "archive has more than "
              + KerasConfigReader.MAX_ARCHIVE_ENTRIES + " entries; not a Keras model archive");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("..") || name.contains(":")) {
          throw new KerasFormatException("KerasFormat", source, null, null, "archive entry '" + name
              + "' has an unsafe path; refusing to read the archive");
        }
        switch (name) {
          case "config.json" -> config = new String(readCapped(zip, source, name, KerasConfigReader.MAX_CONFIG_BYTES),
              StandardCharsets.UTF_8);
          case "metadata.json" -> metadata = new String(readCapped(zip, source, name, KerasConfigReader.MAX_CONFIG_BYTES),
              StandardCharsets.UTF_8);
          case "model.weights.h5" -> {
            if (withWeights) {
              weights = readCapped(zip, source, name, MAX_WEIGHTS_BYTES);
            }
          }
          default -> { }
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new KerasFormatException("KerasFormat", source, null, null, "not a readable zip archive (truncated or"
          + " corrupt?): " + ex.getMessage());
    }
    if (config == null) {
      throw new KerasFormatException("KerasFormat", source, null, null, "no config.json in the archive; a .keras file"
          + " saved by Keras 3 has config.json, metadata.json and model.weights.h5");
    }
    return new KerasArchive(config, metadata, weights);
  }

  private static byte[] readCapped(InputStream in, String source, String entry, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + (long) n > max) {
        throw new KerasFormatException("KerasFormat", source + "!/" + entry, null, null, "entry is larger than " + max
            + " bytes once decompressed; refusing to read it");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
