package io.github.kestimator.spark;

import io.github.kestimator.runtime.input.TfRecordExamples;
import io.github.kestimator.runtime.input.TfRecordWriter;
import io.github.kestimator.spark.ServingSignature.Kind;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Writes a training task's partition, as it streams from Spark, to a TFRecord file of
 * tf.train.Example on the executor's local disk, keyed by feature and label names. Training reads
 * it back with the runtime's TFRecord input, so every epoch streams from disk: a Spark partition
 * iterator can be read only once, and collecting it would hold the whole partition in memory.
 */
final class PartitionSpill {
  private PartitionSpill() {}

  /** Writes every row of {@code rows} to {@code file}; returns the row count. */
  static long write(Iterator<Row> rows, List<FeedColumn> columns, int partition, Path file) {
    long n = 0;
    try (TfRecordWriter w = TfRecordWriter.create(file)) {
      while (rows.hasNext()) {
        Row row = rows.next();
        String where = "at row " + n + " of partition " + partition;
        Map<String, Object> example = new LinkedHashMap<>();
        for (FeedColumn c : columns) {
          int size = c.tensor().size();
          if (c.tensor().kind() == Kind.INT32) {
            int[] v = new int[size];
            c.readInts(row, where, v, 0);
            example.put(c.tensor().name(), v);
          } else {
            float[] v = new float[size];
            c.readFloats(row, where, v, 0);
            example.put(c.tensor().name(), v);
          }
        }
        w.write(TfRecordExamples.encode(example));
        n++;
      }
    }
    return n;
  }
}
