package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Tiny.TinyEstimator;
import io.github.kestimator.runtime.modeldir.CheckpointState;
import io.github.kestimator.runtime.modeldir.ModelDirLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model directory under faults: a second trainer, lost checkpoint files, leftovers of killed
 * runs.
 */
class ModelDirReliabilityTest {
  @TempDir Path tmp;

  TinyEstimator estimator(Path dir) {
    return Tiny.estimator(Tiny.config(dir).keepCheckpointMax(5).build());
  }

  @Test
  void aSecondTrainerIsRefusedNamingTheFirstAndAKilledOnesLockIsTakenOver() throws Exception {
    Path dir = tmp.resolve("m");
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
      while (CheckpointState.read(dir) == null) {
        assertTrue(p.isAlive(), () -> "child exited: " + read(tmp.resolve("child.log")));
        assertTrue(System.nanoTime() < deadline, "the child trainer made no checkpoint");
        Thread.sleep(5);
      }
      try (TinyEstimator second = estimator(dir)) {
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> second.train(Tiny.trainInput(), 5));
        assertTrue(
            e.getMessage().contains("is being trained by pid " + p.pid() + " on "), e.getMessage());
        assertTrue(
            e.getMessage()
                .contains("two trainers in one model dir would overwrite each other's checkpoints"),
            e.getMessage());
      }
    } finally {
      p.destroyForcibly(); // SIGKILL: the lock file stays, with the dead holder's pid in it
      p.waitFor();
    }
    assertTrue(Files.readString(dir.resolve(ModelDirLock.FILE_NAME)).startsWith("pid " + p.pid()));
    try (TinyEstimator next = estimator(dir)) {
      long latest = next.evaluate(Tiny.evalInput()).get("global_step").longValue();
      assertEquals(latest + 5, next.train(Tiny.trainInput(), 5), "the stale lock is taken over");
    }
    assertEquals(
        "", Files.readString(dir.resolve(ModelDirLock.FILE_NAME)), "released after training");
  }

  @Test
  void twoEstimatorsOfOneJvmDoNotTrainOneDirAtOnce() {
    Path dir = tmp.resolve("m");
    try (TinyEstimator e = estimator(dir);
        ModelDirLock held = ModelDirLock.acquire(dir)) {
      IllegalStateException ex =
          assertThrows(IllegalStateException.class, () -> e.train(Tiny.trainInput(), 5));
      assertTrue(
          ex.getMessage().contains("is being trained by another estimator in this JVM"),
          ex.getMessage());
    }
    try (TinyEstimator e = estimator(dir)) {
      assertEquals(5, e.train(Tiny.trainInput(), 5), "free again once released");
    }
  }

  @Test
  void deletedFilesOfTheLatestCheckpointFallBackToThePreviousOne() throws Exception {
    Path dir = tmp.resolve("m");
    try (TinyEstimator e = estimator(dir)) {
      assertEquals(150, e.train(Tiny.trainInput(), 150));
    }
    Files.delete(dir.resolve("model.ckpt-150.index"));
    Files.delete(dir.resolve("model.ckpt-150.data-00000-of-00001"));
    try (TinyEstimator e = estimator(dir)) {
      assertEquals(100, e.evaluate(Tiny.evalInput()).get("global_step").longValue());
      assertEquals(110, e.train(Tiny.trainInput(), 10));
    }
  }

  @Test
  void aDeletedStateFileResumesFromTheNewestCheckpointOnDiskWithoutOverwritingOne()
      throws Exception {
    Path dir = tmp.resolve("m");
    try (TinyEstimator e = estimator(dir)) {
      assertEquals(150, e.train(Tiny.trainInput(), 150));
    }
    byte[] ckpt100 = Files.readAllBytes(dir.resolve("model.ckpt-100.data-00000-of-00001"));
    Files.delete(dir.resolve(CheckpointState.FILE_NAME));
    try (TinyEstimator e = estimator(dir)) {
      assertEquals(150, e.evaluate(Tiny.evalInput()).get("global_step").longValue());
      assertEquals(200, e.train(Tiny.trainInput(), 50));
    }
    assertArrayEquals(
        ckpt100, Files.readAllBytes(dir.resolve("model.ckpt-100.data-00000-of-00001")));
    assertEquals("model.ckpt-200", CheckpointState.read(dir).latest());
    assertTrue(
        CheckpointState.read(dir).all().contains("model.ckpt-50"),
        "the checkpoints on disk are kept in the state");
  }

  @Test
  void checkpointFilesAllGoneIsAClearError() throws Exception {
    Path dir = tmp.resolve("m");
    try (TinyEstimator e = estimator(dir)) {
      e.train(Tiny.trainInput(), 50);
    }
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("model.ckpt-")).toList()) {
        Files.delete(f);
      }
    }
    try (TinyEstimator e = estimator(dir)) {
      IllegalStateException ex =
          assertThrows(IllegalStateException.class, () -> e.evaluate(Tiny.evalInput()));
      assertTrue(
          ex.getMessage()
              .contains(
                  "are missing (the 'checkpoint' file names model.ckpt-50 as the latest checkpoint)"
                      + " and no other complete checkpoint is in"),
          ex.getMessage());
    }
  }

  @Test
  void leftoversOfAKilledSaveAndOfAKilledExportAreSwept() throws Exception {
    Path dir = tmp.resolve("m");
    try (TinyEstimator e = estimator(dir)) {
      e.train(Tiny.trainInput(), 10);
      Path tempstate =
          Files.writeString(
              dir.resolve("model.ckpt-60.data-00000-of-00001.tempstate1234567"), "partial");
      e.train(Tiny.trainInput(), 10);
      assertFalse(
          Files.exists(tempstate), "a killed save's temp file is deleted when training starts");

      Path base = dir.resolve("export").resolve("best");
      Path old = Files.createDirectories(base.resolve("temp-1700000000-123"));
      Files.writeString(old.resolve("saved_model.pb"), "half");
      Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
      Path young = Files.createDirectories(base.resolve("temp-1700000001-456"));
      Path export = e.exportSavedModel(base);
      assertTrue(Files.isRegularFile(export.resolve("saved_model.pb")));
      assertFalse(Files.exists(old), "an abandoned export directory is deleted");
      assertTrue(Files.exists(young), "a recent one may be another process's export in progress");
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
