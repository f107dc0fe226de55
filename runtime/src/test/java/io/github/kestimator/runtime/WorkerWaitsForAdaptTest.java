package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.distribute.ClusterTraining;
import io.github.kestimator.runtime.layers.LayerStates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster worker opens its session only once the chief has adapted the preprocessing layers into
 * the shared model dir (its lookup tables are filled from those files), instead of failing when it
 * starts first.
 */
class WorkerWaitsForAdaptTest {
  @TempDir Path dir;

  @Test
  void waitsUntilTheChiefHasWrittenTheState() throws Exception {
    Path modelDir = dir.resolve("model");
    CompletableFuture<Void> chief =
        CompletableFuture.runAsync(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(700);
                try (RawTextEstimatorTest.RawTextEstimator e =
                    RawTextEstimatorTest.estimator(modelDir)) {
                  e.adapt(Input.of(RawTextEstimatorTest.examples()).batch(16));
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long start = System.nanoTime();
    ClusterTraining.awaitAdaptedState(
        RawTextEstimatorTest.MODEL, modelDir, "worker:0", Duration.ofSeconds(60));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    chief.get(60, TimeUnit.SECONDS);
    assertEquals(List.of(), LayerStates.of(modelDir).missing(RawTextEstimatorTest.MODEL));
    assertTrue(
        waitedMillis >= 600, "returned after " + waitedMillis + " ms, before the chief adapted");
  }

  @Test
  void namesTheLayersAndTheDirectoryWhenTheChiefNeverAdapts() {
    Path modelDir = dir.resolve("never");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ClusterTraining.awaitAdaptedState(
                    RawTextEstimatorTest.MODEL, modelDir, "worker:1", Duration.ofMillis(300)));
    assertTrue(
        e.getMessage()
            .startsWith("task worker:1 waited PT0.3S for the chief to adapt [text] into "),
        e.getMessage());
    assertTrue(e.getMessage().contains("estimator.adapt(input)"), e.getMessage());
  }

  @Test
  void aModelWithoutAdaptedLayersDoesNotWait() throws Exception {
    ClusterTraining.awaitAdaptedState(
        Tiny.MODEL, dir.resolve("plain"), "worker:0", Duration.ofMillis(1));
  }
}
