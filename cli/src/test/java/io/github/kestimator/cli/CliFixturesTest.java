package io.github.kestimator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.ChildJvmCases;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed Keras 3 fixture through the real command line: {@code kestimator predict} on each
 * model of {@code fixtures/keras3/models} in each format it was saved in ({@code .keras}, legacy
 * {@code .h5}, {@code to_json()} with {@code --weights model.weights.h5}), its inputs given as
 * Keras was given them ({@code input_<name>.npy}, a directory of them for several inputs), and on
 * each {@code fixtures/keras3/preprocessing} archive with its raw inputs ({@code inputs.json} saved
 * as the {@code .npy} numpy writes for them: {@code <U} for strings). {@code --output} must hold
 * what Keras predicted within {@link KerasFixtures#TOLERANCE} relative, or the CLI must refuse the
 * case with the message in {@link #REFUSED}. The cases run in child JVMs ({@link CliFixtureRun}).
 */
class CliFixturesTest {
  /**
   * Cases ({@code <fixture>:<format>}, preprocessing ones {@code preprocessing/<name>:keras}) the
   * CLI refuses, with a part of its message.
   */
  static final Map<String, String> REFUSED = Map.of();

  /**
   * {@code --max-sequence-length} for fixtures whose sequence length the file leaves unknown: the
   * length Keras saw (text_int_no_length: Keras padded the batch to its longest text, 11).
   */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH =
      Map.of("unknown_length", 9, "preprocessing/text_int_no_length", 11);

  static final List<String> FORMATS = List.of("keras", "h5", "json");

  static final Path PREPROCESSING = KerasFixtures.root().resolve("preprocessing");

  @TempDir Path tmp;

  static List<String> cases() throws IOException {
    List<String> cases = new ArrayList<>();
    for (ModelFixture f : KerasFixtures.models()) {
      FORMATS.forEach(format -> cases.add(f.name() + ":" + format));
    }
    for (Object o : (List<?>) preprocessingManifest().get("fixtures")) {
      cases.add("preprocessing/" + ((Map<?, ?>) o).get("name") + ":keras");
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> predictOnEveryFixture() throws Exception {
    List<String> cases = cases();
    assertTrue(cases.size() >= 19 * 3 + 16, cases.toString());
    Map<String, String> results =
        ChildJvmCases.run(CliFixtureRun.class, List.of(tmp.toString()), cases, tmp);
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c, () -> check(c, results.get(c), work(tmp, c))));
  }

  static void check(String c, String result, Path work) throws IOException {
    String refused = REFUSED.get(c);
    int space = result.indexOf(' ');
    if (result.startsWith("crash") || space < 0) {
      fail(c + ": " + result);
    }
    int status = Integer.parseInt(result.substring(0, space));
    String err = result.substring(space + 1);
    if (refused != null) {
      assertEquals(1, status, c + " now predicts: take it off CliFixturesTest.REFUSED; " + err);
      assertTrue(err.contains(refused), c + ": expected \"" + refused + "\", got " + err);
      return;
    }
    assertEquals(0, status, c + ": " + err);
    double max = 0;
    Map<String, Path> want = expected(c);
    assertTrue(!want.isEmpty(), c + ": the fixture lists no Keras outputs to compare with");
    for (Map.Entry<String, Path> w : want.entrySet()) {
      Path got =
          want.size() == 1
              ? work.resolve("out.npy")
              : work.resolve("out").resolve(w.getKey() + ".npy");
      Npy.Array keras = Npy.read(w.getValue());
      Npy.Array cli = Npy.read(got);
      assertEquals(
          java.util.Arrays.toString(keras.shape()),
          java.util.Arrays.toString(cli.shape()),
          c + ": the shape of output " + w.getKey());
      max =
          Math.max(
              max,
              KerasFixtures.maxRelativeDifference(
                  c + " output " + w.getKey(), keras.floatRowsAll(), cli.floatRowsAll()));
    }
    System.out.printf("%-40s CLI %.3g (largest relative difference to Keras)%n", c, max);
    assertTrue(max <= KerasFixtures.TOLERANCE, c + ": largest relative difference to Keras " + max);
  }

  /** Keras' predictions of a case, by output. */
  static Map<String, Path> expected(String c) {
    String fixture = c.substring(0, c.indexOf(':'));
    if (fixture.startsWith("preprocessing/")) {
      return Map.of("output", PREPROCESSING.resolve(name(fixture)).resolve("output.npy"));
    }
    ModelFixture f = KerasFixtures.model(fixture);
    Map<String, Path> out = new java.util.LinkedHashMap<>();
    f.outputs().forEach(o -> out.put(o, f.output(o)));
    return out;
  }

  /** A case's working directory. */
  static Path work(Path tmp, String c) {
    return tmp.resolve(c.replace(':', '-').replace('/', '-'));
  }

  /**
   * The command line of a case ({@code predict <model> <input> --output ...}), writing the inputs
   * it needs into {@code work}.
   */
  static List<String> arguments(String c, Path work) throws IOException {
    Files.createDirectories(work);
    String fixture = c.substring(0, c.indexOf(':'));
    String format = c.substring(c.indexOf(':') + 1);
    List<String> args = new ArrayList<>(List.of("predict"));
    int outputs;
    if (fixture.startsWith("preprocessing/")) {
      Path dir = PREPROCESSING.resolve(name(fixture));
      args.add(dir.resolve("model.keras").toString());
      args.add(preprocessingInput(dir, work).toString());
      outputs = 1;
    } else {
      ModelFixture f = KerasFixtures.model(fixture);
      switch (format) {
        case "keras" -> args.add(f.keras().toString());
        case "h5" -> args.add(f.h5().toString());
        case "json" ->
            args.addAll(List.of(f.json().toString(), "--weights", f.weights().toString()));
        default -> throw new IllegalArgumentException("format " + format);
      }
      if (f.inputs().size() == 1) {
        args.add(f.input(f.inputs().get(0)).toString());
      } else {
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        for (String in : f.inputs()) {
          Files.copy(f.input(in), inputs.resolve(in + ".npy"));
        }
        args.add(inputs.toString());
      }
      outputs = f.outputs().size();
    }
    args.addAll(List.of("--output", work.resolve(outputs == 1 ? "out.npy" : "out").toString()));
    Integer max = MAX_SEQUENCE_LENGTH.get(fixture);
    if (max != null) {
      args.addAll(List.of("--max-sequence-length", max.toString()));
    }
    return args;
  }

  private static String name(String fixture) {
    return fixture.substring("preprocessing/".length());
  }

  private static Map<?, ?> preprocessingManifest() throws IOException {
    return (Map<?, ?>) Json.parse(Files.readString(PREPROCESSING.resolve("manifest.json")));
  }

  /**
   * A preprocessing fixture's {@code inputs.json} (one input) as the {@code .npy} {@code
   * np.save(np.array(values))} writes: {@code <i4} for integers, {@code <f4} for floats, {@code
   * <U<n>} (UTF-32) for strings.
   */
  static Path preprocessingInput(Path dir, Path work) throws IOException {
    Map<?, ?> inputs =
        (Map<?, ?>)
            Json.parse(Files.readString(dir.resolve("inputs.json"), StandardCharsets.UTF_8));
    assertEquals(1, inputs.size(), dir + ": one input");
    Map.Entry<?, ?> input = inputs.entrySet().iterator().next();
    List<?> rows = (List<?>) input.getValue();
    List<Object> values = new ArrayList<>();
    int[] shape =
        rows.get(0) instanceof List<?> first
            ? new int[] {rows.size(), first.size()}
            : new int[] {rows.size()};
    for (Object r : rows) {
      values.addAll(r instanceof List<?> l ? l : List.of(r));
    }
    Path file = work.resolve(input.getKey() + ".npy");
    if (values.get(0) instanceof String) {
      writeStrings(file, shape, values.stream().map(String.class::cast).toList());
    } else if (values.stream().allMatch(v -> v instanceof Long || v instanceof Integer)) {
      Npy.write(
          file,
          new Npy.Array(
              shape, null, values.stream().mapToInt(v -> ((Number) v).intValue()).toArray()));
    } else {
      float[] f = new float[values.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = ((Number) values.get(i)).floatValue();
      }
      Npy.write(file, shape, f);
    }
    return file;
  }

  /** numpy's {@code <U<n>}: each string as n UTF-32LE code points, padded with 0. */
  static void writeStrings(Path file, int[] shape, List<String> values) throws IOException {
    int n =
        Math.max(1, values.stream().mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(1));
    ByteBuffer body = ByteBuffer.allocate(values.size() * n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (String v : values) {
      int[] cps = v.codePoints().toArray();
      for (int i = 0; i < n; i++) {
        body.putInt(i < cps.length ? cps[i] : 0);
      }
    }
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText =
        shape.length == 1 ? dims.toString().trim() : dims.substring(0, dims.length() - 2);
    String header =
        "{'descr': '<U" + n + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    head.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    head.putShort((short) header.length());
    try (var out = Files.newOutputStream(file)) {
      out.write(head.array());
      out.write(header.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body.array());
    }
  }
}
