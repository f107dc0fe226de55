package io.github.kestimator.runtime.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the records of an uncompressed TFRecord file (see {@link TfRecordWriter}), checking both
 * CRCs of every record. A truncated or corrupt record is an {@link InputException} naming the file
 * and the record's byte offset. Not thread-safe.
 */
public final class TfRecordReader implements Iterator<byte[]>, AutoCloseable {
  private final Path file;
  private final InputStream in;
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private long position;
  private long recordOffset = -1;
  private int recordIndex = -1;
  private byte[] next;
  private boolean done;

  /** The file's size when it was opened: no record can be longer than what is left of it. */
  private final long fileSize;

  private TfRecordReader(Path file, InputStream in, long fileSize) {
    this.file = file;
    this.in = in;
    this.fileSize = fileSize;
  }

  public static TfRecordReader open(Path file) {
    try {
      return new TfRecordReader(
          file, new BufferedInputStream(Files.newInputStream(file), 1 << 16), Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open TFRecord file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every record of {@code file}. */
  public static List<byte[]> readAll(Path file) {
    List<byte[]> records = new ArrayList<>();
    try (TfRecordReader r = open(file)) {
      r.forEachRemaining(records::add);
    }
    return records;
  }

  public Path file() {
    return file;
  }

  /** Byte offset of the record last returned by {@link #next()}. */
  public long recordOffset() {
    return recordOffset;
  }

  /** Index (from 0) of the record last returned by {@link #next()}. */
  public int recordIndex() {
    return recordIndex;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      next = read();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no more records");
    }
    byte[] r = next;
    next = null;
    return r;
  }

  /** The next record, or null at a clean end of file. */
  private byte[] read() {
    long offset = position;
    int n = readFully(header, header.length);
    if (n == 0) {
      return null;
    }
    if (n < header.length) {
      throw truncated(offset, "a 12-byte record header", n);
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = h.getLong(0);
    if (h.getInt(8) != MaskedCrc32c.masked(header, 0, 8)) {
      throw new InputException(
          file
              + ": corrupt record at byte offset "
              + offset
              + ": the CRC of its length does not match"
              + " (not a TFRecord file, or damaged)");
    }
    if (length >= 0 && length > fileSize - position - footer.length) {
      // a length field with a valid CRC can still lie: never allocate more than the file holds
      throw truncated(
          offset,
          length + " data bytes and a 4-byte CRC",
          (int) Math.min(Integer.MAX_VALUE, Math.max(0, fileSize - position)));
    }
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw new InputException(
          file
              + ": record at byte offset "
              + offset
              + " claims "
              + Long.toUnsignedString(length)
              + " bytes, more than a Java array holds");
    }
    byte[] data = new byte[(int) length];
    int got = readFully(data, data.length);
    if (got < data.length) {
      throw truncated(offset, length + " data bytes", got);
    }
    got = readFully(footer, footer.length);
    if (got < footer.length) {
      throw truncated(offset, "the 4-byte CRC after " + length + " data bytes", got);
    }
    if (ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt()
        != MaskedCrc32c.masked(data, 0, data.length)) {
      throw new InputException(
          file
              + ": corrupt record at byte offset "
              + offset
              + ": the CRC of its "
              + length
              + " data bytes does not match");
    }
    recordOffset = offset;
    recordIndex++;
    return data;
  }

  private InputException truncated(long offset, String expected, int got) {
    return new InputException(
        file
            + ": truncated record at byte offset "
            + offset
            + ": expected "
            + expected
            + ", the file ends after "
            + got);
  }

  private int readFully(byte[] buf, int len) {
    try {
      int n = in.readNBytes(buf, 0, len);
      position += n;
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " at byte offset " + position + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
