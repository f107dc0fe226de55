package io.github.kestimator.runtime.binding;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.runtime.input.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The untyped binding of a model known only at run time, with no generated records (what {@code
 * KerasEstimator} uses for a Keras file): features are a map from feature name (the Keras input
 * name) to one example's values, flattened row-major ({@code float[]}, or {@code int[]} for integer
 * inputs such as Embedding ids, {@code long[]} for int64 inputs such as IntegerLookup's, a {@code
 * String} or {@code String[]} for string inputs such as TextVectorization's; a number for a
 * one-value input); labels and predictions are maps from output layer name to {@code float[]};
 * metrics a map from metric key ({@code loss}, ...) to value, with {@code global_step}. A missing
 * key or a value of the wrong kind is an {@link InputException} naming the feature or output and
 * what the model takes; a wrong length is refused as for any binding ({@link TensorBatch} checks
 * it).
 */
public final class MapBinding
    implements ModelBinding<
        Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>> {
  private final Model model;
  private final String initialWeightsResource;

  /** The binding of {@code model}, without initial weights. */
  public MapBinding(Model model) {
    this.model = Objects.requireNonNull(model, "model");
    this.initialWeightsResource = null;
  }

  /**
   * The binding of {@code model} with initial weights in class path resource {@code
   * initialWeightsResource} ({@link ModelBinding#initialWeightsResource()}), an absolute resource
   * name such as {@code /com/example/models/Churn.weights}.
   *
   * @throws IllegalArgumentException when the name does not start with {@code /}
   */
  public MapBinding(Model model, String initialWeightsResource) {
    this.model = Objects.requireNonNull(model, "model");
    if (!initialWeightsResource.startsWith("/")) {
      throw new IllegalArgumentException(
          "the initial weights resource of a MapBinding must be an absolute resource name"
              + " (starting with '/', e.g. /com/example/models/Churn.weights), got '"
              + initialWeightsResource
              + "'");
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
        throw new InputException(
            "no feature '"
                + f.name()
                + "'; model '"
                + model.name()
                + "' takes "
                + fs.stream().map(Feature::name).toList()
                + ", got "
                + features.keySet());
      }
      switch (f.dtype()) {
        case INT32 -> batch.put(slot, row, ints(f.name(), v));
        case INT64 -> batch.put(slot, row, longs(f.name(), v));
        case STRING -> batch.put(slot, row, strings(f.name(), v));
        case FLOAT32 -> batch.put(slot, row, floats(f.name(), v));
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
        throw new InputException(
            "no label '"
                + o.layer()
                + "'; model '"
                + model.name()
                + "' has outputs "
                + os.stream().map(Output::layer).toList()
                + ", got "
                + labels.keySet());
      }
      switch (o.labelDtype()) {
        case INT32 -> batch.put(slot, row, ints(o.layer(), v));
        case INT64 -> batch.put(slot, row, longs(o.layer(), v));
        case STRING -> batch.put(slot, row, strings(o.layer(), v));
        case FLOAT32 -> batch.put(slot, row, floats(o.layer(), v));
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

  /**
   * One value as a generated binding reads it ({@code getFloat} for a one-value column), always as
   * an array.
   */
  private static Object read(ColumnReader columns, String name, DType dtype, int size) {
    return switch (dtype) {
      case INT32 -> size == 1 ? new int[] {columns.getInt(name)} : columns.getInts(name, size);
      case INT64 -> size == 1 ? new long[] {columns.getLong(name)} : columns.getLongs(name, size);
      case STRING ->
          size == 1 ? new String[] {columns.getString(name)} : columns.getStrings(name, size);
      case FLOAT32 ->
          size == 1 ? new float[] {columns.getFloat(name)} : columns.getFloats(name, size);
    };
  }

  private static long[] longs(String name, Object v) {
    if (v instanceof long[] l) {
      return l;
    }
    if (v instanceof Long || v instanceof Integer) {
      return new long[] {((Number) v).longValue()};
    }
    if (v instanceof int[] i) {
      long[] l = new long[i.length];
      for (int k = 0; k < i.length; k++) {
        l[k] = i[k];
      }
      return l;
    }
    throw new InputException(
        "'"
            + name
            + "' must be a long[] (int64 values) or a long, got "
            + v.getClass().getSimpleName());
  }

  private static String[] strings(String name, Object v) {
    if (v instanceof String[] a) {
      return a;
    }
    if (v instanceof String t) {
      return new String[] {t};
    }
    throw new InputException(
        "'" + name + "' must be a String (or a String[]), got " + v.getClass().getSimpleName());
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
    throw new InputException(
        "'" + name + "' must be a float[] (or a number), got " + v.getClass().getSimpleName());
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
          throw new InputException(
              "'" + name + "' takes integer ids, got " + f[k] + " at index " + k);
        }
        i[k] = (int) f[k];
      }
      return i;
    }
    throw new InputException(
        "'" + name + "' must be an int[] (integer ids), got " + v.getClass().getSimpleName());
  }
}
