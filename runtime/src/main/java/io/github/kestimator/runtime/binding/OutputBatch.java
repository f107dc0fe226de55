package io.github.kestimator.runtime.binding;

/** The outputs of a batch, read by generated bindings; output slots follow the model's outputs. */
public interface OutputBatch {
  /** The single value of an output whose example shape holds one value. */
  float getFloat(int output, int row);

  /** One example's values of an output, flat in row-major order. */
  float[] getFloats(int output, int row);
}
