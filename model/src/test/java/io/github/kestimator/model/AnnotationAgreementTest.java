package io.github.kestimator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The annotations users write and the model module's parameter definitions must agree: same
 * parameter names, same Keras defaults, same enum constants. The annotations are retained in source
 * only, but their element defaults are still readable from the class files by reflection.
 */
class AnnotationAgreementTest {
  private static final String PKG = "io.github.kestimator.annotations.";

  /**
   * Annotation elements that are structure (name, from), not parameters, and {@code
   * vocabularyResource}, which the processor reads into {@code vocabulary}.
   */
  private static final List<String> STRUCTURAL = List.of("name", "from", "vocabularyResource");

  @Test
  void everyLayerKindHasAnAnnotationWithTheSameParametersAndDefaults() throws Exception {
    for (LayerKind kind : LayerKind.values()) {
      Class<?> annotation = Class.forName(PKG + kind.annotationName());
      Map<String, Object> elements = new TreeMap<>();
      for (Method m : annotation.getDeclaredMethods()) {
        if (!STRUCTURAL.contains(m.getName())) {
          elements.put(kind.paramOfElement(m.getName()), m.getDefaultValue());
        }
      }
      Map<String, Object> expected = new TreeMap<>();
      for (ParamDef d : kind.params()) {
        boolean common = LayerKind.COMMON.contains(d);
        if (kind == LayerKind.BIDIRECTIONAL && common) {
          continue; // name, from, inputShape go on the wrapped recurrent annotation
        }
        if (kind == LayerKind.INPUT && d.name().equals("inputShape")) {
          continue; // an Input has `shape`
        }
        expected.put(d.name(), d.defaultValue());
      }
      assertEquals(expected.keySet(), elements.keySet(), kind + " parameters");
      for (var e : expected.entrySet()) {
        ParamDef def = kind.param(e.getKey());
        Object annotationDefault = elements.get(e.getKey());
        Object normalized =
            annotationDefault == null ? null : def.type().coerce(plain(annotationDefault));
        assertEquals(
            e.getValue() == null ? null : def.type().coerce(e.getValue()),
            normalized,
            kind + "." + e.getKey() + " default");
      }
    }
  }

  /**
   * {@code @Optimizer} has one element per parameter any optimizer takes, plus {@code value}. Its
   * default is every optimizer's Keras default for that parameter, or NaN ("not given") where the
   * optimizers' defaults differ ({@code learningRate}, {@code rho}).
   */
  @Test
  void optimizerAnnotationMatchesEveryOptimizersParams() throws Exception {
    Class<?> annotation = Class.forName(PKG + "Optimizer");
    Map<String, List<Object>> defaults = new TreeMap<>();
    for (OptimizerType type : OptimizerType.values()) {
      for (ParamDef d : type.params()) {
        defaults
            .computeIfAbsent(d.name(), k -> new ArrayList<>())
            .add(d.type().coerce(d.defaultValue()));
      }
    }
    List<String> elements = new ArrayList<>();
    for (Method m : annotation.getDeclaredMethods()) {
      if (!m.getName().equals("value")) {
        elements.add(m.getName());
      }
    }
    assertEquals(defaults.keySet(), new java.util.TreeSet<>(elements), "Optimizer elements");
    for (var e : defaults.entrySet()) {
      Object annotationDefault = plain(annotation.getDeclaredMethod(e.getKey()).getDefaultValue());
      if (annotationDefault instanceof Double d && d.isNaN()) {
        assertTrue(
            e.getValue().stream().distinct().count() > 1,
            "Optimizer."
                + e.getKey()
                + " is NaN, but every optimizer's default is "
                + e.getValue().get(0));
      } else {
        for (OptimizerType type : OptimizerType.values()) {
          ParamDef d = type.param(e.getKey());
          if (d != null) {
            Object expected = d.type().coerce(d.defaultValue());
            assertEquals(expected, d.type().coerce(annotationDefault), type + "." + e.getKey());
          }
        }
      }
    }
  }

  @Test
  void enumsHaveTheSameConstants() throws Exception {
    for (Class<?> spec :
        List.of(
            Activation.class,
            Initializer.class,
            Padding.class,
            MergeMode.class,
            DType.class,
            Loss.class,
            Metric.class,
            OptimizerType.class,
            Standardize.class,
            Split.class,
            OutputMode.class)) {
      Class<?> annotations = Class.forName(PKG + spec.getSimpleName());
      assertEquals(names(spec), names(annotations), spec.getSimpleName());
    }
    assertEquals(
        names(LearningRateSchedule.Type.class),
        names(Class.forName(PKG + "ScheduleType")),
        "ScheduleType");
  }

  private static List<String> names(Class<?> e) {
    return Arrays.stream(e.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
  }

  /** Annotation default values as the model module takes raw values. */
  private static Object plain(Object v) throws Exception {
    assertNotNull(v);
    if (v instanceof int[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (v instanceof double[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (v instanceof long[] a) {
      return Arrays.stream(a).boxed().toList();
    }
    if (v instanceof Object[] a) { // @Optimizer(schedule): an array of at most one annotation
      List<Object> l = new ArrayList<>();
      for (Object o : a) {
        l.add(plain(o));
      }
      return l;
    }
    if (v
        instanceof
        java.lang.annotation.Annotation
            a) { // every element, as the processor reads a nested annotation
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (Method e : a.annotationType().getDeclaredMethods()) {
        Object value = e.invoke(a);
        m.put(e.getName(), value instanceof Enum<?> en ? en.name() : plain(value));
      }
      return m;
    }
    return v;
  }
}
