package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.LocalCluster.Task;
import io.github.kestimator.runtime.binding.MapBinding;
import io.github.kestimator.runtime.distribute.TfConfig;
import io.github.kestimator.runtime.export.SavedModelDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trainAndEvaluate on a TF_CONFIG cluster of separate JVMs (ps, chief, worker, evaluator) on
 * TensorFlow's own gRPC runtime over loopback.
 */
class DistributedTrainingTest {
  @TempDir Path tmp;

  @Test
  void fourRolesTrainToMaxStepsAndTheEvaluatorExports() throws Exception {
    long maxSteps = 600;
    try (LocalCluster cluster = new LocalCluster(tmp, maxSteps, 1)) {
      cluster.start("ps", 0);
      Task chief = cluster.start("chief", 0);
      Task worker = cluster.start("worker", 0);
      Task evaluator = cluster.start("evaluator", 0);
      chief.awaitSuccess(90);
      worker.awaitSuccess(30);
      evaluator.awaitSuccess(30);
      long chiefSteps = chief.stepsRan();
      long workerSteps = worker.stepsRan();
      System.out.println("chief ran " + chiefSteps + ", worker ran " + workerSteps);
      assertTrue(
          chiefSteps > 0 && workerSteps > 0,
          "both trained: chief " + chiefSteps + ", worker " + workerSteps);
      // Every step increments the one global_step on the ps: the tasks' steps add up to max steps,
      // plus at most one step each task began before it saw max steps reached.
      assertTrue(
          chiefSteps + workerSteps >= maxSteps && chiefSteps + workerSteps <= maxSteps + 1,
          "chief " + chiefSteps + " + worker " + workerSteps);
      assertTrue(
          cluster.latestCheckpoint() >= maxSteps, "final checkpoint " + cluster.latestCheckpoint());
      assertEquals(1, SavedModelDirs.list(cluster.modelDir().resolve("export/final")).size());
      assertTrue(SavedModelDirs.list(cluster.modelDir().resolve("export/latest")).size() >= 1);
      assertTrue(
          Files.list(cluster.modelDir().resolve("eval"))
              .anyMatch(f -> f.getFileName().toString().startsWith("events.out")));
      assertTrue(evaluator.output().contains("final metrics: {accuracy="), evaluator.output());
      assertTrue(
          chief.output().contains("no metrics on this task"),
          "trainAndEvaluate returned empty on the chief");
      assertTrue(
          worker.output().contains("no metrics on this task"),
          "trainAndEvaluate returned empty on the worker");

      Map<String, Double> local;
      try (Tiny.TinyEstimator est = Tiny.estimator(Tiny.config(tmp.resolve("local")).build())) {
        est.trainUntil(Tiny.trainInput(), maxSteps);
        local = est.evaluate(Tiny.evalInput());
      }
      Map<String, Double> distributed;
      try (Tiny.TinyEstimator est = Tiny.estimator(Tiny.config(cluster.modelDir()).build())) {
        distributed = est.evaluate(Tiny.evalInput());
      }
      System.out.println("local " + local + ", distributed " + distributed);
      assertTrue(
          Tiny.accuracy(distributed) >= Tiny.accuracy(local) - 0.05,
          "accuracy: local " + local + ", distributed " + distributed);
      assertTrue(
          Tiny.loss(distributed) <= Tiny.loss(local) * 1.5 + 0.02,
          "loss: local " + local + ", distributed " + distributed);
    }
  }

  @Test
  void aWarmStartedChiefStartsTheSharedVariablesFromTheInitialWeights() throws Exception {
    long maxSteps = 5;
    try (LocalCluster cluster = new LocalCluster(tmp, maxSteps, 1).warmStarted()) {
      cluster.start("ps", 0);
      Task chief = cluster.start("chief", 0); // alone, so that its steps are the only ones
      chief.awaitSuccess(90);
      assertTrue(chief.output().contains("Warm-started 2 weights of model 'Tiny'"), chief.output());
      chief.await("Restored checkpoint \\S*model\\.ckpt-0 \\(global step 0\\)", 1);
      MapBinding warm = new MapBinding(Tiny.MODEL, "/io/github/kestimator/runtime/tiny.weights");
      List<Map<String, Object>> probe = Tiny.features(Tiny.data(8, 3));
      List<Float> local;
      try (Tiny.TinyEstimator est =
          new Tiny.TinyEstimator(warm, Tiny.config(tmp.resolve("local")).build())) {
        assertEquals(maxSteps, est.trainUntil(Tiny.trainInput(), maxSteps));
        local = est.predict(probe).map(Tiny::score).toList();
      }
      List<Float> distributed;
      try (Tiny.TinyEstimator est =
          new Tiny.TinyEstimator(warm, Tiny.config(cluster.modelDir()).build())) {
        distributed = est.predict(probe).map(Tiny::score).toList();
      }
      for (int i = 0; i < probe.size(); i++) {
        assertEquals(
            local.get(i),
            distributed.get(i),
            1e-6f,
            "row " + i + ": local " + local + ", distributed " + distributed);
      }
    }
  }

  @Test
  void aKilledWorkerRestartsAndRejoins() throws Exception {
    long maxSteps = 4_000;
    try (LocalCluster cluster = new LocalCluster(tmp, maxSteps, 1)) {
      cluster.start("ps", 0);
      Task chief = cluster.start("chief", 0);
      Task worker = cluster.start("worker", 0);
      worker.await("task worker:0: loss = \\S+, global step = \\d+", 60);
      worker.kill();
      Task restarted = cluster.start("worker", 0);
      chief.awaitSuccess(90);
      restarted.awaitSuccess(30);
      long ran = restarted.stepsRan();
      System.out.println("restarted worker ran " + ran + ", chief ran " + chief.stepsRan());
      assertTrue(ran > 0, "the restarted worker trained:\n" + restarted.output());
      assertTrue(
          cluster.latestCheckpoint() >= maxSteps, "final checkpoint " + cluster.latestCheckpoint());
    }
  }

  @Test
  void aKilledChiefResumesFromItsLastCheckpoint() throws Exception {
    long maxSteps = 4_000;
    try (LocalCluster cluster = new LocalCluster(tmp, maxSteps, 1)) {
      cluster.start("ps", 0);
      Task chief = cluster.start("chief", 0);
      Task worker = cluster.start("worker", 0);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (cluster.latestCheckpoint() < 300) {
        assertTrue(chief.process().isAlive() && System.nanoTime() < deadline, chief.output());
        Thread.sleep(20);
      }
      Thread.sleep(37); // somewhere inside a step or a save
      chief.kill();
      long last = cluster.latestCheckpoint();
      Task restarted = cluster.start("chief", 0);
      var restored =
          restarted.await(
              "Restored checkpoint \\S*model\\.ckpt-(\\d+) \\(global step (\\d+)\\)", 60);
      assertEquals(last, Long.parseLong(restored.group(1)), restarted.output());
      assertEquals(last, Long.parseLong(restored.group(2)), restarted.output());
      restarted.awaitSuccess(90);
      worker.awaitSuccess(30);
      System.out.println(
          "killed chief at checkpoint "
              + last
              + "; restarted chief ran "
              + restarted.stepsRan()
              + ", worker ran "
              + worker.stepsRan());
      assertTrue(
          cluster.latestCheckpoint() >= maxSteps, "final checkpoint " + cluster.latestCheckpoint());
    }
  }

  @Test
  void malformedTfConfigFailsTheRoleProcessQuotingIt() throws Exception {
    try (LocalCluster cluster = new LocalCluster(tmp, 10, 1)) {
      Task t =
          cluster.start(
              "bad",
              "{\"cluster\": {\"chief\": [\"localhost:1\"]}, \"task\": {\"type\": \"chief\" \"index\": 0}}");
      assertTrue(t.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), t.output());
      assertEquals(1, t.process().exitValue(), t.output());
      assertTrue(
          t.output()
              .contains(
                  "IllegalArgumentException: TF_CONFIG is not valid JSON: invalid JSON at line 1, column 66: "
                      + "expected '}' near ...\": {\"type\": \"chief\" \"index\": 0}}..."),
          t.output());
    }
  }

  @Test
  void earlyStoppingIsRefusedOnACluster() {
    TfConfig evaluator = TfConfig.parse("{\"task\": {\"type\": \"evaluator\", \"index\": 0}}");
    try (Tiny.TinyEstimator est =
        Tiny.estimator(Tiny.config(tmp.resolve("m")).tfConfig(evaluator).build())) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  est.trainAndEvaluate(
                      TrainSpec.of(Tiny.trainInput()).maxSteps(10),
                      EvalSpec.of(Tiny.evalInput())
                          .earlyStopping(EarlyStopping.minimize(Tiny::loss).patience(2))));
      assertTrue(
          e.getMessage().startsWith("early stopping is not supported in distributed training"),
          e.getMessage());
    }
  }
}
