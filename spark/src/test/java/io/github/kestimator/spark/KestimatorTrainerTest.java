package io.github.kestimator.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit in local[4,2] (4 task slots, 2 attempts per task): 1 ps, the chief, 1 worker and the
 * evaluator as one barrier stage, on a sentiment-like synthetic task: label 1 rows draw 85% of
 * their 12 tokens from ids 25..49, label 0 rows from 0..24.
 */
class KestimatorTrainerTest {
  @TempDir static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[4,2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** {@code n} labelled rows: {@code label} (float) and {@code tokens} (array<int>[12]). */
  static Dataset<Row> sentiment(long n, long seed) {
    return spark
        .range(0, n, 1, 4)
        .selectExpr("id", "cast(pmod(hash(id, " + seed + "), 2) as float) as label")
        .selectExpr(
            "id",
            "label",
            "transform(sequence(0, 11), i -> cast(if(pmod(hash(id, i, "
                + seed
                + "), 100) < 85, "
                + "cast(label as int) * 25 + pmod(hash(id, i, 1), 25), pmod(hash(id, i, 2), 50)) as int)) as tokens");
  }

  @Test
  void aPipelineHoldingTheTrainerSavesAndLoadsItsParams() throws Exception {
    KestimatorTrainer trainer =
        new KestimatorTrainer()
            .setKerasFile("/data/model.h5")
            .setModelDir("/data/model")
            .setNumWorkers(3)
            .setMaxSteps(777)
            .setInputCol("input_layer", "tokens")
            .setLabelCol("dense", "label");
    String path = tmp.resolve("trainer-pipeline").toString();
    new Pipeline().setStages(new PipelineStage[] {trainer}).write().overwrite().save(path);
    KestimatorTrainer loaded = (KestimatorTrainer) Pipeline.load(path).getStages()[0];
    assertEquals(trainer.uid(), loaded.uid());
    assertEquals("/data/model.h5", loaded.getOrDefault(loaded.kerasFile()));
    assertEquals(3, loaded.getOrDefault(loaded.numWorkers()));
    assertEquals(777L, loaded.getOrDefault(loaded.maxSteps()));
    assertEquals(
        java.util.Map.of("input_layer", "tokens"), loaded.getOrDefault(loaded.inputCols()));
    assertEquals(java.util.Map.of("dense", "label"), loaded.getOrDefault(loaded.labelCols()));
  }

  @Test
  void aClusterLargerThanTheSlotsIsRefusedAtOnce() {
    KestimatorTrainer trainer =
        new KestimatorTrainer()
            .setKerasFile(FixtureExport.kerasFile().toString())
            .setModelDir(tmp.resolve("too-big").toString())
            .setNumWorkers(3)
            .setInputCol("input_layer", "tokens")
            .setLabelCol("dense", "label");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> trainer.fit(sentiment(100, 1)));
    assertEquals(
        "fit runs 6 barrier tasks at once (1 ps, the chief, 3 worker(s), the evaluator), but master local[4,2] "
            + "runs 4 tasks at a time; use local[6] or more, or fewer workers (setNumWorkers), ps tasks (setNumPs) or no "
            + "evaluator (setEvaluator(false))",
        e.getMessage());
  }

  @Test
  void trainsOnABarrierStageSurvivesAFailedWorkerAndReturnsAWorkingTransformer() throws Exception {
    Path marker = tmp.resolve("failed-once");
    int[] failedStages = {0};
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onStageCompleted(SparkListenerStageCompleted stage) {
                if (stage.stageInfo().failureReason().isDefined()) {
                  failedStages[0]++;
                }
              }
            });
    KestimatorTrainer trainer =
        new KestimatorTrainer()
            .setKerasFile(FixtureExport.kerasFile().toString())
            .setModelDir(tmp.resolve("model").toString())
            .setNumPs(1)
            .setNumWorkers(1)
            .setEvaluator(true)
            .setMaxSteps(400)
            .setBatchSize(32)
            .setSaveCheckpointsSteps(50)
            .setEvalThrottleSecs(1)
            .setInputCol("input_layer", "tokens")
            .setLabelCol("dense", "label")
            .setFailOnceMarker(marker.toString());
    long start = System.nanoTime();
    KestimatorModel model = trainer.fit(sentiment(6_000, 7));
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainingSummary summary = model.trainingSummary().orElseThrow();
    System.out.printf(
        "fit: %.1f s, stage attempt %d, metrics %s%n",
        seconds, summary.stageAttempt(), summary.metrics());
    summary.tasks().forEach(t -> System.out.println("  " + t));

    assertTrue(Files.exists(marker), "the worker's injected failure ran");
    assertEquals(1, summary.stageAttempt(), "the barrier stage ran twice");
    assertTrue(failedStages[0] >= 1);
    TaskReport chief = summary.task("chief:0");
    assertTrue(
        chief.startStep() >= 200,
        "the retried chief resumed from the checkpoint at half of max steps: " + chief);
    assertTrue(chief.endStep() >= 400, chief.toString());
    assertTrue(summary.metrics().get("global_step") >= 400, summary.metrics().toString());
    assertTrue(summary.metrics().get("accuracy") >= 0.90, summary.metrics().toString());

    // The transformer of the chief's export scores new rows; the pipeline holding it saves and
    // loads.
    Dataset<Row> fresh = sentiment(2_000, 11);
    List<Row> scored = model.transform(fresh).select("label", "dense").collectAsList();
    long right =
        scored.stream().filter(r -> (r.getFloat(1) >= 0.5f) == (r.getFloat(0) == 1f)).count();
    System.out.println("transformer accuracy on new rows: " + right / 2000.0);
    assertTrue(right >= 0.9 * 2000, right + " of 2000");

    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {model}).fit(fresh);
    String path = tmp.resolve("fitted-pipeline").toString();
    pipeline.write().overwrite().save(path);
    List<Row> again =
        PipelineModel.load(path).transform(fresh).select("label", "dense").collectAsList();
    assertEquals(scored.size(), again.size());
  }
}
