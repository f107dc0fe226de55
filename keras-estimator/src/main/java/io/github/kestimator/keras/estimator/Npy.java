package io.github.kestimator.keras.estimator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} files: reads format versions 1, 2 and 3 with dtypes {@code <f4}, {@code
 * <f8}, {@code <i4}, {@code <i8} and {@code <U<n>} (numpy's strings, {@code np.array(["a", "b"])})
 * in C order, writes version 1 {@code <f4} and {@code <i4}. Values come back as float32, int32 or
 * strings with their shape; float64 narrows to float32, int64 to int32 (failing, naming the value,
 * when it does not fit). A header that is truncated, has a negative, non-numeric or overflowing
 * dimension, or more than {@link #MAX_VALUES} values is refused naming the file.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Largest array read (values). */
  public static final long MAX_VALUES = 1L << 28;

  private Npy() {}

  /**
   * An array read from a {@code .npy} file.
   *
   * @param floats the values for float dtypes, else null
   * @param ints the values for integer dtypes, else null
   * @param strings the values of a string array ({@code <U<n>}, trailing NULs dropped as numpy
   *     does), else null
   */
  public record Array(int[] shape, float[] floats, int[] ints, String[] strings) {
    /** A numeric array. */
    public Array(int[] shape, float[] floats, int[] ints) {
      this(shape, floats, ints, null);
    }

    public boolean isString() {
      return strings != null;
    }

    /** Example {@code row}'s values (string arrays only). */
    public String[] stringRow(int row) {
      int n = rowSize();
      return Arrays.copyOfRange(strings, row * n, row * n + n);
    }

    /** Examples: the first dimension (1 for a scalar). */
    public int rows() {
      return shape.length == 0 ? 1 : shape[0];
    }

    /** Values per example: the product of all but the first dimension. */
    public int rowSize() {
      int n = 1;
      for (int i = 1; i < shape.length; i++) {
        n *= shape[i];
      }
      return n;
    }

    /** Every value as floats. */
    public float[] floatRowsAll() {
      if (floats != null) {
        return floats;
      }
      float[] f = new float[ints.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = ints[i];
      }
      return f;
    }

    public boolean isInt() {
      return ints != null;
    }

    /** Example {@code row}'s values as floats. */
    public float[] floatRow(int row) {
      int n = rowSize();
      if (floats != null) {
        return Arrays.copyOfRange(floats, row * n, row * n + n);
      }
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = ints[row * n + i];
      }
      return f;
    }

    /** Example {@code row}'s values as ints (integer arrays only). */
    public int[] intRow(int row) {
      int n = rowSize();
      return Arrays.copyOfRange(ints, row * n, row * n + n);
    }
  }

  public static Array read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(8);
      if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
        throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
      }
      int major = magic[6];
      int headerLen;
      if (major == 1) {
        byte[] b = in.readNBytes(2);
        if (b.length < 2) {
          throw new IOException(
              file + ": truncated .npy header (the file ends in its length field)");
        }
        headerLen = (b[0] & 0xff) | (b[1] & 0xff) << 8;
      } else if (major == 2 || major == 3) {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
          throw new IOException(
              file + ": truncated .npy header (the file ends in its length field)");
        }
        headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
      } else {
        throw new IOException(
            file + ": .npy format version " + major + " is not supported (1, 2, 3 are)");
      }
      if (headerLen < 0 || headerLen > 1 << 20) {
        throw new IOException(file + ": .npy header length " + headerLen + " is not plausible");
      }
      byte[] headerBytes = in.readNBytes(headerLen);
      if (headerBytes.length < headerLen) {
        throw new IOException(file + ": truncated .npy header");
      }
      String header =
          new String(
              headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      String descr = group(DESCR, header, file, "descr");
      if ("True".equals(group(ORDER, header, file, "fortran_order"))) {
        throw new IOException(
            file + ": Fortran-order arrays are not supported; save with np.ascontiguousarray");
      }
      String shapeText = group(SHAPE, header, file, "shape");
      List<Integer> dims = new ArrayList<>();
      long count = 1;
      for (String d : shapeText.split(",")) {
        if (!d.isBlank()) {
          long v;
          try {
            v = Long.parseLong(d.trim());
          } catch (NumberFormatException e) {
            throw new IOException(
                file + ": .npy shape (" + shapeText + ") has '" + d.trim() + "', not a dimension");
          }
          if (v < 0) {
            throw new IOException(
                file + ": .npy shape (" + shapeText + ") has a negative dimension " + v);
          }
          if (v > MAX_VALUES) {
            throw new IOException(
                file
                    + ": .npy shape ("
                    + shapeText
                    + ") has the dimension "
                    + v
                    + ", more than the "
                    + MAX_VALUES
                    + " values an array may have here");
          }
          count =
              Math.min(count * v, MAX_VALUES + 1); // both factors <= MAX_VALUES + 1: no overflow
          dims.add((int) v);
        }
      }
      if (count > MAX_VALUES) {
        throw new IOException(
            file
                + ": .npy shape ("
                + shapeText
                + ") holds more than the "
                + MAX_VALUES
                + " values an array may have here");
      }
      int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
      int chars = unicodeWidth(descr);
      if (chars > 0 && (long) chars * count > MAX_VALUES) {
        throw new IOException(
            file
                + ": .npy strings of "
                + chars
                + " characters, "
                + count
                + " of them: more than the "
                + MAX_VALUES
                + " characters an array may have here");
      }
      int width =
          switch (descr) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            default -> {
              if (chars > 0) {
                yield 4 * chars;
              }
              throw new IOException(
                  file
                      + ": dtype '"
                      + descr
                      + "' is not supported; supported: <f4, <f8, <i4, <i8, <U<n> (strings)");
            }
          };
      byte[] data = in.readNBytes((int) (count * width));
      if (data.length < count * width) {
        throw new IOException(
            file + ": truncated .npy data: " + data.length + " of " + count * width + " bytes");
      }
      ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      int n = (int) count;
      if (chars > 0) {
        return new Array(shape, null, null, strings(file, buf, n, chars));
      }
      switch (descr) {
        case "<f4" -> {
          float[] f = new float[n];
          buf.asFloatBuffer().get(f);
          return new Array(shape, f, null);
        }
        case "<f8" -> {
          float[] f = new float[n];
          for (int i = 0; i < n; i++) {
            f[i] = (float) buf.getDouble();
          }
          return new Array(shape, f, null);
        }
        case "<i4" -> {
          int[] v = new int[n];
          buf.asIntBuffer().get(v);
          return new Array(shape, null, v);
        }
        default -> {
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            long x = buf.getLong();
            if (x != (int) x) {
              throw new IOException(
                  file
                      + ": value "
                      + x
                      + " at index "
                      + i
                      + " of this int64 array does not fit in"
                      + " int32, which the model's integer inputs take");
            }
            v[i] = (int) x;
          }
          return new Array(shape, null, v);
        }
      }
    }
  }

  /** The characters of a {@code <U<n>} dtype, or 0 for any other dtype. */
  private static int unicodeWidth(String descr) {
    if (descr.length() > 2 && descr.startsWith("<U")) {
      try {
        int n = Integer.parseInt(descr.substring(2));
        return n > 0 ? n : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** {@code n} strings of {@code chars} UTF-32LE code points each, NUL-padded. */
  private static String[] strings(Path file, ByteBuffer buf, int n, int chars) throws IOException {
    String[] out = new String[n];
    int[] cps = new int[chars];
    for (int i = 0; i < n; i++) {
      int len = 0;
      for (int c = 0; c < chars; c++) {
        cps[c] = buf.getInt();
        if (cps[c] != 0) {
          len = c + 1;
        }
        if (!Character.isValidCodePoint(cps[c])) {
          throw new IOException(
              file
                  + ": string "
                  + i
                  + " holds "
                  + Integer.toHexString(cps[c])
                  + ", not a character");
        }
      }
      out[i] = new String(cps, 0, len);
    }
    return out;
  }

  /**
   * Writes {@code a} as a version 1 {@code .npy} file: {@code <f4}, or {@code <i4} for an integer
   * array.
   */
  public static void write(Path file, Array a) throws IOException {
    if (a.isString()) {
      throw new IllegalArgumentException(file + ": Npy writes numeric arrays only, not strings");
    }
    if (a.isInt()) {
      ByteBuffer body = ByteBuffer.allocate(a.ints().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      body.asIntBuffer().put(a.ints());
      write(file, a.shape(), "<i4", body.array());
    } else {
      write(file, a.shape(), a.floats());
    }
  }

  /** Writes float32 values of {@code shape} as a version 1 {@code .npy} file. */
  public static void write(Path file, int[] shape, float[] values) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.asFloatBuffer().put(values);
    write(file, shape, "<f4", body.array());
  }

  private static void write(Path file, int[] shape, String descr, byte[] body) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    if (shape.length > 1) {
      dims.setLength(dims.length() - 1);
    }
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': False, 'shape': ("
            + dims.toString().stripTrailing()
            + "), }";
    int total = MAGIC.length + 4 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(MAGIC);
      out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
      out.write(header.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
    }
  }

  private static String group(Pattern p, String header, Path file, String key) throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(file + ": .npy header has no '" + key + "': " + header.trim());
    }
    return m.group(1);
  }
}
