package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Tiny.TinyEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A predictor shared by threads, closed while they call it. */
class PredictorConcurrencyTest {
  @TempDir Path tmp;

  @Test
  void closeUnderLoadWaitsForCallsInFlightAndRefusesNewOnes() throws Exception {
    Path export;
    try (TinyEstimator e = Tiny.estimator(Tiny.config(tmp.resolve("m")).build())) {
      e.train(Tiny.trainInput(), 20);
      export = e.exportSavedModel(tmp.resolve("export"));
    }
    List<Map<String, Object>> batch = Tiny.features(Tiny.data(256, 3));
    Predictor<Map<String, Object>, Map<String, float[]>> predictor = Tiny.predictor(export);
    List<Float> expected = predictor.predict(batch).stream().map(Tiny::score).toList();

    AtomicInteger ok = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> wrong = new ConcurrentLinkedQueue<>();
    CountDownLatch running = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                running.countDown();
                while (true) {
                  try {
                    List<Float> got = predictor.predict(batch).stream().map(Tiny::score).toList();
                    if (!got.equals(expected)) {
                      wrong.add(new AssertionError("a prediction changed under load"));
                    }
                    ok.incrementAndGet();
                  } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("is closed")) {
                      wrong.add(e);
                    }
                    refused.incrementAndGet();
                    return;
                  } catch (Throwable e) {
                    wrong.add(e);
                    return;
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    running.await();
    while (ok.get() < 40) {
      Thread.sleep(1);
    }
    long start = System.nanoTime();
    predictor.close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    for (Thread th : threads) {
      th.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(!th.isAlive(), "a calling thread did not stop after close()");
    }
    assertTrue(wrong.isEmpty(), () -> "unexpected: " + wrong);
    assertEquals(4, refused.get(), "every thread's next call after close() is refused");
    assertTrue(closeMillis < 10_000, "close() waited " + closeMillis + " ms");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> predictor.predict(batch.get(0)));
    assertTrue(e.getMessage().contains("predictor of model 'Tiny' is closed"), e.getMessage());
    predictor.close(); // idempotent
  }
}
