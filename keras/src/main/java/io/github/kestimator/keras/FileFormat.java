package io.github.kestimator.keras;

import io.github.kestimator.model.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a Keras file is, told by its first bytes, not its name: an HDF5 file ({@code
 * model.save("x.h5")}, {@code save_weights}) starts with {@code \x89HDF\r\n\x1a\n}, a {@code
 * .keras} archive with the zip signature {@code PK\x03\x04}; anything else is read as JSON ({@code
 * model.to_json()}). Keras writes either format under either name (an HDF5 saved as {@code
 * model.keras} is common), so the name only words the error for a file that is neither.
 */
enum FileFormat {
  HDF5,
  ZIP,
  JSON;

  static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

  /**
   * The format of {@code file}; a {@code .h5} / {@code .keras} name with neither signature fails
   * naming the file.
   */
  static FileFormat of(Path file) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 8);
    }
    if (n == 8 && Arrays.equals(head, HDF5_SIGNATURE)) {
      return HDF5;
    }
    if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_SIGNATURE)) {
      return ZIP;
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".h5")
        || lower.endsWith(".hdf5")
        || lower.endsWith(".keras")
        || lower.endsWith(".zip")) {
      throw new KerasFormatException(
          Diagnostic.FORMAT,
          file.toString(),
          null,
          null,
          "not an HDF5 file (no HDF5 signature at"
              + " its start"
              + (n < 8 ? "; the file has only " + n + " bytes" : "")
              + ")"
              + (lower.endsWith(".keras") || lower.endsWith(".zip")
                  ? " nor a zip archive (no zip signature)"
                  : ""));
    }
    return JSON;
  }
}
