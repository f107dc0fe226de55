package io.github.kestimator.maven;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * Reads the column names of a data file without TensorFlow: a CSV header, or the feature keys of
 * the {@code tf.train.Example} records in a TFRecord file (record framing with masked CRC32C
 * checks, plus a minimal protobuf wire-format scan of {@code Example.features.feature}).
 */
public final class DataColumns {
  /** Records scanned in a TFRecord file; their keys are united. */
  public static final int MAX_RECORDS = 1000;

  /** Largest single record accepted. */
  static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;

  private DataColumns() {}

  /**
   * Whether the file is read as TFRecord ({@code .tfrecord}, {@code .tfrecords}, optionally {@code
   * .gz}).
   */
  public static boolean isTfRecord(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".tfrecord")
        || n.endsWith(".tfrecords")
        || n.endsWith(".tfrecord.gz")
        || n.endsWith(".tfrecords.gz");
  }

  /** The columns of a CSV or TFRecord file, in file order. */
  public static List<String> read(Path file) throws IOException {
    return isTfRecord(file) ? tfRecordKeys(file) : csvHeader(file);
  }

  /**
   * The first line of a CSV file, split on commas (double quotes honored, BOM and spaces trimmed).
   */
  public static List<String> csvHeader(Path file) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      if (line == null) {
        throw new IOException("the file is empty; expected a header line with the column names");
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = !quoted;
          }
        } else if (c == ',' && !quoted) {
          out.add(cur.toString().trim());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      out.add(cur.toString().trim());
      return out;
    }
  }

  /** The union of the feature keys of the first {@link #MAX_RECORDS} {@code tf.train.Example}s. */
  public static List<String> tfRecordKeys(Path file) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    try (DataInputStream in = new DataInputStream(open(file))) {
      byte[] header = new byte[12];
      for (int record = 0; record < MAX_RECORDS; record++) {
        int n = in.readNBytes(header, 0, 12);
        if (n == 0) {
          break;
        }
        if (n < 12) {
          throw new IOException("record " + record + " is truncated; not a TFRecord file");
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = b.getLong(0);
        if (b.getInt(8) != maskedCrc(header, 0, 8)) {
          throw new IOException(
              "record " + record + " has a bad length checksum; not a TFRecord file");
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
          throw new IOException(
              "record " + record + " claims " + length + " bytes; not a TFRecord file");
        }
        byte[] data = new byte[(int) length];
        try {
          in.readFully(data);
          int crc = Integer.reverseBytes(in.readInt());
          if (crc != maskedCrc(data, 0, data.length)) {
            throw new IOException("record " + record + " has a bad data checksum");
          }
        } catch (EOFException e) {
          throw new IOException("record " + record + " is truncated", e);
        }
        exampleKeys(data, keys);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Example { Features features = 1; } Features { map<string, Feature> feature = 1; } entry { key =
   * 1; value = 2; }
   */
  static void exampleKeys(byte[] example, Set<String> keys) throws IOException {
    for (Field features : fields(example, 0, example.length)) {
      if (features.number == 1 && features.wireType == 2) {
        for (Field entry : fields(example, features.start, features.end)) {
          if (entry.number == 1 && entry.wireType == 2) {
            for (Field kv : fields(example, entry.start, entry.end)) {
              if (kv.number == 1 && kv.wireType == 2) {
                keys.add(new String(example, kv.start, kv.end - kv.start, StandardCharsets.UTF_8));
              }
            }
          }
        }
      }
    }
  }

  private record Field(int number, int wireType, int start, int end) {}

  /**
   * The fields of a message between start and end; for length-delimited ones start/end bound the
   * payload.
   */
  private static List<Field> fields(byte[] b, int start, int end) throws IOException {
    List<Field> out = new ArrayList<>();
    int[] pos = {start};
    while (pos[0] < end) {
      long tag = varint(b, pos, end);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> varint(b, pos, end);
        case 1 -> pos[0] += 8;
        case 5 -> pos[0] += 4;
        case 2 -> {
          long len = varint(b, pos, end);
          if (len < 0 || pos[0] + len > end) {
            throw new IOException(
                "malformed tf.train.Example (length " + len + " overruns the message)");
          }
          out.add(new Field(number, wire, pos[0], (int) (pos[0] + len)));
          pos[0] += (int) len;
        }
        default -> throw new IOException("malformed tf.train.Example (wire type " + wire + ")");
      }
      if (pos[0] > end) {
        throw new IOException("malformed tf.train.Example (field overruns the message)");
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos, int end) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= end) {
        throw new IOException("malformed tf.train.Example (truncated varint)");
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("malformed tf.train.Example (varint too long)");
  }

  /** TFRecord's masked CRC32C. */
  static int maskedCrc(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
        ? new GZIPInputStream(in)
        : in;
  }
}
