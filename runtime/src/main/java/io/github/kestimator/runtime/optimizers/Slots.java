package io.github.kestimator.runtime.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Makes an optimizer's state variables; the graph registers, initializes and checkpoints them. */
public interface Slots {
  /**
   * A variable shaped like {@code variable} (named after it and {@code slot}), starting at {@code
   * initial}.
   *
   * @param index the variable's position in the trainable list, for naming
   */
  Variable<TFloat32> slot(int index, Operand<TFloat32> variable, String slot, float initial);

  /** A scalar optimizer variable shared by all weights (Nadam's momentum-cache product). */
  Variable<TFloat32> scalar(String name, float initial);
}
