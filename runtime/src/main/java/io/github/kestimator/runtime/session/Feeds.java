package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Shape;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.input.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The tensors fed for one batch, keyed by placeholder name: features by their feature names, labels
 * as {@code <output>_label}. Owns the tensors; close it after the run.
 */
public final class Feeds implements AutoCloseable {
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  /** The features of {@code batch}, and its labels too when {@code withLabels}. */
  public static Feeds of(HostBatch batch, boolean withLabels) {
    Feeds f = new Feeds();
    try {
      List<Slot> fs = batch.featureSlots();
      for (int i = 0; i < fs.size(); i++) {
        f.add(fs.get(i).name(), fs.get(i), batch.feature(i), batch.rows());
      }
      if (withLabels) {
        List<Slot> ls = batch.labelSlots();
        for (int i = 0; i < ls.size(); i++) {
          f.add(labelName(ls.get(i).name()), ls.get(i), batch.label(i), batch.rows());
        }
      }
      return f;
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** The placeholder a label is fed through: {@code <output>_label}. */
  public static String labelName(String output) {
    return output + "_label";
  }

  private void add(String name, Slot slot, Object values, int rows) {
    tensors.put(name, tensor(slot.shape(), values, rows));
  }

  /**
   * A {@code [rows, ...shape]} tensor over a copy of {@code values}: float[], int[], long[] (int64)
   * or String[] (a string tensor, each value UTF-8 encoded).
   */
  public static Tensor tensor(Shape shape, Object values, int rows) {
    org.tensorflow.ndarray.Shape s = org.tensorflow.ndarray.Shape.of(shape.withBatch(rows));
    if (values instanceof float[] a) {
      return TFloat32.tensorOf(s, DataBuffers.of(a, true, false));
    }
    if (values instanceof int[] a) {
      return TInt32.tensorOf(s, DataBuffers.of(a, true, false));
    }
    if (values instanceof long[] a) {
      return TInt64.tensorOf(s, DataBuffers.of(a, true, false));
    }
    if (values instanceof String[] a) {
      return TString.tensorOf(s, DataBuffers.ofObjects(a));
    }
    throw new IllegalArgumentException(
        "expected float[], int[], long[] or String[] batch values, got "
            + values.getClass().getName());
  }

  public Map<String, Tensor> asMap() {
    return tensors;
  }

  /** A runner fed with these tensors. */
  public Session.Runner feed(Session.Runner runner) {
    tensors.forEach(runner::feed);
    return runner;
  }

  @Override
  public void close() {
    List<RuntimeException> errors = new ArrayList<>();
    for (Tensor t : tensors.values()) {
      try {
        t.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    tensors.clear();
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }
}
