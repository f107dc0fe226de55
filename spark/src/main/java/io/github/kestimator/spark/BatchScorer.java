package io.github.kestimator.spark;

import io.github.kestimator.spark.ServingSignature.Kind;
import io.github.kestimator.spark.ServingSignature.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tensorflow.Result;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Scores one partition as it streams: reads up to {@code batchSize} rows, runs them through the
 * serving function as one batch, and hands out each input row with the model's outputs appended (a
 * {@code float} for a one-value output, else {@code array<float>}). Only one batch of rows is held
 * at a time.
 */
final class BatchScorer implements Iterator<Row> {
  private final Iterator<Row> rows;
  private final SessionFunction serving;
  private final List<FeedColumn> feeds;
  private final List<TensorSpec> outputs;
  private final int batchSize;
  private final int partition;
  private final List<Row> pending = new ArrayList<>();
  private Row[] ready = new Row[0];
  private int next;
  private long rowNumber;

  BatchScorer(
      Iterator<Row> rows,
      SessionFunction serving,
      List<FeedColumn> feeds,
      List<TensorSpec> outputs,
      int batchSize,
      int partition) {
    this.rows = rows;
    this.serving = serving;
    this.feeds = feeds;
    this.outputs = outputs;
    this.batchSize = batchSize;
    this.partition = partition;
  }

  @Override
  public boolean hasNext() {
    if (next < ready.length) {
      return true;
    }
    if (!rows.hasNext()) {
      return false;
    }
    scoreNextBatch();
    return next < ready.length;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = ready[next];
    ready[next++] = null;
    return r;
  }

  private void scoreNextBatch() {
    pending.clear();
    long first = rowNumber;
    while (pending.size() < batchSize && rows.hasNext()) {
      pending.add(rows.next());
      rowNumber++;
    }
    int n = pending.size();
    Map<String, Tensor> in = new HashMap<>();
    try {
      for (FeedColumn f : feeds) {
        in.put(f.tensor().name(), tensor(f, first, n));
      }
      float[][] values = new float[outputs.size()][];
      try (Result r = serving.call(in)) {
        for (int o = 0; o < outputs.size(); o++) {
          TensorSpec spec = outputs.get(o);
          Tensor t =
              r.get(spec.name())
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "the SavedModel returned no output '" + spec.name() + "'"));
          values[o] = floats(t, n * spec.size());
        }
      }
      ready = new Row[n];
      next = 0;
      for (int row = 0; row < n; row++) {
        Row input = pending.get(row);
        Object[] cells = new Object[input.length() + outputs.size()];
        for (int c = 0; c < input.length(); c++) {
          cells[c] = input.get(c);
        }
        for (int o = 0; o < outputs.size(); o++) {
          int size = outputs.get(o).size();
          if (size == 1) {
            cells[input.length() + o] = values[o][row];
          } else {
            float[] v = new float[size];
            System.arraycopy(values[o], row * size, v, 0, size);
            cells[input.length() + o] = v;
          }
        }
        ready[row] = RowFactory.create(cells);
      }
      pending.clear();
    } finally {
      in.values().forEach(Tensor::close);
    }
  }

  private Tensor tensor(FeedColumn f, long first, int n) {
    TensorSpec spec = f.tensor();
    int size = spec.size();
    long[] dims = spec.dims().clone();
    dims[0] = n;
    Shape shape = Shape.of(dims);
    if (spec.kind() == Kind.INT32) {
      int[] values = new int[n * size];
      for (int row = 0; row < n; row++) {
        f.readInts(pending.get(row), where(first + row), values, row * size);
      }
      return TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
    }
    if (spec.kind() == Kind.DOUBLE) {
      double[] values = new double[n * size];
      for (int row = 0; row < n; row++) {
        f.readDoubles(pending.get(row), where(first + row), values, row * size);
      }
      return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
    }
    float[] values = new float[n * size];
    for (int row = 0; row < n; row++) {
      f.readFloats(pending.get(row), where(first + row), values, row * size);
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  private String where(long row) {
    return "at row " + row + " of partition " + partition;
  }

  private static float[] floats(Tensor t, int count) {
    float[] out = new float[count];
    if (t instanceof TFloat32 f) {
      f.copyTo(DataBuffers.of(out, false, false));
    } else if (t instanceof TFloat64 d) {
      double[] v = new double[count];
      d.copyTo(DataBuffers.of(v, false, false));
      for (int i = 0; i < count; i++) {
        out[i] = (float) v[i];
      }
    } else if (t instanceof TInt32 i32) {
      int[] v = new int[count];
      i32.copyTo(DataBuffers.of(v, false, false));
      for (int i = 0; i < count; i++) {
        out[i] = v[i];
      }
    } else {
      throw new IllegalStateException("cannot read a " + t.dataType() + " output into a DataFrame");
    }
    return out;
  }
}
