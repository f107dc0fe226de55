package io.github.kestimator.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one layer or optimizer, normalized by {@link ParamType#coerce} and
 * completed with defaults. Immutable. Iteration order is the definition order.
 */
public final class Params {
  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Params empty() {
    return new Params(Map.of());
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Object get(String name) {
    Object v = values.get(name);
    if (v == null && !values.containsKey(name)) {
      throw new IllegalArgumentException("no parameter '" + name + "' in " + values.keySet());
    }
    return v;
  }

  public int getInt(String name) {
    return (Integer) get(name);
  }

  public double getDouble(String name) {
    return (Double) get(name);
  }

  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  public String getString(String name) {
    return (String) get(name);
  }

  @SuppressWarnings("unchecked")
  public List<Integer> getInts(String name) {
    return (List<Integer>) get(name);
  }

  public long getLong(String name) {
    return (Long) get(name);
  }

  @SuppressWarnings("unchecked")
  public List<String> getStrings(String name) {
    return (List<String>) get(name);
  }

  @SuppressWarnings("unchecked")
  public List<Double> getDoubles(String name) {
    return (List<Double>) get(name);
  }

  @SuppressWarnings("unchecked")
  public List<Long> getLongs(String name) {
    return (List<Long>) get(name);
  }

  /**
   * An optional parameter's value ({@link ParamDef#optional}: a list of at most one), or null when
   * not given.
   */
  public Object optional(String name) {
    List<?> l = (List<?>) get(name);
    return l.isEmpty() ? null : l.get(0);
  }

  /**
   * An int-list parameter's value for each of {@code rank} spatial axes; one given value means
   * every axis, as Keras reads {@code kernel_size=3}.
   */
  public int[] perAxis(String name, int rank) {
    List<Integer> given = getInts(name);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = given.get(given.size() == 1 ? 0 : i);
    }
    return out;
  }

  public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
    return type.cast(get(name));
  }

  public Activation activation(String name) {
    return getEnum(name, Activation.class);
  }

  public Initializer initializer(String name) {
    return (Initializer) get(name);
  }

  public Constraint constraint(String name) {
    return (Constraint) get(name);
  }

  public LearningRateSchedule schedule(String name) {
    return (LearningRateSchedule) get(name);
  }

  public Regularizer regularizer(String name) {
    return (Regularizer) get(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
