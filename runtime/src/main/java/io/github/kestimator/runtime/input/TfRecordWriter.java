package io.github.kestimator.runtime.input;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a TFRecord file exactly as TensorFlow's {@code RecordWriter} (no compression): per record
 * a little-endian uint64 length, the masked CRC32C of those 8 bytes, the data, and the masked
 * CRC32C of the data. Not thread-safe.
 */
public final class TfRecordWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

  private TfRecordWriter(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Creates (or truncates) {@code file}. */
  public static TfRecordWriter create(Path file) {
    return open(
        file,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  /** Appends to {@code file}, creating it if needed. */
  public static TfRecordWriter append(Path file) {
    return open(
        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static TfRecordWriter open(Path file, StandardOpenOption... options) {
    try {
      return new TfRecordWriter(
          file, new BufferedOutputStream(Files.newOutputStream(file, options), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + " for writing: " + e.getMessage(), e);
    }
  }

  public void write(byte[] data) {
    write(data, 0, data.length);
  }

  public void write(byte[] data, int off, int len) {
    header.clear();
    header.putLong(len);
    header.putInt(MaskedCrc32c.masked(header.array(), 0, 8));
    footer.clear();
    footer.putInt(MaskedCrc32c.masked(data, off, len));
    try {
      out.write(header.array());
      out.write(data, off, len);
      out.write(footer.array());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Pushes buffered records to the file, so that readers (e.g. TensorBoard) see them. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
