package io.github.kestimator.runtime.input;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * tf.data's buffered shuffle: keep up to {@code bufferSize} elements, emit a random one and put the
 * next upstream element in its place. A buffer at least as large as the data gives a uniform
 * shuffle; a buffer of 1 keeps the order. Element {@code i} of the output comes from the first
 * {@code i + bufferSize} upstream elements.
 */
final class Shuffler<T> implements Cursor<T> {
  private final Cursor<T> upstream;
  private final int bufferSize;
  private final SplittableRandom random;
  private final List<T> buffer;

  Shuffler(Cursor<T> upstream, int bufferSize, SplittableRandom random) {
    this.upstream = upstream;
    this.bufferSize = bufferSize;
    this.random = random;
    this.buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
  }

  @Override
  public boolean hasNext() {
    fill();
    return !buffer.isEmpty();
  }

  @Override
  public T next() {
    fill();
    if (buffer.isEmpty()) {
      throw new NoSuchElementException();
    }
    int i = random.nextInt(buffer.size());
    T out = buffer.get(i);
    T last = buffer.remove(buffer.size() - 1);
    if (i < buffer.size()) {
      buffer.set(i, last);
    }
    return out;
  }

  private void fill() {
    while (buffer.size() < bufferSize && upstream.hasNext()) {
      buffer.add(upstream.next());
    }
  }

  @Override
  public void close() {
    buffer.clear();
    upstream.close();
  }
}
