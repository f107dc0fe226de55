package io.github.kestimator.runtime.export;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Child JVM for {@link SavedModelAssetsTest}: loads a SavedModel and prints {@code
 * serving_default}'s outputs for the raw strings given, one line per output: {@code name v0 v1
 * ...}. The input's name is the system property {@code input} ({@code review} unless set).
 */
public final class ServeRawStrings {
  private ServeRawStrings() {}

  /**
   * Runs this class in a child JVM on {@code export} with {@code rows} fed to input {@code input},
   * and returns each output's values by name; the child's stderr goes to {@code errFile}.
   *
   * @throws AssertionError with the child's output when it fails or takes more than 120 s
   */
  public static Map<String, double[]> inChildJvm(
      java.nio.file.Path export,
      String input,
      java.util.List<String> rows,
      java.nio.file.Path errFile)
      throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dinput=" + input,
                "-cp",
                System.getProperty("java.class.path"),
                ServeRawStrings.class.getName(),
                export.toString()));
    command.addAll(rows);
    Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(
          "the child JVM serving "
              + export
              + " failed: "
              + out
              + java.nio.file.Files.readString(errFile));
    }
    Map<String, double[]> got = new java.util.TreeMap<>();
    for (String line : out.strip().split("\n")) {
      String[] parts = line.strip().split(" ");
      got.put(
          parts[0],
          Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray());
    }
    return got;
  }

  public static void main(String[] args) {
    String[] rows = Arrays.copyOfRange(args, 1, args.length);
    try (SavedModelBundle b = SavedModelBundle.load(args[0], "serve");
        TString in = TString.vectorOf(rows);
        var r =
            b.function("serving_default").call(Map.of(System.getProperty("input", "review"), in))) {
      for (String name :
          new java.util.TreeSet<>(b.function("serving_default").signature().outputNames())) {
        Tensor t = r.get(name).orElseThrow();
        StringBuilder line = new StringBuilder(name);
        if (t instanceof TInt64 l) {
          long[] a = new long[(int) t.shape().size()];
          l.asRawTensor().data().asLongs().read(a);
          for (long v : a) {
            line.append(' ').append(v);
          }
        } else {
          float[] a = new float[(int) t.shape().size()];
          ((TFloat32) t).asRawTensor().data().asFloats().read(a);
          for (float v : a) {
            line.append(' ').append(v);
          }
        }
        System.out.println(line);
      }
    }
  }
}
