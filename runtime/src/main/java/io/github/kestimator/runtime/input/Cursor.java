package io.github.kestimator.runtime.input;

import java.util.Iterator;

/** An iterator that may hold files open. */
public interface Cursor<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();

  /** A cursor over an in-memory iterator; nothing to close. */
  static <T> Cursor<T> of(Iterator<T> it) {
    return new Cursor<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
