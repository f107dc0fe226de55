package io.github.kestimator.runtime.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A variable read only by gathering rows ({@code Embedding}): {@code rows = gather(table, ids)}.
 *
 * <p>Keras on TensorFlow gets such a variable's gradient as {@code tf.IndexedSlices}, one slice per
 * looked-up id, and its optimizers square the slices before they are summed into rows: the
 * second-moment accumulators of Adam, RMSprop, Adagrad and Nadam add {@code sum(g_k^2)} over the
 * occurrences {@code k} of an id in the batch, not {@code (sum g_k)^2}. The optimizer
 * differentiates {@code rows} instead of {@code table} to compute exactly that (and the dense sum
 * for the first moment).
 */
public record Lookup(Operand<TFloat32> table, Operand<TInt32> ids, Operand<TFloat32> rows) {}
