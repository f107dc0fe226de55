package io.github.kestimator.runtime.input;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of a batch as the model wants it: a feature ({@link Model#features()} order) or a
 * label ({@link Model#outputs()} order).
 *
 * @param role {@code feature} or {@code label}, for messages
 * @param limit for integer slots, the exclusive upper bound of valid ids (an embedding's {@code
 *     inputDim}, a sparse label's class count), else 0
 * @param limitReason what the limit comes from, for messages
 */
public record Slot(
    String role, String name, DType dtype, Shape shape, int limit, String limitReason) {
  /** Values per example. */
  public int size() {
    return shape.size();
  }

  /** {@code feature 'words_input'}. */
  public String describe() {
    return role + " '" + name + "'";
  }

  public static List<Slot> features(Model model) {
    List<Slot> slots = new ArrayList<>();
    for (Feature f : model.features()) {
      int limit = 0;
      String reason = null;
      if (f.dtype() == DType.INT32) {
        // Ids out of range make TensorFlow's embedding lookup fail deep inside a step; catch them
        // here.
        for (Layer l : model.layers()) {
          if (l.kind() == LayerKind.EMBEDDING && l.inbound().contains(f.layer())) {
            limit = l.params().getInt("inputDim");
            reason = "embedding layer '" + l.name() + "' (inputDim " + limit + ")";
          }
        }
      }
      slots.add(new Slot("feature", f.name(), f.dtype(), f.shape(), limit, reason));
    }
    return List.copyOf(slots);
  }

  public static List<Slot> labels(Model model) {
    List<Slot> slots = new ArrayList<>();
    for (Output o : model.outputs()) {
      boolean classIds = o.labelDtype() == DType.INT32 && o.shape().rank() > 0;
      int limit = classIds ? o.shape().dim(-1) : 0;
      String reason = classIds ? "the " + limit + " classes of output '" + o.layer() + "'" : null;
      slots.add(new Slot("label", o.layer(), o.labelDtype(), o.labelShape(), limit, reason));
    }
    return List.copyOf(slots);
  }
}
