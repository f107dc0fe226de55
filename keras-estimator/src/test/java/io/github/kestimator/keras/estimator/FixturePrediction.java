package io.github.kestimator.keras.estimator;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasFormatException;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.Feature;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Run in a child JVM by {@link KerasFixturesTest}: loads committed Keras fixtures, predicts their
 * inputs through {@link KerasEstimator} and through an exported SavedModel, and prints one line per
 * case, so that a native crash in one case fails that case instead of the build.
 *
 * <p>Arguments: a work directory, then cases {@code <fixture>:<format>} with format {@code keras},
 * {@code h5} or {@code json} (config + {@code model.weights.h5}). Output lines: {@code CASE <case>}
 * before each case, then {@code RESULT <case> ok <estimator diff> <SavedModel diff> <training>} or
 * {@code RESULT <case> error <message on one line>}.
 */
public final class FixturePrediction {
  private FixturePrediction() {}

  public static void main(String[] args) throws IOException {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path work = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      String c = args[i];
      out.println("CASE " + c);
      try {
        Outcome o =
            run(
                KerasFixtures.model(c.substring(0, c.indexOf(':'))),
                c.substring(c.indexOf(':') + 1),
                work.resolve(c.replace(':', '-')));
        out.println(
            "RESULT "
                + c
                + " ok "
                + o.estimator()
                + " "
                + o.savedModel()
                + " "
                + o.training().replaceAll("\\s+", " "));
      } catch (Exception | LinkageError e) {
        out.println(
            "RESULT "
                + c
                + " error "
                + (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("\\s+", " "));
      }
    }
  }

  /**
   * The largest relative differences to Keras' predictions, the estimator's and the SavedModel's,
   * and how training went: {@code trained <global step>} after two steps toward Keras' predictions,
   * or {@code train-refused <message>}.
   */
  record Outcome(double estimator, double savedModel, String training) {}

  static Outcome run(ModelFixture f, String format, Path work) throws IOException {
    KerasFile file =
        switch (format) {
          case "keras" -> KerasFile.read(f.keras());
          case "h5" -> KerasFile.read(f.h5());
          case "json" -> KerasFile.read(f.json(), f.weights());
          default -> throw new IllegalArgumentException("format " + format);
        };
    Integer maxLength = KerasFixturesTest.MAX_SEQUENCE_LENGTH.get(f.name());
    if (maxLength != null) {
      file = file.withMaxSequenceLength(maxLength);
    }
    KerasEstimator e =
        KerasEstimator.fromKeras(
            file, RunConfig.builder().modelDir(work.resolve("model")).randomSeed(7).build());
    Map<String, Npy.Array> inputs = new LinkedHashMap<>();
    for (Feature feature : e.model().features()) {
      inputs.put(feature.name(), Npy.read(f.input(feature.name())));
    }
    int rows = inputs.values().iterator().next().rows();
    List<Map<String, Object>> features = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = new HashMap<>();
      for (var in : inputs.entrySet()) {
        row.put(
            in.getKey(),
            in.getValue().isInt() ? in.getValue().intRow(r) : in.getValue().floatRow(r));
      }
      features.add(row);
    }
    Map<String, float[]> want = new LinkedHashMap<>();
    for (String o : f.outputs()) {
      want.put(o, Npy.read(f.output(o)).floatRowsAll());
    }
    Map<String, List<float[]>> got = new HashMap<>();
    try (Stream<Map<String, float[]>> s = e.predict(features)) {
      s.forEach(p -> p.forEach((k, v) -> got.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
    }
    double estimator = 0;
    for (var w : want.entrySet()) {
      estimator =
          Math.max(
              estimator,
              maxRelativeDifference(w.getKey(), w.getValue(), concat(got.get(w.getKey()))));
    }
    Path export = e.exportSavedModel(work.resolve("export"));
    double served = 0;
    try (SavedModelBundle b = SavedModelBundle.load(export.toString(), "serve")) {
      Map<String, Tensor> feed = new HashMap<>();
      try {
        for (var in : inputs.entrySet()) {
          Npy.Array a = in.getValue();
          long[] shape = java.util.Arrays.stream(a.shape()).asLongStream().toArray();
          feed.put(
              in.getKey(),
              a.isInt()
                  ? TInt32.tensorOf(Shape.of(shape), DataBuffers.of(a.ints(), true, false))
                  : TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(a.floats(), true, false)));
        }
        try (Result r = b.function("serving_default").call(feed)) {
          for (var w : want.entrySet()) {
            TFloat32 y =
                (TFloat32)
                    r.get(w.getKey())
                        .orElseThrow(() -> new IllegalStateException("no output " + w.getKey()));
            float[] v = new float[(int) y.shape().size()];
            y.asRawTensor().data().asFloats().read(v);
            served = Math.max(served, maxRelativeDifference(w.getKey(), w.getValue(), v));
          }
        }
      } finally {
        feed.values().forEach(Tensor::close);
      }
    }
    String training;
    try {
      Map<String, Object> labels = new HashMap<>();
      for (io.github.kestimator.model.Output o : e.model().outputs()) {
        float[] p =
            got.get(o.layer())
                .get(0); // Keras' own prediction as the target: the loss is small, but real
        labels.put(
            o.layer(),
            o.labelDtype() == io.github.kestimator.model.DType.INT32 ? new int[] {argmax(p)} : p);
      }
      long step =
          e.train(Input.of(List.of(Example.of(features.get(0), labels))).batch(1).repeat(), 2);
      training = "trained " + step;
    } catch (KerasFormatException ex) {
      training = "train-refused " + ex.getMessage();
    }
    deleteTree(work);
    return new Outcome(estimator, served, training);
  }

  /** {@link KerasFixtures#maxRelativeDifference}. */
  static double maxRelativeDifference(String output, float[] want, float[] got) {
    return KerasFixtures.maxRelativeDifference("output " + output, want, got);
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static float[] concat(List<float[]> rows) {
    if (rows == null) {
      return null;
    }
    int n = rows.stream().mapToInt(r -> r.length).sum();
    float[] out = new float[n];
    int at = 0;
    for (float[] r : rows) {
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
