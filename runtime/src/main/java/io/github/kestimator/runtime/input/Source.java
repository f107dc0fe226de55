package io.github.kestimator.runtime.input;

/** Where elements come from; each {@link #open()} starts a new pass (epoch) from the beginning. */
@FunctionalInterface
public interface Source<T> {
  Cursor<Located<T>> open();

  /** An in-memory source: elements are {@code example 0}, {@code example 1}, ... */
  static <T> Source<T> of(Iterable<T> elements) {
    return () -> {
      var it = elements.iterator();
      return Cursor.of(
          new java.util.Iterator<>() {
            long index;

            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Located<T> next() {
              return new Located<>(it.next(), "example", index++);
            }
          });
    };
  }
}
