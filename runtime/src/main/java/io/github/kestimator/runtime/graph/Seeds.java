package io.github.kestimator.runtime.graph;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent, stable 64-bit seeds from the run's seed and names (layer, weight, purpose),
 * so that a fixed seed gives the same initial weights and dropout masks in every run and every
 * mode, whatever order variables are created in.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for {@code seed} and the given names: FNV-1a over the names, mixed with SplitMix64. */
  public static long of(long seed, String... names) {
    long h = 0xcbf29ce484222325L;
    for (String n : names) {
      for (byte b : n.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ 0x2f) * 0x100000001b3L; // separator, so ("ab","c") != ("a","bc")
    }
    return mix(h ^ mix(seed));
  }

  /** SplitMix64's finalizer: spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
