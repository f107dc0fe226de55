package io.github.kestimator.runtime;

import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.Batcher;
import io.github.kestimator.runtime.input.CsvSource;
import io.github.kestimator.runtime.input.Cursor;
import io.github.kestimator.runtime.input.Located;
import io.github.kestimator.runtime.input.Prefetcher;
import io.github.kestimator.runtime.input.Shuffle;
import io.github.kestimator.runtime.input.Slot;
import io.github.kestimator.runtime.input.Source;
import io.github.kestimator.runtime.input.TfRecordExampleSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An input function: where examples come from and how they are shuffled, repeated, batched and
 * prefetched. Immutable: every transformation returns a new Input.
 *
 * <p>Whatever order the transformations are called in, opening runs them in the order tf.data's
 * guide recommends: shuffle, repeat, batch, prefetch. So every epoch is shuffled on its own,
 * batches run across epoch boundaries, and only the very last batch may be partial. Each epoch,
 * including the epochs of later {@link #open opens} of the same Input, is shuffled with its own
 * seed derived from the shuffle seed and the epoch's number, so a run is reproducible and does not
 * replay the same order after every evaluation.
 */
public final class Input<F, L> {
  /** Keras' default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  private final String description;
  private final Source<Example<F, L>> source;
  private final int shuffleBuffer;
  private final long seed;
  private final long repeat;
  private final int batchSize;
  private final int prefetch;

  /** Epochs shuffled so far: numbers the shuffle seeds of the next ones. */
  private final AtomicLong epochs = new AtomicLong();

  private Input(
      String description,
      Source<Example<F, L>> source,
      int shuffleBuffer,
      long seed,
      long repeat,
      int batchSize,
      int prefetch) {
    this.description = description;
    this.source = source;
    this.shuffleBuffer = shuffleBuffer;
    this.seed = seed;
    this.repeat = repeat;
    this.batchSize = batchSize;
    this.prefetch = prefetch;
  }

  /** Examples from memory; the iterable is iterated once per epoch. */
  public static <F, L> Input<F, L> of(Iterable<Example<F, L>> examples) {
    Objects.requireNonNull(examples, "examples");
    return from("examples", Source.of(examples));
  }

  /**
   * Examples from a CSV file whose header names the model's features and labels (output layer
   * names), one column each; a cell holding several values separates them by spaces. The header is
   * checked each time the input is opened.
   */
  public static <F, L> Input<F, L> csv(Path file, ModelBinding<F, L, ?, ?> binding) {
    return from("csv(" + file + ")", new CsvSource<>(file, binding));
  }

  /**
   * Examples from TFRecord files of tf.train.Example keyed by feature and label names, in file
   * order.
   */
  public static <F, L> Input<F, L> tfRecord(ModelBinding<F, L, ?, ?> binding, Path... files) {
    return from(
        "tfRecord(" + List.of(files) + ")", new TfRecordExampleSource<>(List.of(files), binding));
  }

  /**
   * Examples from any source, e.g. a database cursor; {@code description} appears in {@link
   * #toString()}.
   */
  public static <F, L> Input<F, L> from(String description, Source<Example<F, L>> source) {
    return new Input<>(
        description, Objects.requireNonNull(source, "source"), 0, 0, 1, DEFAULT_BATCH_SIZE, 0);
  }

  /** tf.data's {@code shuffle(buffer_size, seed)}: a buffer of 1 keeps the order. */
  public Input<F, L> shuffle(int bufferSize, long seed) {
    positive("shuffle buffer size", bufferSize);
    return new Input<>(description, source, bufferSize, seed, repeat, batchSize, prefetch);
  }

  /** Rows per batch (default {@value #DEFAULT_BATCH_SIZE}); the last batch keeps the remainder. */
  public Input<F, L> batch(int batchSize) {
    positive("batch size", batchSize);
    return new Input<>(description, source, shuffleBuffer, seed, repeat, batchSize, prefetch);
  }

  /** Repeats forever. */
  public Input<F, L> repeat() {
    return new Input<>(description, source, shuffleBuffer, seed, -1, batchSize, prefetch);
  }

  /** Passes over the data {@code count} times in all. */
  public Input<F, L> repeat(int count) {
    positive("repeat count", count);
    return new Input<>(description, source, shuffleBuffer, seed, count, batchSize, prefetch);
  }

  /** Prepares up to {@code batches} batches ahead on a background thread. */
  public Input<F, L> prefetch(int batches) {
    positive("prefetch buffer", batches);
    return new Input<>(description, source, shuffleBuffer, seed, repeat, batchSize, batches);
  }

  public int batchSize() {
    return batchSize;
  }

  /**
   * Starts reading: batches with features and labels laid out for {@code binding}'s model. Close
   * it.
   */
  public BatchStream open(ModelBinding<F, L, ?, ?> binding) {
    var model = binding.model();
    Cursor<Located<Example<F, L>>> examples =
        Shuffle.repeat(source, shuffleBuffer, seed, epochs, repeat);
    BatchStream batches =
        new Batcher<>(
            examples,
            batchSize,
            Slot.features(model),
            Slot.labels(model),
            (example, features, labels, row) -> {
              binding.writeFeatures(example.features(), features, row);
              binding.writeLabels(example.labels(), labels, row);
            });
    return prefetch > 0 ? new Prefetcher(batches, prefetch) : batches;
  }

  /**
   * One pass over the examples in source order (no shuffle, no repeat, no prefetch), in this
   * input's batches: what adapt reads, as Keras' {@code adapt} reads a dataset once.
   */
  public BatchStream openOnePass(ModelBinding<F, L, ?, ?> binding) {
    var model = binding.model();
    Cursor<Located<Example<F, L>>> examples = Shuffle.repeat(source, 0, 0, new AtomicLong(), 1);
    return new Batcher<>(
        examples,
        batchSize,
        Slot.features(model),
        Slot.labels(model),
        (example, features, labels, row) -> {
          binding.writeFeatures(example.features(), features, row);
          binding.writeLabels(example.labels(), labels, row);
        });
  }

  /** Batches of features only, in order, for prediction. */
  public static <F> BatchStream openFeatures(
      Iterable<F> features, ModelBinding<F, ?, ?, ?> binding, int batchSize) {
    positive("batch size", batchSize);
    return new Batcher<>(
        Source.of(features).open(),
        batchSize,
        Slot.features(binding.model()),
        null,
        (f, batch, labels, row) -> binding.writeFeatures(f, batch, row));
  }

  /**
   * The pipeline, e.g. {@code csv(train.csv).shuffle(1000,
   * seed=42).repeat().batch(32).prefetch(2)}.
   */
  @Override
  public String toString() {
    return description
        + (shuffleBuffer > 0 ? ".shuffle(" + shuffleBuffer + ", seed=" + seed + ")" : "")
        + (repeat < 0 ? ".repeat()" : repeat > 1 ? ".repeat(" + repeat + ")" : "")
        + ".batch("
        + batchSize
        + ")"
        + (prefetch > 0 ? ".prefetch(" + prefetch + ")" : "");
  }

  private static void positive(String what, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }
}
