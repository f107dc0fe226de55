package io.github.kestimator.runtime.input;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups elements into {@link HostBatch}es of {@code batchSize} rows (the last one may be smaller),
 * writing each element through the generated binding into fresh preallocated arrays. A bad element
 * is reported with where it came from.
 */
public final class Batcher<T> implements BatchStream {
  /** Writes one element into row {@code row}; {@code labels} is null for prediction batches. */
  @FunctionalInterface
  public interface RowWriter<T> {
    void write(T element, ArrayBatch features, ArrayBatch labels, int row);
  }

  private final Cursor<Located<T>> upstream;
  private final int batchSize;
  private final List<Slot> featureSlots;
  private final List<Slot> labelSlots;
  private final RowWriter<T> writer;

  /** {@code labelSlots} null means batches without labels. */
  public Batcher(
      Cursor<Located<T>> upstream,
      int batchSize,
      List<Slot> featureSlots,
      List<Slot> labelSlots,
      RowWriter<T> writer) {
    this.upstream = upstream;
    this.batchSize = batchSize;
    this.featureSlots = featureSlots;
    this.labelSlots = labelSlots;
    this.writer = writer;
  }

  @Override
  public boolean hasNext() {
    return upstream.hasNext();
  }

  @Override
  public HostBatch next() {
    if (!upstream.hasNext()) {
      throw new NoSuchElementException();
    }
    ArrayBatch features = new ArrayBatch(featureSlots, batchSize);
    ArrayBatch labels = labelSlots == null ? null : new ArrayBatch(labelSlots, batchSize);
    int rows = 0;
    while (rows < batchSize && upstream.hasNext()) {
      Located<T> element = upstream.next();
      try {
        writer.write(element.value(), features, labels, rows);
      } catch (InputException e) {
        throw new InputException(element + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        // e.g. a null array in a record: still say which example it was
        throw new InputException(element + ": " + e, e);
      }
      rows++;
    }
    return new HostBatch(
        rows,
        featureSlots,
        features.take(rows),
        labelSlots,
        labels == null ? null : labels.take(rows));
  }

  @Override
  public void close() {
    upstream.close();
  }
}
