package io.github.kestimator.runtime.input;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Passes over a source {@code count} times (forever if negative), opening it again for each epoch.
 * A source that yields nothing in an epoch ends the repetition, as tf.data's repeat does, instead
 * of spinning forever.
 */
final class Repeater<T> implements Cursor<T> {
  private final Supplier<Cursor<T>> openEpoch;
  private final long count;
  private long epoch;
  private Cursor<T> current;
  private boolean currentYielded;
  private boolean done;

  /** {@code openEpoch} opens the next epoch of the data. */
  Repeater(Supplier<Cursor<T>> openEpoch, long count) {
    this.openEpoch = openEpoch;
    this.count = count;
  }

  @Override
  public boolean hasNext() {
    while (!done) {
      if (current == null) {
        if (count >= 0 && epoch >= count) {
          done = true;
          break;
        }
        current = openEpoch.get();
        epoch++;
        currentYielded = false;
      }
      if (current.hasNext()) {
        return true;
      }
      current.close();
      current = null;
      done = !currentYielded;
    }
    return false;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    currentYielded = true;
    return current.next();
  }

  @Override
  public void close() {
    done = true;
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
