package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.runtime.modeldir.CheckpointState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training JVM killed with SIGKILL restarts from its last checkpoint with nothing corrupt. */
class KillTest {
  @TempDir Path tmp;

  /** The child: trains Tiny for a very long time, checkpointing every 20 steps. */
  public static void main(String[] args) {
    RunConfig config =
        Tiny.config(Path.of(args[0])).saveCheckpointsSteps(20).keepCheckpointMax(3).build();
    try (TinyEstimator est = Tiny.estimator(config)) {
      est.train(Tiny.trainInput(), 10_000_000);
    }
  }

  @Test
  void killedTrainingResumesFromItsLastCheckpoint() throws Exception {
    Path dir = tmp.resolve("m");
    long lastStep = 0;
    // Kill once right after the first checkpoints appear, once well into training.
    for (long killAfterStep : new long[] {20, 2_000}) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  KillTest.class.getName(),
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("child.log").toFile())
              .start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latest(dir) < killAfterStep + lastStep) {
          assertTrue(p.isAlive(), () -> "child exited: " + read(tmp.resolve("child.log")));
          assertTrue(System.nanoTime() < deadline, "child made no progress");
          Thread.sleep(5);
        }
        Thread.sleep(37); // land somewhere inside a step or a save
      } finally {
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor();
      }
      long latest = latest(dir);
      assertTrue(latest > lastStep, "checkpoints advanced: " + lastStep + " -> " + latest);
      for (String prefix : CheckpointState.read(dir).all()) {
        assertTrue(Files.size(dir.resolve(prefix + ".index")) > 0, prefix);
        assertTrue(Files.isRegularFile(dir.resolve(prefix + ".data-00000-of-00001")), prefix);
      }
      try (TinyEstimator est = Tiny.estimator(Tiny.config(dir).keepCheckpointMax(3).build())) {
        Map<String, Double> m = est.evaluate(Tiny.evalInput());
        assertEquals(latest, Tiny.step(m));
        assertTrue(Double.isFinite(Tiny.loss(m)));
        assertEquals(latest + 5, est.train(Tiny.trainInput(), 5));
      }
      lastStep = latest + 5;
    }
  }

  private static long latest(Path dir) {
    try {
      CheckpointState s = CheckpointState.read(dir);
      return s == null ? -1 : Long.parseLong(s.latest().substring(s.latest().lastIndexOf('-') + 1));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "checkpoint state unreadable while the child writes it: " + e.getMessage(), e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
