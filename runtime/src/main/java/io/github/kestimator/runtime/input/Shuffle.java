package io.github.kestimator.runtime.input;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Shuffled, repeated passes over a source: tf.data's {@code shuffle(...).repeat(...)}. */
public final class Shuffle {
  private Shuffle() {}

  /**
   * {@code count} epochs of {@code source} (forever if negative), each shuffled through a buffer of
   * {@code bufferSize} (not at all if 0) with a seed derived from {@code seed} and the epoch's
   * number, taken from {@code epochs}.
   */
  public static <T> Cursor<Located<T>> repeat(
      Source<T> source, int bufferSize, long seed, AtomicLong epochs, long count) {
    return new Repeater<>(
        () -> {
          Cursor<Located<T>> c = source.open();
          return bufferSize > 0
              ? new Shuffler<>(
                  c, bufferSize, new SplittableRandom(epochSeed(seed, epochs.getAndIncrement())))
              : c;
        },
        count);
  }

  /**
   * A well-mixed seed per epoch (SplitMix64's finalizer), so nearby seeds give unrelated orders.
   */
  static long epochSeed(long seed, long epoch) {
    long z = seed + (epoch + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
