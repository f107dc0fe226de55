/**
 * The input pipeline behind {@link io.github.kestimator.runtime.Input}: examples from memory, CSV
 * files or TFRecord files of tf.train.Example ({@link io.github.kestimator.runtime.input.Source}),
 * shuffled and repeated ({@link io.github.kestimator.runtime.input.Shuffle}), written through the
 * generated binding into primitive arrays ({@link io.github.kestimator.runtime.input.ArrayBatch},
 * {@link io.github.kestimator.runtime.input.Batcher}) and optionally prepared ahead on a thread
 * ({@link io.github.kestimator.runtime.input.Prefetcher}).
 *
 * <p>The estimator reads it as {@code try (BatchStream s = input.open(binding)) { ... }}: each
 * {@link io.github.kestimator.runtime.input.HostBatch} holds {@code rows()} examples, one flat
 * {@code float[]} or {@code int[]} per feature (in {@code Model.features()} order) and per label
 * (in {@code Model.outputs()} order), ready to become tensors of shape {@code [rows, ...shape]}.
 *
 * <p>{@link io.github.kestimator.runtime.input.TfRecordWriter} and {@link
 * io.github.kestimator.runtime.input.TfRecordReader} are TensorFlow's TFRecord format, also usable
 * for TensorBoard event files. Data errors are {@link
 * io.github.kestimator.runtime.input.InputException}s naming file, line or record, and column or
 * key.
 */
package io.github.kestimator.runtime.input;
