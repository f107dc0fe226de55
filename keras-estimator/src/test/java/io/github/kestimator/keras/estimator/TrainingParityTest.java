package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasWeights;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ParityRun;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Weight;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import io.github.kestimator.runtime.session.ModelSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Trains like the Keras prototype: for every parity run of {@code fixtures/keras3/parity}, the
 * estimator warm-started from {@code initial.keras} is fed Keras' 100 batches in order, and each
 * step's loss must equal Keras' {@code train_on_batch} loss within {@value #LOSS_TOLERANCE}
 * relative, and the weights after the last step Keras' {@code final.weights.h5} within {@value
 * #WEIGHT_TOLERANCE} absolute plus {@value #WEIGHT_TOLERANCE} relative ({@code |got - want| <= tol
 * * (1 + |want|)}).
 */
class TrainingParityTest {
  static final double LOSS_TOLERANCE = 1e-4;
  static final double WEIGHT_TOLERANCE = 1e-4;

  /**
   * Parity runs whose model has an unknown sequence length ({@code Input((None,))}), and the length
   * of their batches, which becomes the model's maximum length.
   */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH = Map.of("masked_lstm_adam", 10);

  @TempDir Path tmp;

  static Stream<ParityRun> runs() {
    return KerasFixtures.parity().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void trainsLikeKeras(ParityRun run) throws IOException {
    trainsLikeKeras(run, MAX_SEQUENCE_LENGTH.getOrDefault(run.name(), 0));
  }

  /**
   * A model with Embedding(mask_zero=True) read with a longer maximum length than its data: the
   * extra padding (id 0) is masked, so every step's loss and the final weights are still Keras'.
   */
  @org.junit.jupiter.api.Test
  void paddingBeyondTheDataIsMaskedAndChangesNothing() throws IOException {
    ParityRun run =
        KerasFixtures.parity().stream()
            .filter(r -> r.name().equals("masked_lstm_adam"))
            .findFirst()
            .orElseThrow();
    trainsLikeKeras(run, 14);
  }

  /**
   * @param maxLength the maximum sequence length to read the model with (0: none); examples are
   *     padded with 0 to it
   */
  private void trainsLikeKeras(ParityRun run, int maxLength) throws IOException {
    RunConfig config =
        RunConfig.builder().modelDir(tmp.resolve(run.name() + maxLength)).randomSeed(7).build();
    KerasFile initial = KerasFile.read(run.initial());
    if (maxLength > 0) {
      initial = initial.withMaxSequenceLength(maxLength);
    }
    double[] want = doubles(Npy.read(run.losses()));
    List<Float> got = new ArrayList<>();
    Model model;
    try (KerasEstimator e = KerasEstimator.fromKeras(initial, config)) {
      model = e.model();
      List<Example<Map<String, Object>, Map<String, Object>>> examples =
          padded(examples(run, model), maxLength);
      long step =
          e.train(Input.of(examples).batch(run.batch()), run.steps(), (s, loss) -> got.add(loss));
      assertEquals(run.steps(), step, "global step");
    }
    assertEquals(want.length, got.size(), "steps");
    double maxLoss = 0;
    int worstStep = 0;
    for (int i = 0; i < want.length; i++) {
      double d = Math.abs(got.get(i) - want[i]) / Math.abs(want[i]);
      if (d > maxLoss) {
        maxLoss = d;
        worstStep = i + 1;
      }
    }

    Map<String, float[]> actual = weights(model, config);
    KerasWeights expected = finalWeights(run, model);
    double maxWeight = 0;
    String worstWeight = "";
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        String name = layer.name() + "/" + w.name();
        KerasWeights.Array a = expected.get(layer.name(), w.name());
        float[] g = actual.get(name);
        assertEquals(a.values().length, g.length, name);
        for (int i = 0; i < g.length; i++) {
          double d = Math.abs(g[i] - a.values()[i]) / (1 + Math.abs(a.values()[i]));
          if (d > maxWeight) {
            maxWeight = d;
            worstWeight = name + "[" + i + "] " + g[i] + " vs Keras " + a.values()[i];
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "PARITY %-24s max rel loss diff %.3g (step %d: %s vs Keras %s), max weight diff %.3g (%s)%n",
        run.name(),
        maxLoss,
        worstStep,
        got.get(Math.max(0, worstStep - 1)),
        want[Math.max(0, worstStep - 1)],
        maxWeight,
        worstWeight);
    assertTrue(
        maxLoss <= LOSS_TOLERANCE,
        run.name()
            + ": step "
            + worstStep
            + " loss differs from Keras' by "
            + maxLoss
            + " relative; first steps "
            + got.subList(0, 3)
            + " vs Keras "
            + java.util.Arrays.toString(java.util.Arrays.copyOf(want, 3)));
    assertTrue(
        maxWeight <= WEIGHT_TOLERANCE,
        run.name() + ": final weights differ from Keras' by " + maxWeight + ": " + worstWeight);
  }

  /** Without dropout, evaluating a batch gives the loss the next training step reports for it. */
  @org.junit.jupiter.api.Test
  void evaluationAgreesWithTheTrainingLossOfTheSameWeights() throws IOException {
    ParityRun run =
        KerasFixtures.parity().stream()
            .filter(r -> r.name().equals("seed_lstm_adam"))
            .findFirst()
            .orElseThrow();
    RunConfig config = RunConfig.builder().modelDir(tmp.resolve("agree")).randomSeed(7).build();
    try (KerasEstimator e = KerasEstimator.fromKeras(KerasFile.read(run.initial()), config)) {
      var examples = examples(run, e.model());
      e.train(Input.of(examples).batch(run.batch()), 50);
      var firstBatch = Input.of(examples.subList(0, run.batch())).batch(run.batch());
      double evaluated = e.evaluate(firstBatch, 1).get("loss");
      List<Float> trained = new ArrayList<>();
      e.train(firstBatch, 1, (s, loss) -> trained.add(loss));
      assertEquals(
          evaluated, trained.get(0), 1e-6 * evaluated, "evaluate vs the training step's loss");
    }
  }

  static Stream<ParityRun> evaluatedRuns() {
    return runs().filter(r -> !r.evaluate().isEmpty());
  }

  /**
   * After the run's training, evaluating its first batches gives what Keras' {@code
   * model.evaluate(return_dict=True)} gave: the total loss, each output's loss and each output's
   * metrics, by the same names.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("evaluatedRuns")
  void evaluatesEachOutputLikeKeras(ParityRun run) throws IOException {
    RunConfig config = RunConfig.builder().modelDir(tmp.resolve(run.name())).randomSeed(7).build();
    try (KerasEstimator e = KerasEstimator.fromKeras(KerasFile.read(run.initial()), config)) {
      var examples = examples(run, e.model());
      e.train(Input.of(examples).batch(run.batch()), run.steps());
      int n = run.evaluateBatches() * run.batch();
      Map<String, Double> got =
          e.evaluate(Input.of(examples.subList(0, n)).batch(run.batch()), run.evaluateBatches());
      Map<String, Double> want = new java.util.TreeMap<>();
      run.evaluate().forEach((k, v) -> want.put(k, ((Number) v).doubleValue()));
      Map<String, Double> same = new java.util.TreeMap<>(got);
      same.remove("global_step");
      assertEquals(want.keySet(), same.keySet(), "the names Keras reports");
      for (Map.Entry<String, Double> w : want.entrySet()) {
        double g = got.get(w.getKey());
        System.out.printf(
            Locale.ROOT,
            "EVAL %-16s %-28s %.7g vs Keras %.7g%n",
            run.name(),
            w.getKey(),
            g,
            w.getValue());
        assertEquals(w.getValue(), g, 1e-4 * (1 + Math.abs(w.getValue())), w.getKey());
      }
    }
  }

  /** The examples with int features padded with 0 at the end to {@code length} (0: as they are). */
  private static List<Example<Map<String, Object>, Map<String, Object>>> padded(
      List<Example<Map<String, Object>, Map<String, Object>>> examples, int length) {
    if (length == 0) {
      return examples;
    }
    List<Example<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    for (Example<Map<String, Object>, Map<String, Object>> e : examples) {
      Map<String, Object> f = new LinkedHashMap<>();
      e.features()
          .forEach(
              (k, v) ->
                  f.put(k, v instanceof int[] ids ? java.util.Arrays.copyOf(ids, length) : v));
      out.add(Example.of(f, e.labels()));
    }
    return out;
  }

  /** The run's batches, example by example in Keras' order. */
  static List<Example<Map<String, Object>, Map<String, Object>>> examples(
      ParityRun run, Model model) throws IOException {
    Map<String, Npy.Array> xs = new LinkedHashMap<>();
    for (Feature f : model.features()) {
      xs.put(f.name(), Npy.read(run.x(f.name())));
    }
    Map<String, Npy.Array> ys = new LinkedHashMap<>();
    for (String output : run.outputs()) {
      ys.put(output, Npy.read(run.y(output)));
    }
    int n = run.steps() * run.batch();
    List<Example<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Map<String, Object> features = new LinkedHashMap<>();
      for (Map.Entry<String, Npy.Array> x : xs.entrySet()) {
        features.put(x.getKey(), row(x.getValue(), r, n));
      }
      Map<String, Object> labels = new LinkedHashMap<>();
      for (Map.Entry<String, Npy.Array> y : ys.entrySet()) {
        labels.put(y.getKey(), row(y.getValue(), r, n));
      }
      out.add(Example.of(features, labels));
    }
    return out;
  }

  /** Example {@code r} of an array stacked {@code [steps, batch, ...]} ({@code n} examples). */
  private static Object row(Npy.Array a, int r, int n) {
    int size = a.floatRowsAll().length / n;
    if (a.isInt()) {
      return java.util.Arrays.copyOfRange(a.ints(), r * size, r * size + size);
    }
    return java.util.Arrays.copyOfRange(a.floats(), r * size, r * size + size);
  }

  private static double[] doubles(Npy.Array a) {
    float[] f = a.floatRowsAll();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** The latest checkpoint's model weights by {@code layer/weight}. */
  static Map<String, float[]> weights(Model model, RunConfig config) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (ModelSession s = ModelSession.open(model, Mode.PREDICT, config)) {
      new Checkpoints(config.modelDir(), config.keepCheckpointMax()).restoreLatest(s.session());
      for (Layer layer : model.layers()) {
        for (Weight w : layer.weights()) {
          String name = layer.name() + "/" + w.name();
          try (Result r = s.session().runner().fetch(name).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] v = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(v);
            out.put(name, v);
          }
        }
      }
    }
    return out;
  }

  /** {@code final.weights.h5} read with the model's config from {@code initial.keras}. */
  private KerasWeights finalWeights(ParityRun run, Model model) throws IOException {
    Path config = tmp.resolve(run.name() + "-config.json");
    try (InputStream in = Files.newInputStream(run.initial());
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("config.json")) {
          Files.write(config, zip.readAllBytes());
        }
      }
    }
    return KerasFile.read(config, run.finalWeights()).weights(model);
  }
}
