package io.github.kestimator.runtime.input;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * tf.data's prefetch: a daemon thread fills up to {@code capacity} batches ahead of the consumer,
 * so reading and parsing overlap with training. A failure on that thread is thrown to the consumer
 * with the same message; closing stops the thread and closes the upstream.
 */
public final class Prefetcher implements BatchStream {
  private static final Object END = new Object();

  private record Failure(Throwable error) {}

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean closed;
  private Object next;

  public Prefetcher(BatchStream upstream, int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(() -> produce(upstream), "kestimator-prefetch");
    thread.setDaemon(true);
    thread.start();
  }

  private void produce(BatchStream upstream) {
    try (upstream) {
      while (!closed && upstream.hasNext()) {
        if (!offer(upstream.next())) {
          return;
        }
      }
      offer(END);
    } catch (Throwable t) {
      offer(new Failure(t));
    }
  }

  /** Waits for room; false when the stream was closed meanwhile. */
  private boolean offer(Object o) {
    try {
      queue.put(o);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next batch", e);
      }
    }
    if (next instanceof Failure f) {
      // Keep the failure: asking again gives the same error, not a silent end.
      Throwable t = f.error();
      throw new InputException(t instanceof InputException ? t.getMessage() : String.valueOf(t), t);
    }
    return next != END;
  }

  @Override
  public HostBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    HostBatch b = (HostBatch) next;
    next = null;
    return b;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.interrupt();
    queue.clear(); // unblocks a producer waiting for room
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the producer thread has stopped (for tests). */
  boolean producerStopped() {
    return !thread.isAlive();
  }
}
