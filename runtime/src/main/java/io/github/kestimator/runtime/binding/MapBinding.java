package io.github.kestimator.runtime.binding;

import io.github.kestimator.runtime.input.InputException;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The untyped binding of a model known only at run time, with no generated records (what
 * {@code KerasEstimator} uses for a Keras file): features are a map from feature name (the Keras
 * input name) to one example's values, flattened row-major ({@code float[]}, or {@code int[]} for
 * integer inputs such as Embedding ids; a number for a one-value input); labels and predictions are
 * maps from output layer name to {@code float[]}; metrics a map from metric key ({@code loss}, ...)
 * to value, with {@code global_step}. A missing key or a value of the wrong kind is an
 * {@link InputException} naming the feature or output and what the model takes; a wrong length is
 * refused as for any binding ({@link TensorBatch} checks it).
 */
public final class MapBinding
    implements ModelBinding<Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
  private final Model model;
  private final String initialWeightsResource;

  /** The binding of {@code model}, without initial weights. */
  public MapBinding(Model model) {
    this.model = Objects.requireNonNull(model, "model");
    this.initialWeightsResource = null;
  }

  /**
   * The binding of {@code model} with initial weights in class path resource
   * {@code initialWeightsResource} ({@link ModelBinding#initialWeightsResource()}), an absolute
   * resource name such as {@code /com/example/models/Churn.weights}.
   *
   * @throws IllegalArgumentException when the name does not start with {@code /}
   */
  public MapBinding(Model model, String initialWeightsResource) {
    this.model = Objects.requireNonNull(model, "model");
    if (!initialWeightsResource.startsWith("/")) {
      throw new IllegalArgumentException("the initial weights resource of a MapBinding must be an absolute resource name"
          + " (starting with '/', e.g. /com/example/models/Churn.weights), got '" + initialWeightsResource + "'");
    }
    this.initialWeightsResource = initialWeightsResource;
  }

  @Override
  public String initialWeightsResource() {
    return initialWeightsResource;
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
        throw new InputException("no feature '" + f.name() + "'; model '" + model.name() + "' takes "
            + fs.stream().map(Feature::name).toList() + ", got " + features.keySet());
      }
      if (f.dtype() == DType.INT32) {
        batch.put(slot, row, ints(f.name(), v));
      } else {
        batch.put(slot, row, floats(f.name(), v));
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
        throw new InputException("no label '" + o.layer() + "'; model '" + model.name() + "' has outputs "
            + os.stream().map(Output::layer).toList() + ", got " + labels.keySet());
      }
      if (o.labelDtype() == DType.INT32) {
        batch.put(slot, row, ints(o.layer(), v));
      } else {
        batch.put(slot, row, floats(o.layer(), v));
      }
    }
  }

  @Override
  public Map<String, Object> readFeatures(ColumnReader columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Feature f : model.features()) {
      out.put(f.name(), read(columns, f.name(), f.dtype(), f.shape().size()));
    }
    return out;
  }

  @Override
  public Map<String, Object> readLabels(ColumnReader columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Output o : model.outputs()) {
      out.put(o.layer(), read(columns, o.layer(), o.labelDtype(), o.labelShape().size()));
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

  /** One value as a generated binding reads it ({@code getFloat} for a one-value column), always as an array. */
  private static Object read(ColumnReader columns, String name, DType dtype, int size) {
    if (dtype == DType.INT32) {
      return size == 1 ? new int[] {columns.getInt(name)} : columns.getInts(name, size);
    }
    return size == 1 ? new float[] {columns.getFloat(name)} : columns.getFloats(name, size);
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
    throw new InputException("'" + name + "' must be a float[] (or a number), got " + v.getClass().getSimpleName());
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
          throw new InputException("'" + name + "' takes integer ids, got " + f[k] + " at index " + k);
        }
        i[k] = (int) f[k];
      }
      return i;
    }
    throw new InputException("'" + name + "' must be an int[] (integer ids), got " + v.getClass().getSimpleName());
  }
}
