package io.github.kestimator.runtime.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's NHWC window ({@code [1, (1,) s..., 1]}) for Conv2D and the pooling ops. 1-D layers
 * run as 2-D over a height of 1, so they get an extra 1 for that height.
 */
final class Window {
  private Window() {}

  static List<Long> nhwc(int[] perAxis) {
    List<Long> w = new ArrayList<>(List.of(1L));
    if (perAxis.length == 1) {
      w.add(1L);
    }
    for (int v : perAxis) {
      w.add((long) v);
    }
    w.add(1L);
    return w;
  }
}
