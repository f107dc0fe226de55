package io.github.kestimator.runtime.session;

import io.github.kestimator.runtime.binding.OutputBatch;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A batch's outputs copied out of their tensors once, into one flat float[] per output, so the
 * tensors can be closed right after the run and readers share no native memory.
 */
public final class OutputArrays implements OutputBatch {
  private final float[][] values;
  private final int[] sizes;
  private final int rows;

  private OutputArrays(float[][] values, int[] sizes, int rows) {
    this.values = values;
    this.sizes = sizes;
    this.rows = rows;
  }

  /**
   * Copies {@code tensors} (float32, {@code [rows, ...]}, in output slot order). Does not close
   * them.
   */
  public static OutputArrays copyOf(List<? extends Tensor> tensors, List<String> names) {
    float[][] values = new float[tensors.size()][];
    int[] sizes = new int[tensors.size()];
    int rows = -1;
    for (int i = 0; i < values.length; i++) {
      Tensor t = tensors.get(i);
      if (!(t instanceof TFloat32 f)) {
        throw new IllegalStateException(
            "output '" + names.get(i) + "' is " + t.dataType() + ", expected float32");
      }
      long[] shape = t.shape().asArray();
      int r = shape.length == 0 ? 1 : (int) shape[0];
      if (rows >= 0 && r != rows) {
        throw new IllegalStateException(
            "output '"
                + names.get(i)
                + "' has "
                + r
                + " rows, output '"
                + names.get(0)
                + "' has "
                + rows);
      }
      rows = r;
      values[i] = new float[(int) t.shape().size()];
      f.copyTo(DataBuffers.of(values[i], false, false));
      sizes[i] = r == 0 ? 0 : values[i].length / r;
    }
    return new OutputArrays(values, sizes, Math.max(rows, 0));
  }

  public int rows() {
    return rows;
  }

  /** All values of one output, row-major. */
  public float[] values(int output) {
    return values[output];
  }

  @Override
  public float getFloat(int output, int row) {
    check(output, row);
    if (sizes[output] != 1) {
      throw new IllegalStateException(
          "output "
              + output
              + " holds "
              + sizes[output]
              + " values per example; read it with getFloats");
    }
    return values[output][row];
  }

  @Override
  public float[] getFloats(int output, int row) {
    check(output, row);
    int n = sizes[output];
    return Arrays.copyOfRange(values[output], row * n, row * n + n);
  }

  private void check(int output, int row) {
    if (output < 0 || output >= values.length) {
      throw new IndexOutOfBoundsException(
          "no output " + output + ": the model has " + values.length);
    }
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException(
          "row " + row + " is outside a batch of " + rows + " rows");
    }
  }
}
