package io.github.kestimator.model.format;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's starting weights in a small, dependency-free binary format, so that a model imported
 * from a Keras file at build time warm-starts at run time without an HDF5 reader
 * ({@code @KerasModel(weights = ...)}).
 *
 * <p>The format, all numbers little-endian:
 *
 * <pre>
 * file   = magic "KSTW" (4 bytes), version (int32, 1), count (int32), count * weight
 * weight = layer (string), weight name (string), rank (int32), rank * dim (int32),
 *          product(dims) * value (float32, row-major)
 * string = length in bytes (int32), UTF-8 bytes
 * </pre>
 *
 * <p>Names are Keras 2's: the layer's name and the model's {@link Weight#name()} ({@code kernel},
 * {@code bias}, ...). Nothing follows the last weight.
 */
public final class WeightsFile {
  /** The first four bytes of every weights file. */
  public static final byte[] MAGIC = {'K', 'S', 'T', 'W'};

  /** The only version written and read. */
  public static final int VERSION = 1;

  private static final int MAX_NAME_BYTES = 1 << 16;

  /** One weight: its layer, its name, its shape and its values, row-major. */
  public record Entry(String layer, String weight, int[] shape, float[] values) {
    public Entry {
      long size = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException(
              layer + "/" + weight + ": negative dimension in " + Arrays.toString(shape));
        }
        size *= d;
      }
      if (size != values.length) {
        throw new IllegalArgumentException(
            layer
                + "/"
                + weight
                + ": shape "
                + Arrays.toString(shape)
                + " holds "
                + size
                + " values, got "
                + values.length);
      }
    }
  }

  private final String source;
  private final Map<String, Map<String, Entry>> layers;

  private WeightsFile(String source, Map<String, Map<String, Entry>> layers) {
    this.source = source;
    this.layers = layers;
  }

  /** Where the weights were read from, for messages. */
  public String source() {
    return source;
  }

  /** The weight {@code weight} of layer {@code layer}, or null. */
  public Entry get(String layer, String weight) {
    Map<String, Entry> l = layers.get(layer);
    return l == null ? null : l.get(weight);
  }

  /** Writes {@code entries} in this format. */
  public static void write(List<Entry> entries, OutputStream out) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(MAGIC);
    header.write(ints(VERSION, entries.size()));
    out.write(header.toByteArray());
    for (Entry e : entries) {
      writeString(out, e.layer());
      writeString(out, e.weight());
      int[] head = new int[e.shape().length + 1];
      head[0] = e.shape().length;
      System.arraycopy(e.shape(), 0, head, 1, e.shape().length);
      out.write(ints(head));
      ByteBuffer b = ByteBuffer.allocate(e.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(e.values());
      out.write(b.array());
    }
  }

  /**
   * Reads weights in this format.
   *
   * @param source names the file or resource in messages
   * @throws IllegalArgumentException naming {@code source} when the content is not such a file, is
   *     truncated, has trailing bytes or holds a weight twice
   */
  public static WeightsFile read(InputStream in, String source) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException(
          source + ": not a kestimator weights file (it does not start with \"KSTW\")");
    }
    int version = readInt(in, source, "the version");
    if (version != VERSION) {
      throw new IllegalArgumentException(
          source
              + ": weights file version "
              + version
              + " is not supported (only "
              + VERSION
              + ")");
    }
    int count = readInt(in, source, "the weight count");
    Map<String, Map<String, Entry>> layers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String where = "weight " + (i + 1) + " of " + count;
      String layer = readString(in, source, where);
      String weight = readString(in, source, where);
      where = layer + "/" + weight;
      int rank = readInt(in, source, where);
      if (rank < 0 || rank > 32) {
        throw new IllegalArgumentException(source + ": " + where + " has rank " + rank);
      }
      int[] shape = new int[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = readInt(in, source, where);
        size *= shape[d];
        if (shape[d] < 0 || size > Integer.MAX_VALUE / 4) {
          throw new IllegalArgumentException(
              source + ": " + where + " has an invalid shape " + Arrays.toString(shape));
        }
      }
      byte[] bytes = readFully(in, (int) size * 4, source, where);
      float[] values = new float[(int) size];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      if (layers
              .computeIfAbsent(layer, k -> new LinkedHashMap<>())
              .put(weight, new Entry(layer, weight, shape, values))
          != null) {
        throw new IllegalArgumentException(source + ": holds " + where + " twice");
      }
    }
    if (in.read() != -1) {
      throw new IllegalArgumentException(
          source + ": unexpected bytes after the last of its " + count + " weights");
    }
    return new WeightsFile(source, layers);
  }

  /**
   * Checks that these are exactly {@code model}'s weights: every weight of every layer present with
   * the model's shape, and nothing else.
   *
   * @throws IllegalArgumentException naming the source, the layer, the weight and both shapes
   */
  public void check(Model model) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    layers.forEach((l, ws) -> extra.put(l, new ArrayList<>(ws.keySet())));
    for (Layer layer : model.layers()) {
      List<String> left = extra.get(layer.name());
      for (Weight w : layer.weights()) {
        int[] want = w.shape().dims().stream().mapToInt(Integer::intValue).toArray();
        Entry e = get(layer.name(), w.name());
        if (e == null) {
          problems.add(
              "layer '"
                  + layer.name()
                  + "': weight '"
                  + w.name()
                  + "' "
                  + Arrays.toString(want)
                  + " is missing");
        } else {
          left.remove(w.name());
          if (!Arrays.equals(want, e.shape())) {
            problems.add(
                "layer '"
                    + layer.name()
                    + "': weight '"
                    + w.name()
                    + "' has shape "
                    + Arrays.toString(e.shape())
                    + ", the model expects "
                    + Arrays.toString(want));
          }
        }
      }
    }
    extra.forEach(
        (l, ws) ->
            ws.forEach(
                w ->
                    problems.add(
                        "layer '"
                            + l
                            + "': weight '"
                            + w
                            + "' is not in model '"
                            + model.name()
                            + "'")));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the weights in "
              + source
              + " do not fit model '"
              + model.name()
              + "':\n  "
              + String.join("\n  ", problems));
    }
  }

  private static byte[] ints(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return b.array();
  }

  private static void writeString(OutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(ints(bytes.length));
    out.write(bytes);
  }

  private static int readInt(InputStream in, String source, String where) throws IOException {
    return ByteBuffer.wrap(readFully(in, 4, source, where)).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static String readString(InputStream in, String source, String where) throws IOException {
    int n = readInt(in, source, where);
    if (n < 0 || n > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(source + ": " + where + " has a name of " + n + " bytes");
    }
    return new String(readFully(in, n, source, where), StandardCharsets.UTF_8);
  }

  private static byte[] readFully(InputStream in, int n, String source, String where)
      throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IllegalArgumentException(source + ": ends early, in " + where);
    }
    return b;
  }
}
