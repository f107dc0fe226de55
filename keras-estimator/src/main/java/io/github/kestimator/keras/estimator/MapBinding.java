package io.github.kestimator.keras.estimator;

import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The untyped binding of a model known only at run time: features are a map from feature name
 * (the Keras input name) to one example's values, flattened row-major ({@code float[]}, or
 * {@code int[]} for integer inputs such as Embedding ids); labels and predictions are maps from
 * output layer name to {@code float[]}; metrics a map from metric key ({@code loss}, ...) to value,
 * with {@code global_step}.
 */
public final class MapBinding
    implements ModelBinding<Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
  private final Model model;

  public MapBinding(Model model) {
    this.model = model;
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public void writeFeatures(Map<String, Object> features, TensorBatch batch, int row) {
    List<Feature> fs = model.features();
    for (int slot = 0; slot < fs.size(); slot++) {
      Feature f = fs.get(slot);
      Object v = features.get(f.name());
      if (v == null) {
        throw new IllegalArgumentException("no feature '" + f.name() + "'; model '" + model.name() + "' takes "
            + fs.stream().map(Feature::name).toList() + ", got " + features.keySet());
      }
      int size = f.shape().size();
      if (f.dtype() == DType.INT32) {
        batch.put(slot, row, checkSize(f.name(), ints(f.name(), v), size));
      } else {
        batch.put(slot, row, checkSize(f.name(), floats(f.name(), v), size));
      }
    }
  }

  @Override
  public void writeLabels(Map<String, Object> labels, TensorBatch batch, int row) {
    List<Output> os = model.outputs();
    for (int slot = 0; slot < os.size(); slot++) {
      Output o = os.get(slot);
      Object v = labels.get(o.layer());
      if (v == null) {
        throw new IllegalArgumentException("no label '" + o.layer() + "'; model '" + model.name() + "' has outputs "
            + os.stream().map(Output::layer).toList() + ", got " + labels.keySet());
      }
      int size = o.labelShape().size();
      if (o.labelDtype() == DType.INT32) {
        batch.put(slot, row, checkSize(o.layer(), ints(o.layer(), v), size));
      } else {
        batch.put(slot, row, checkSize(o.layer(), floats(o.layer(), v), size));
      }
    }
  }

  @Override
  public Map<String, Object> readFeatures(ColumnReader columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Feature f : model.features()) {
      int size = f.shape().size();
      out.put(f.name(), f.dtype() == DType.INT32 ? columns.getInts(f.name(), size) : columns.getFloats(f.name(), size));
    }
    return out;
  }

  @Override
  public Map<String, Object> readLabels(ColumnReader columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Output o : model.outputs()) {
      int size = o.labelShape().size();
      out.put(o.layer(), o.labelDtype() == DType.INT32 ? columns.getInts(o.layer(), size) : columns.getFloats(o.layer(), size));
    }
    return out;
  }

  @Override
  public Map<String, float[]> prediction(OutputBatch outputs, int row) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int i = 0; i < model.outputs().size(); i++) {
      out.put(model.outputs().get(i).layer(), outputs.getFloats(i, row));
    }
    return out;
  }

  @Override
  public Map<String, Double> metrics(MetricValues values) {
    Map<String, Double> out = new TreeMap<>(values.values());
    out.put("global_step", (double) values.globalStep());
    return out;
  }

  private static float[] floats(String name, Object v) {
    if (v instanceof float[] f) {
      return f;
    }
    if (v instanceof Number n) {
      return new float[] {n.floatValue()};
    }
    if (v instanceof int[] i) {
      float[] f = new float[i.length];
      for (int k = 0; k < i.length; k++) {
        f[k] = i[k];
      }
      return f;
    }
    throw new IllegalArgumentException("'" + name + "' must be a float[] (or a number), got " + v.getClass().getSimpleName());
  }

  private static int[] ints(String name, Object v) {
    if (v instanceof int[] i) {
      return i;
    }
    if (v instanceof Integer n) {
      return new int[] {n};
    }
    if (v instanceof float[] f) {
      int[] i = new int[f.length];
      for (int k = 0; k < f.length; k++) {
        if (f[k] != Math.rint(f[k])) {
          throw new IllegalArgumentException("'" + name + "' takes integer ids, got " + f[k] + " at index " + k);
        }
        i[k] = (int) f[k];
      }
      return i;
    }
    throw new IllegalArgumentException("'" + name + "' must be an int[] (integer ids), got " + v.getClass().getSimpleName());
  }

  private static float[] checkSize(String name, float[] v, int size) {
    if (v.length != size) {
      throw new IllegalArgumentException("'" + name + "' has " + v.length + " values per example, the model takes " + size);
    }
    return v;
  }

  private static int[] checkSize(String name, int[] v, int size) {
    if (v.length != size) {
      throw new IllegalArgumentException("'" + name + "' has " + v.length + " values per example, the model takes " + size);
    }
    return v;
  }
}
