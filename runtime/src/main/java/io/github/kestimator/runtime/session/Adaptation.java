package io.github.kestimator.runtime.session;

import io.github.kestimator.model.Layer;
import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.layers.Adapter;
import io.github.kestimator.runtime.layers.LayerState;
import io.github.kestimator.runtime.layers.LayerStates;
import io.github.kestimator.runtime.modeldir.Checkpoints;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras' {@code adapt} for a model directory: the preprocessing layers that {@link
 * Layer#needsAdapt() need adapt} learn their state (vocabularies, idf weights, means and variances)
 * from one pass over a training input and store it in {@code <model_dir>/assets/} ({@link
 * LayerStates}), before step 0 is saved. Training adapts by itself when the directory has neither a
 * checkpoint nor the state; a directory with a checkpoint keeps its state (it is never recomputed
 * on resume, as the trained weights belong to it). Call both methods holding the directory's {@link
 * io.github.kestimator.runtime.modeldir.ModelDirLock}.
 */
public final class Adaptation {
  private static final Logger LOG = LoggerFactory.getLogger(Adaptation.class);

  private final Model model;
  private final Path modelDir;
  private final Checkpoints checkpoints;
  private final LayerStates states;

  public Adaptation(Model model, Path modelDir, Checkpoints checkpoints) {
    this.model = Objects.requireNonNull(model, "model");
    this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.states = LayerStates.of(modelDir);
  }

  /**
   * Before the first training step: adapts the layers that need it and have no state, from one pass
   * of {@code data}, when the directory has no checkpoint; else does nothing and never opens {@code
   * data}.
   *
   * @return whether it adapted
   */
  public boolean adaptMissing(Supplier<BatchStream> data) {
    List<Layer> missing = states.missing(model);
    if (missing.isEmpty() || checkpoints.latestStep().isPresent()) {
      return false;
    }
    adapt(missing, data);
    return true;
  }

  /**
   * Adapts every layer that needs adapt from one pass of {@code data}, replacing stored state.
   *
   * @throws IllegalStateException when the model has no such layer, or the directory already has a
   *     checkpoint (its weights were trained on the stored state)
   */
  public void adaptAll(Supplier<BatchStream> data) {
    List<Layer> targets = model.layers().stream().filter(Layer::needsAdapt).toList();
    if (targets.isEmpty()) {
      throw new IllegalStateException(
          "model '"
              + model.name()
              + "' has no layer to adapt: adapt learns the vocabulary"
              + " of a TextVectorization, StringLookup or IntegerLookup without one, or the mean and variance of a"
              + " Normalization without them");
    }
    if (checkpoints.latestStep().isPresent()) {
      throw new IllegalStateException(
          "cannot adapt model '"
              + model.name()
              + "': "
              + modelDir
              + " already has checkpoint "
              + checkpoints.prefix(checkpoints.latestStep().getAsLong())
              + ", trained on the adapted state in "
              + states.dir()
              + "; adapt in a new model dir");
    }
    adapt(targets, data);
  }

  private void adapt(List<Layer> targets, Supplier<BatchStream> data) {
    LOG.info(
        "Adapting {} from one pass of its input, unshuffled and unrepeated (it must end: give an endless"
            + " training input a finite one with TrainSpec.adaptOn(input) or estimator.adapt(input)).",
        targets.stream().map(Layer::name).toList());
    long start = System.nanoTime();
    Map<Layer, LayerState> adapted;
    long rows;
    try (Adapter a = new Adapter(model, targets);
        BatchStream batches = data.get()) {
      adapted = a.run(batches);
      rows = a.rows();
    }
    states.write(adapted);
    double secs = (System.nanoTime() - start) / 1e9;
    for (Map.Entry<Layer, LayerState> e : adapted.entrySet()) {
      LayerState s = e.getValue();
      LOG.info(
          "Adapted {} layer '{}' on {} examples: {} -> {}",
          e.getKey().kind().kerasName(),
          e.getKey().name(),
          rows,
          s.vocabulary() != null
              ? s.vocabulary().size() + " vocabulary entries"
              : "mean and variance",
          states.dir(e.getKey().name()));
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "Adapt read %d examples in %.3f s (%.0f examples/s).",
            rows,
            secs,
            rows / secs));
  }
}
