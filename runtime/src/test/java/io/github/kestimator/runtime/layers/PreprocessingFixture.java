package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One committed fixture of fixtures/keras3/preprocessing/: Keras' layer config, state, inputs and
 * output.
 */
record PreprocessingFixture(
    String name,
    Map<String, Object> layerJson,
    Map<String, Object> inputs,
    List<?> adaptRows,
    long[] outputShape,
    double[] output) {
  static final Path ROOT = locate();

  private static Path locate() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("fixtures/keras3/preprocessing"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "no fixtures/keras3/preprocessing above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("fixtures/keras3/preprocessing");
  }

  @SuppressWarnings("unchecked")
  static PreprocessingFixture load(String name) {
    Path d = ROOT.resolve(name);
    try {
      Map<String, Object> layer =
          (Map<String, Object>) Json.parse(Files.readString(d.resolve("layer.json")));
      Map<String, Object> inputs =
          (Map<String, Object>) Json.parse(Files.readString(d.resolve("inputs.json")));
      List<?> adapt = (List<?>) Json.parse(Files.readString(d.resolve("adapt.json")));
      ByteBuffer b =
          ByteBuffer.wrap(Files.readAllBytes(d.resolve("layer_output.npy")))
              .order(ByteOrder.LITTLE_ENDIAN);
      b.position(8);
      int headerLen = Short.toUnsignedInt(b.getShort());
      byte[] h = new byte[headerLen];
      b.get(h);
      String header = new String(h, StandardCharsets.US_ASCII);
      String descr = header.replaceAll(".*'descr': *'([^']*)'.*", "$1").trim();
      String shape = header.replaceAll(".*'shape': *\\(([^)]*)\\).*", "$1").trim();
      long[] dims =
          java.util.Arrays.stream(shape.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .mapToLong(Long::parseLong)
              .toArray();
      int n = (int) java.util.Arrays.stream(dims).reduce(1, (x, y) -> x * y);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] =
            switch (descr) {
              case "<i8" -> b.getLong();
              case "<i4" -> b.getInt();
              case "<f4" -> b.getFloat();
              case "<f8" -> b.getDouble();
              default -> throw new IllegalStateException(name + ": dtype " + descr);
            };
      }
      return new PreprocessingFixture(name, layer, inputs, adapt, dims, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> config() {
    return (Map<String, Object>) layerJson.get("config");
  }

  List<?> vocabulary() {
    return (List<?>) layerJson.get("vocabulary");
  }

  /** The one input's values. */
  List<?> input() {
    return (List<?>) inputs.values().iterator().next();
  }

  Path dir() {
    return ROOT.resolve(name);
  }
}
