package io.github.kestimator.runtime.session;

import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * tf.estimator's {@code predict}: a lazy stream of predictions from a PREDICT session of its own on
 * the model directory's state, run one batch at a time as the stream is read. The session is closed
 * when the stream is exhausted or closed.
 */
public final class PredictionStream {
  /** Rows per batch when predicting from an iterable of features. */
  public static final int BATCH_SIZE = 128;

  private PredictionStream() {}

  /**
   * Opens the session and restores it now (so a missing checkpoint fails here), then predicts as
   * the stream is read.
   */
  public static <F, P> Stream<P> open(
      ModelBinding<F, ?, P, ?> binding, RunConfig config, Restorer restorer, Iterable<F> features) {
    ModelSession s = ModelSession.open(binding.model(), Mode.PREDICT, config);
    BatchStream batches;
    try {
      restorer.restore(s);
      batches = Input.openFeatures(features, binding, BATCH_SIZE);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    AtomicBoolean closed = new AtomicBoolean();
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            try (s) {
              batches.close();
            }
          }
        };
    Iterator<P> it =
        new Iterator<>() {
          private final ArrayDeque<P> ready = new ArrayDeque<>();

          @Override
          public boolean hasNext() {
            while (ready.isEmpty() && !closed.get()) {
              if (!batches.hasNext()) {
                close.run();
                break;
              }
              HostBatch batch = batches.next();
              OutputArrays out = s.run(batch).outputs();
              for (int row = 0; row < batch.rows(); row++) {
                ready.add(binding.prediction(out, row));
              }
            }
            return !ready.isEmpty();
          }

          @Override
          public P next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return ready.poll();
          }
        };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .onClose(close);
  }
}
