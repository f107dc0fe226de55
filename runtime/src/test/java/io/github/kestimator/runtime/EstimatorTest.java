package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.runtime.binding.MapBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.export.BestExporter;
import io.github.kestimator.runtime.export.Exporter;
import io.github.kestimator.runtime.export.FinalExporter;
import io.github.kestimator.runtime.export.LatestExporter;
import io.github.kestimator.runtime.export.SavedModelDirs;
import io.github.kestimator.runtime.input.TfRecordReader;
import io.github.kestimator.runtime.modeldir.CheckpointState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.Event;
import org.tensorflow.types.TFloat32;

class EstimatorTest {
  @TempDir Path tmp;

  private TinyEstimator estimator(Path dir) {
    return Tiny.estimator(Tiny.config(dir).keepCheckpointMax(3).build());
  }

  @Test
  void trainLowersLossAndLaysOutTheModelDir() throws IOException {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      assertEquals(1, est.train(Tiny.trainInput(), 1));
      double before = Tiny.loss(est.evaluate(Tiny.evalInput()));
      assertEquals(301, est.train(Tiny.trainInput(), 300));
      Map<String, Double> after = est.evaluate(Tiny.evalInput());
      assertTrue(Tiny.loss(after) < before * 0.7, "loss " + before + " -> " + after);
      assertEquals(301, Tiny.step(after));
    }
    assertTrue(Files.isRegularFile(dir.resolve("model.ckpt-301.index")));
    assertTrue(Files.isRegularFile(dir.resolve("model.ckpt-301.data-00000-of-00001")));
    // keepCheckpointMax = 3: 200, 250, 300, 301 were saved last; 200 and older are gone.
    assertEquals(
        List.of(
            "model_checkpoint_path: \"model.ckpt-301\"",
            "all_model_checkpoint_paths: \"model.ckpt-250\"",
            "all_model_checkpoint_paths: \"model.ckpt-300\"",
            "all_model_checkpoint_paths: \"model.ckpt-301\""),
        Files.readAllLines(dir.resolve("checkpoint")));
    assertFalse(Files.exists(dir.resolve("model.ckpt-200.index")));
    assertFalse(Files.exists(dir.resolve("model.ckpt-0.index")));
    assertTrue(Files.isRegularFile(dir.resolve("model.properties")));

    // Training events: file_version first, then loss and global_step/sec every 20 steps.
    List<Event> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
              .sorted()
              .toList()) {
        for (byte[] rec : TfRecordReader.readAll(f)) {
          events.add(Event.parseFrom(rec));
        }
      }
    }
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    List<Long> lossSteps =
        events.stream()
            .filter(Event::hasSummary)
            .filter(
                e ->
                    e.getSummary().getValueList().stream().anyMatch(v -> v.getTag().equals("loss")))
            .map(Event::getStep)
            .toList();
    assertEquals(
        List.of(
            20L, 40L, 60L, 80L, 100L, 120L, 140L, 160L, 180L, 200L, 220L, 240L, 260L, 280L, 300L),
        lossSteps);
    assertTrue(
        events.stream()
            .filter(Event::hasSummary)
            .flatMap(e -> e.getSummary().getValueList().stream())
            .anyMatch(v -> v.getTag().equals("global_step/sec") && v.getSimpleValue() > 0));
  }

  @Test
  void aStepListenerHearsEveryStepsGlobalStepAndLoss() {
    List<Long> steps = new java.util.ArrayList<>();
    List<Float> losses = new java.util.ArrayList<>();
    try (TinyEstimator e = estimator(tmp.resolve("listened"))) {
      assertEquals(5, e.train(Tiny.trainInput(), 5));
      assertEquals(
          25,
          e.train(
              Tiny.trainInput(),
              20,
              (step, loss) -> {
                steps.add(step);
                losses.add(loss);
              }));
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(6, 25).boxed().toList(), steps);
    assertTrue(losses.stream().allMatch(l -> Float.isFinite(l) && l > 0), losses.toString());
  }

  @Test
  void resumedTrainingEqualsAnUninterruptedRun() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    try (TinyEstimator e = estimator(a)) {
      assertEquals(100, e.train(Tiny.trainInput(), 100));
    }
    try (TinyEstimator e = estimator(a)) { // a new estimator on the same dir carries on
      assertEquals(200, e.train(Tiny.trainInput(), 100));
    }
    try (TinyEstimator e = estimator(b)) {
      assertEquals(200, e.trainUntil(Tiny.trainInput(), 200));
      assertEquals(
          200, e.trainUntil(Tiny.trainInput(), 150), "already past max steps: nothing to do");
    }
    List<Map<String, Object>> probe = Tiny.features(Tiny.data(16, 3));
    List<Float> pa;
    List<Float> pb;
    try (TinyEstimator e = estimator(a);
        Stream<Map<String, float[]>> s = e.predict(probe)) {
      pa = s.map(Tiny::score).toList();
    }
    try (TinyEstimator e = estimator(b);
        Stream<Map<String, float[]>> s = e.predict(probe)) {
      pb = s.map(Tiny::score).toList();
    }
    assertEquals(16, pa.size());
    assertEquals(pb, pa);
    try (TinyEstimator ea = estimator(a);
        TinyEstimator eb = estimator(b)) {
      assertEquals(eb.evaluate(Tiny.evalInput()), ea.evaluate(Tiny.evalInput()));
    }
  }

  @Test
  void trainingAgainOnOneEstimatorEqualsANewEstimatorAndNoticesOtherWriters() {
    Path kept = tmp.resolve("kept");
    Path fresh = tmp.resolve("fresh");
    try (TinyEstimator e = estimator(kept)) {
      e.train(Tiny.trainInput(), 50);
      assertEquals(100, e.train(Tiny.trainInput(), 50), "the kept session carries on");
      try (TinyEstimator other = estimator(kept)) { // another writer moves the model dir on
        assertEquals(130, other.train(Tiny.trainInput(), 30));
      }
      assertEquals(
          150, e.train(Tiny.trainInput(), 20), "the kept session is stale: restored from step 130");
    }
    try (TinyEstimator e = estimator(fresh)) {
      e.train(Tiny.trainInput(), 50);
    }
    try (TinyEstimator e = estimator(fresh)) {
      e.train(Tiny.trainInput(), 50);
    }
    try (TinyEstimator e = estimator(fresh)) {
      e.train(Tiny.trainInput(), 30);
    }
    try (TinyEstimator e = estimator(fresh)) {
      e.train(Tiny.trainInput(), 20);
    }
    try (TinyEstimator ek = estimator(kept);
        TinyEstimator ef = estimator(fresh)) {
      assertEquals(ef.evaluate(Tiny.evalInput()), ek.evaluate(Tiny.evalInput()));
    }
  }

  @Test
  void evaluateWritesEvalEvents() throws IOException {
    Path dir = tmp.resolve("m");
    Map<String, Double> m;
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 60);
      m = est.evaluate(Tiny.evalInput(), 1); // one batch of 64
    }
    assertEquals(60, Tiny.step(m));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("eval"))) {
      files = s.toList();
    }
    assertEquals(1, files.size());
    assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."));
    List<byte[]> records = TfRecordReader.readAll(files.get(0));
    assertEquals(2, records.size());
    assertEquals("brain.Event:2", Event.parseFrom(records.get(0)).getFileVersion());
    Event e = Event.parseFrom(records.get(1));
    assertEquals(60, e.getStep());
    Map<String, Float> values = new java.util.HashMap<>();
    e.getSummary().getValueList().forEach(v -> values.put(v.getTag(), v.getSimpleValue()));
    assertEquals((float) Tiny.loss(m), values.get("loss"));
  }

  @Test
  void evaluateReportsTheCompiledMetrics() throws IOException {
    Path dir = tmp.resolve("m");
    Map<String, Double> m;
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 300);
      m = est.evaluate(Tiny.evalInput());
    }
    assertTrue(Tiny.accuracy(m) > 0.85, "accuracy " + m);
    Path events;
    try (Stream<Path> s = Files.list(dir.resolve("eval"))) {
      events = s.findFirst().orElseThrow();
    }
    Event e = Event.parseFrom(TfRecordReader.readAll(events).get(1));
    assertTrue(
        e.getSummary().getValueList().stream()
            .anyMatch(
                v ->
                    v.getTag().equals("accuracy")
                        && v.getSimpleValue() == (float) Tiny.accuracy(m)),
        e.toString());
  }

  @Test
  void exportedSavedModelServesWhatPredictGives() {
    Path dir = tmp.resolve("m");
    List<Map<String, Object>> probe = Tiny.features(Tiny.data(5, 4));
    Path export;
    List<Float> expected;
    Path second;
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 120);
      try (Stream<Map<String, float[]>> s = est.predict(probe)) {
        expected = s.map(Tiny::score).toList();
      }
      export = est.exportSavedModel(tmp.resolve("exports"));
      second = est.exportSavedModel(tmp.resolve("exports"));
    }
    assertNotEquals(export, second, "a second export in the same second takes the next second");
    assertEquals(
        Long.parseLong(export.getFileName().toString()) + 1,
        Long.parseLong(second.getFileName().toString()));
    assertEquals(
        List.of(export, second),
        SavedModelDirs.list(tmp.resolve("exports")),
        "no temp dirs left behind");

    // TensorFlow's own loader, called by input name through serving_default.
    float[] flat = new float[5 * 4];
    for (int i = 0; i < 5; i++) {
      System.arraycopy(Tiny.x(probe.get(i)), 0, flat, i * 4, 4);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve");
        TFloat32 in = TFloat32.tensorOf(Shape.of(5, 4), DataBuffers.of(flat, true, false));
        Result r = bundle.call(Map.of("score_input", in))) {
      Tensor out = r.get("score").orElseThrow();
      assertEquals(Shape.of(5, 1), out.shape());
      for (int i = 0; i < 5; i++) {
        assertEquals(expected.get(i), ((TFloat32) out).getFloat(i, 0), 1e-6f);
      }
    }
    try (Predictor<Map<String, Object>, Map<String, float[]>> p = Tiny.predictor(export)) {
      assertClose(expected, p.predict(probe));
      assertClose(List.of(expected.get(2)), List.of(p.predict(probe.get(2))));
    }
  }

  @Test
  void predictorIsThreadSafe() throws Exception {
    Path dir = tmp.resolve("m");
    Path export;
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 20);
      export = est.exportSavedModel(tmp.resolve("exports"));
    }
    List<Map<String, Object>> probe = Tiny.features(Tiny.data(50, 5));
    try (Predictor<Map<String, Object>, Map<String, float[]>> p = Tiny.predictor(export)) {
      List<Map<String, float[]>> expected = p.predict(probe);
      List<Thread> threads = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 4; t++) {
        Thread th =
            new Thread(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    // one row at a time: oneDNN may round differently than for the batch of 50,
                    // never more
                    if (Math.abs(Tiny.score(p.predict(probe.get(i))) - Tiny.score(expected.get(i)))
                        > 1e-6f) {
                      errors.add(new AssertionError("row " + i + " differs"));
                    }
                  }
                });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertEquals(List.of(), errors);
    }
  }

  @Test
  void bestExporterExportsOnlyImprovementsAcrossRestarts() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 10);
      Path base = dir.resolve("export/best");
      Exporter<Map<String, Double>> first = BestExporter.minimize("best", Tiny::loss);
      assertTrue(export(first, est, base, 0.5).isPresent());
      assertFalse(export(first, est, base, 0.6).isPresent());
      assertFalse(export(first, est, base, 0.5).isPresent(), "equal is no improvement");
      assertTrue(export(first, est, base, 0.4).isPresent());
      Exporter<Map<String, Double>> restarted =
          BestExporter.minimize("best", Tiny::loss); // as after a JVM restart
      assertFalse(export(restarted, est, base, 0.45).isPresent());
      assertTrue(export(restarted, est, base, 0.3).isPresent());
      assertEquals(3, SavedModelDirs.list(base).size());
      Exporter<Map<String, Double>> max = BestExporter.maximize("acc", Tiny::accuracy);
      Path accBase = dir.resolve("export/acc");
      assertTrue(export(max, est, accBase, 0.5).isPresent());
      assertFalse(export(max, est, accBase, 0.4).isPresent());
    }
  }

  /**
   * The same predictions up to float rounding (TensorFlow's kernels may differ by batch size and
   * graph).
   */
  private static void assertClose(List<Float> expected, List<Map<String, float[]>> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), Tiny.score(actual.get(i)), 1e-6f, "row " + i);
    }
  }

  private static Optional<Path> export(
      Exporter<Map<String, Double>> e, TinyEstimator est, Path base, double value) {
    MetricValues values = new MetricValues(Map.of("loss", value, "accuracy", value), 10);
    return e.export(
        new Exporter.Request<>(
            base, Tiny.BINDING.metrics(values), values, false, est::exportSavedModel));
  }

  @Test
  void trainAndEvaluateRunsExportersAndStops() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      Optional<Map<String, Double>> m =
          est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(230),
              EvalSpec.of(Tiny.evalInput())
                  .steps(1)
                  .throttle(Duration.ZERO)
                  .exporters(
                      LatestExporter.of("latest", 2),
                      BestExporter.minimize("best", Tiny::loss),
                      FinalExporter.of("final")));
      assertEquals(230, Tiny.step(m.orElseThrow()));
    }
    assertEquals(2, SavedModelDirs.list(dir.resolve("export/latest")).size());
    assertEquals(1, SavedModelDirs.list(dir.resolve("export/final")).size());
    assertTrue(SavedModelDirs.list(dir.resolve("export/best")).size() >= 1);
    assertTrue(Files.isRegularFile(dir.resolve("export/best/best_value.txt")));
    // evaluations after the checkpoints at 50, 100, 150, 200 and the final one at 230
    assertEquals(List.of(50L, 100L, 150L, 200L, 230L), evaluatedSteps(dir));
  }

  @Test
  void aThrottleHoldsBackEvaluationsButNotTheFinalOne() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      Optional<Map<String, Double>> m =
          est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(230),
              EvalSpec.of(Tiny.evalInput()).throttle(Duration.ofHours(1)));
      assertEquals(230, Tiny.step(m.orElseThrow()));
    }
    assertEquals(
        List.of(50L, 230L),
        evaluatedSteps(dir),
        "the first checkpoint, then only the final evaluation");
  }

  /** The global steps of the evaluations in {@code <dir>/eval/}, in order. */
  private static List<Long> evaluatedSteps(Path dir) {
    List<Long> steps = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("eval"))) {
      for (Path f : s.sorted().toList()) {
        for (byte[] rec : TfRecordReader.readAll(f)) {
          Event e = Event.parseFrom(rec);
          if (e.hasSummary()) {
            steps.add(e.getStep());
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return steps.stream().sorted().toList();
  }

  @Test
  void earlyStoppingStopsAfterPatienceEvaluationsWithoutImprovement() {
    // The loss only falls, so maximizing it never improves after the first evaluation.
    try (TinyEstimator est = estimator(tmp.resolve("patience2"))) {
      Optional<Map<String, Double>> m =
          est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(10_000),
              EvalSpec.of(Tiny.evalInput())
                  .throttle(Duration.ZERO)
                  .earlyStopping(EarlyStopping.maximize(Tiny::loss).patience(2)));
      assertEquals(
          150, Tiny.step(m.orElseThrow()), "evaluated at 50 (best), 100 and 150 (no better twice)");
    }
    Path patience1 = tmp.resolve("patience1");
    try (TinyEstimator est = estimator(patience1)) {
      Optional<Map<String, Double>> m =
          est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(10_000),
              EvalSpec.of(Tiny.evalInput())
                  .throttle(Duration.ZERO)
                  .earlyStopping(EarlyStopping.maximize(Tiny::loss))
                  .exporters(
                      BestExporter.maximize("best", Tiny::accuracy), FinalExporter.of("final")));
      assertEquals(
          100,
          Tiny.step(m.orElseThrow()),
          "the default patience stops at the first evaluation that is no better");
      assertTrue(
          est.latestExport("final").isPresent(), "an early stop still ends with the final exports");
    }
    try (TinyEstimator est = estimator(tmp.resolve("improving"))) {
      Optional<Map<String, Double>> m =
          est.trainAndEvaluate(
              TrainSpec.of(Tiny.trainInput()).maxSteps(300),
              EvalSpec.of(Tiny.evalInput())
                  .throttle(Duration.ZERO)
                  .earlyStopping(EarlyStopping.minimize(Tiny::loss)));
      assertEquals(300, Tiny.step(m.orElseThrow()), "a falling loss never stops training early");
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EarlyStopping.minimize(Tiny::loss).patience(0));
    assertEquals("early stopping patience must be >= 1 evaluation, got 0", e.getMessage());
  }

  @Test
  void nanLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      assertEquals(50, est.train(Tiny.trainInput(), 50));
      List<Example<Map<String, Object>, Map<String, Object>>> bad =
          new ArrayList<>(Tiny.data(64, 9));
      bad.set(40, Example.of(bad.get(40).features(), Map.of("score", Float.NaN)));
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> est.train(Input.of(bad).batch(32).repeat(), 10));
      assertTrue(e.getMessage().contains("at step 52"), e.getMessage());
      assertTrue(e.getMessage().contains("model.ckpt-50"), e.getMessage());
      Map<String, Double> m = est.evaluate(Tiny.evalInput());
      assertEquals(50, Tiny.step(m));
      assertTrue(Double.isFinite(Tiny.loss(m)));
    }
    assertFalse(
        Files.exists(dir.resolve("model.ckpt-51.index")),
        "the step before the NaN is not saved either");
  }

  @Test
  void trainsFromCsvAndTfRecordFilesThroughTheBinding() throws IOException {
    Path csv = tmp.resolve("train.csv");
    StringBuilder b = new StringBuilder("score_input,score\n");
    for (Example<Map<String, Object>, Map<String, Object>> e : Tiny.data(64, 6)) {
      float[] x = Tiny.x(e.features());
      b.append(x[0])
          .append(' ')
          .append(x[1])
          .append(' ')
          .append(x[2])
          .append(' ')
          .append(x[3])
          .append(',')
          .append(e.labels().get("score"))
          .append('\n');
    }
    Files.writeString(csv, b);
    try (TinyEstimator est = estimator(tmp.resolve("m"))) {
      assertEquals(
          2,
          est.trainUntil(est.csv(csv).batch(32), 1_000),
          "64 rows in batches of 32, no repeat: 2 steps");
      assertTrue(est.summary().contains("score (Dense)"), est.summary());
    }
  }

  @Test
  void anotherModelsDirIsRefused() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 5);
    }
    MapBinding other = new MapBinding(Tiny.tinyModel("Wider", 5, 0.5));
    try (TinyEstimator est = new TinyEstimator(other, Tiny.config(dir).build())) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> est.evaluate(Tiny.evalInput()));
      assertTrue(e.getMessage().contains("holds checkpoints of another model"), e.getMessage());
      assertTrue(
          e.getMessage().contains("'Tiny'") && e.getMessage().contains("'Wider'"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> est.train(Tiny.trainInput(), 1));
    }
  }

  @Test
  void buildingWritesNothingAndAFreshDirHasNothingToPredictFrom() throws IOException {
    Path dir = tmp.resolve("fresh");
    String noCheckpoint =
        "[KerasNoCheckpoint] no checkpoint in "
            + dir
            + ": train first (no 'checkpoint' file and no model.ckpt-<step> files there)";
    try (TinyEstimator est = estimator(dir)) {
      assertEquals(List.of(), contents(dir));
      assertEquals(
          noCheckpoint,
          assertThrows(
                  IllegalStateException.class, () -> est.predict(Tiny.features(Tiny.data(2, 1))))
              .getMessage());
      assertEquals(
          noCheckpoint,
          assertThrows(IllegalStateException.class, () -> est.evaluate(Tiny.evalInput()))
              .getMessage());
      assertEquals(
          noCheckpoint,
          assertThrows(
                  IllegalStateException.class, () -> est.exportSavedModel(tmp.resolve("exports")))
              .getMessage());
      assertEquals(List.of(), contents(dir), "the failed calls wrote nothing either");
      assertFalse(Files.exists(tmp.resolve("exports")));
      assertEquals(
          3, est.train(Tiny.trainInput(), 3), "the first training initializes and saves step 0");
    }
    assertTrue(
        contents(dir)
            .containsAll(
                List.of(
                    "checkpoint", "model.ckpt-0.index", "model.ckpt-3.index", "model.properties")),
        contents(dir).toString());
  }

  private static List<String> contents(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theBuilderTakesARunConfigAndAModelDirThatOverridesIt() {
    Path dir = tmp.resolve("m");
    EstimatorBuilder<TinyEstimator> builder =
        new EstimatorBuilder<>(Tiny::estimator)
            .runConfig(Tiny.config(tmp.resolve("other")).keepCheckpointMax(2).build())
            .modelDir(dir);
    try (TinyEstimator est = builder.build()) {
      assertEquals(dir, est.config().modelDir());
      assertEquals(2, est.config().keepCheckpointMax());
    }
    try (TinyEstimator est = new EstimatorBuilder<>(Tiny::estimator).modelDir(dir).build()) {
      assertEquals(RunConfig.builder().modelDir(dir).build(), est.config(), "tf's defaults");
      assertEquals(Duration.ofMinutes(10), est.config().saveCheckpointsEvery());
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new EstimatorBuilder<>(Tiny::estimator).build());
    assertEquals(
        "no model directory: call modelDir(Path) or give a RunConfig with one", e.getMessage());
  }

  @Test
  void runConfigTakesCheckpointsByStepsOrByTime() {
    RunConfig bySteps =
        RunConfig.builder()
            .saveCheckpointsEvery(Duration.ofMinutes(1))
            .saveCheckpointsSteps(500)
            .build();
    assertEquals(500, bySteps.saveCheckpointsSteps());
    assertEquals(Duration.ZERO, bySteps.saveCheckpointsEvery());
    RunConfig byTime =
        RunConfig.builder()
            .saveCheckpointsSteps(500)
            .saveCheckpointsEvery(Duration.ofMinutes(1))
            .build();
    assertEquals(0, byTime.saveCheckpointsSteps());
    assertEquals(Duration.ofMinutes(1), byTime.saveCheckpointsEvery());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunConfig.builder().saveCheckpointsEvery(Duration.ofSeconds(-5)).build());
    assertEquals(
        "saveCheckpointsSteps and saveCheckpointsEvery must be >= 0, got 0 and PT-5S",
        e.getMessage());
  }

  @Test
  void checkpointsByTimeOnceTheIntervalHasPassed() {
    Path often = tmp.resolve("often");
    StepListener slow =
        (step, loss) -> {
          try {
            Thread.sleep(3);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    try (TinyEstimator est =
        Tiny.estimator(
            Tiny.config(often)
                .saveCheckpointsEvery(Duration.ofMillis(1))
                .keepCheckpointMax(0)
                .build())) {
      assertEquals(4, est.train(Tiny.trainInput(), 4, slow));
    }
    assertEquals(
        List.of("model.ckpt-0", "model.ckpt-1", "model.ckpt-2", "model.ckpt-3", "model.ckpt-4"),
        CheckpointState.read(often).all());
    Path rarely = tmp.resolve("rarely");
    try (TinyEstimator est =
        Tiny.estimator(Tiny.config(rarely).saveCheckpointsEvery(Duration.ofHours(1)).build())) {
      assertEquals(4, est.train(Tiny.trainInput(), 4, slow));
    }
    assertEquals(
        List.of("model.ckpt-0", "model.ckpt-4"),
        CheckpointState.read(rarely).all(),
        "step 0 and the last step");
  }

  @Test
  void truncatedCheckpointIsReportedByName() throws IOException {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      est.train(Tiny.trainInput(), 50);
    }
    Path data = dir.resolve("model.ckpt-50.data-00000-of-00001");
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    try (TinyEstimator est = estimator(dir)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> est.evaluate(Tiny.evalInput()));
      assertTrue(e.getMessage().contains("model.ckpt-50"), e.getMessage());
      assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
      // as README says: delete that checkpoint's files and the run resumes from the one before
      List<String> kept = CheckpointState.read(dir).all();
      long before = Long.parseLong(kept.get(kept.size() - 2).substring("model.ckpt-".length()));
      Files.delete(dir.resolve("model.ckpt-50.index"));
      Files.delete(data);
      assertEquals(before + 1, est.train(Tiny.trainInput(), 1));
    }
  }

  @Test
  void latestExportIsTheNewestTimestampOfAnExporterOrOfAll() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator est = estimator(dir)) {
      assertEquals(java.util.Optional.empty(), est.latestExport());
      est.train(Tiny.trainInput(), 5);
      Path a1 = est.exportSavedModel(dir.resolve("export").resolve("a"));
      Path a2 = est.exportSavedModel(dir.resolve("export").resolve("a"));
      long a2Seconds = Long.parseLong(a2.getFileName().toString());
      while (System.currentTimeMillis() / 1000
          <= a2Seconds) { // export names are seconds: b comes a second later
        Thread.onSpinWait();
      }
      Path b = est.exportSavedModel(dir.resolve("export").resolve("b"));
      assertTrue(
          Long.parseLong(a2.getFileName().toString())
              > Long.parseLong(a1.getFileName().toString()));
      assertEquals(java.util.Optional.of(a2), est.latestExport("a"));
      assertEquals(java.util.Optional.of(b), est.latestExport());
      assertEquals(java.util.Optional.empty(), est.latestExport("none"));
    }
  }

  @Test
  void evalSpecChecksItsSettings() {
    EvalSpec<?, ?, ?> spec = EvalSpec.of(Tiny.evalInput());
    assertEquals(Duration.ofSeconds(600), spec.throttle(), "tf's default");
    assertEquals(Long.MAX_VALUE, spec.steps(), "the whole input");
    assertEquals(
        Duration.ofMinutes(2),
        EvalSpec.of(Tiny.evalInput()).throttle(Duration.ofMinutes(2)).throttle());
    assertEquals(
        "the eval throttle must be >= 0, got PT-1S",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvalSpec.of(Tiny.evalInput()).throttle(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "eval steps must be >= 1 batch, got 0 (leave steps unset to evaluate the whole input)",
        assertThrows(IllegalArgumentException.class, () -> EvalSpec.of(Tiny.evalInput()).steps(0))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EvalSpec.of(Tiny.evalInput())
                        .exporters(LatestExporter.of("x", 1), FinalExporter.of("x")))
            .getMessage()
            .startsWith("two exporters are named 'x'"));
  }
}
