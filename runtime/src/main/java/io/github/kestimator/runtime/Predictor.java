package io.github.kestimator.runtime;

import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.session.Feeds;
import io.github.kestimator.runtime.session.OutputArrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;

/**
 * Loads an exported SavedModel and predicts from typed features through its {@code serving_default}
 * signature. Safe to share between threads: each call builds its own batch and tensors, and
 * TensorFlow sessions run concurrently. {@link #close()} refuses new calls at once, waits for the
 * calls in flight to finish, then frees the model's native memory; a call after it throws {@link
 * IllegalStateException} (never a native crash).
 */
public class Predictor<F, P> implements AutoCloseable {
  private final ModelBinding<F, ?, P, ?> binding;
  private final Model model;
  private final SavedModelBundle bundle;
  private final SessionFunction serving;

  /** Calls hold the read lock while they use the bundle; close takes the write lock. */
  private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();

  private volatile boolean closed;
  private boolean bundleClosed;

  protected Predictor(ModelBinding<F, ?, P, ?> binding, Path savedModelDir) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.model = binding.model();
    if (!Files.isRegularFile(savedModelDir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          "no SavedModel in "
              + savedModelDir
              + " (no saved_model.pb there); give an export "
              + "directory such as <model_dir>/export/<name>/<timestamp>");
    }
    try {
      this.bundle = SavedModelBundle.load(savedModelDir.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load the SavedModel in "
              + savedModelDir
              + " (is saved_model.pb truncated,"
              + " or not a SavedModel with the tag 'serve'?): "
              + e.getMessage(),
          e);
    }
    try {
      this.serving = bundle.function(Signature.DEFAULT_KEY);
      check(serving.signature(), savedModelDir);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private void check(Signature sig, Path dir) {
    Set<String> wantIn = new TreeSet<>(model.features().stream().map(Feature::name).toList());
    Set<String> wantOut = new TreeSet<>(model.outputs().stream().map(Output::layer).toList());
    if (!new TreeSet<>(sig.inputNames()).equals(wantIn)
        || !new TreeSet<>(sig.outputNames()).containsAll(wantOut)) {
      throw new IllegalArgumentException(
          "SavedModel "
              + dir
              + " does not serve model '"
              + model.name()
              + "': its "
              + Signature.DEFAULT_KEY
              + " signature takes "
              + new TreeSet<>(sig.inputNames())
              + " and returns "
              + new TreeSet<>(sig.outputNames())
              + ", expected inputs "
              + wantIn
              + " and outputs "
              + wantOut);
    }
  }

  public P predict(F features) {
    return predict(List.of(features)).get(0);
  }

  /** Predicts the list as one batch. */
  public List<P> predict(List<F> features) {
    if (features.isEmpty()) {
      return List.of();
    }
    List<P> out = new ArrayList<>(features.size());
    try (BatchStream batches = Input.openFeatures(features, binding, features.size())) {
      while (batches.hasNext()) {
        HostBatch batch = batches.next();
        OutputArrays outputs = runOpen(batch);
        for (int row = 0; row < batch.rows(); row++) {
          out.add(binding.prediction(outputs, row));
        }
      }
    }
    return out;
  }

  private OutputArrays runOpen(HostBatch batch) {
    if (closed) {
      throw closedError();
    }
    inUse.readLock().lock();
    try {
      if (closed) {
        throw closedError();
      }
      return run(batch);
    } finally {
      inUse.readLock().unlock();
    }
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("this predictor of model '" + model.name() + "' is closed");
  }

  private OutputArrays run(HostBatch batch) {
    try (Feeds feeds = Feeds.of(batch, false);
        Result r = serving.call(feeds.asMap())) {
      List<Tensor> tensors = new ArrayList<>();
      List<String> names = model.outputs().stream().map(Output::layer).toList();
      for (String name : names) {
        tensors.add(
            r.get(name)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the SavedModel returned no output '" + name + "'")));
      }
      return OutputArrays.copyOf(tensors, names);
    }
  }

  /** Refuses new calls, waits for those in flight, then frees the SavedModel. Idempotent. */
  @Override
  public void close() {
    closed = true;
    inUse.writeLock().lock();
    try {
      if (!bundleClosed) {
        bundleClosed = true;
        bundle.close();
      }
    } finally {
      inUse.writeLock().unlock();
    }
  }
}
