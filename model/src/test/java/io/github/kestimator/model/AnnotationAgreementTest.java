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

  /**
   * {@code @Initializer} and {@code @Constraint} have one element per argument any of their types
   * takes, plus {@code value}; an element's default is Keras' for every type that takes it, or NaN
   * where they differ.
   */
  @Test
  void initializerAndConstraintAnnotationsMatchTheirTypes() throws Exception {
    Map<String, List<ParamDef>> initializers = new TreeMap<>();
    for (InitializerType t : InitializerType.values()) {
      initializers.put(t.name(), t.params());
    }
    Map<String, List<ParamDef>> constraints = new TreeMap<>();
    for (ConstraintType t : ConstraintType.values()) {
      constraints.put(t.name(), t.params());
    }
    for (var family : Map.of("Initializer", initializers, "Constraint", constraints).entrySet()) {
      Class<?> annotation = Class.forName(PKG + family.getKey());
      Map<String, List<Object>> defaults = new TreeMap<>();
      family
          .getValue()
          .values()
          .forEach(
              defs ->
                  defs.forEach(
                      d ->
                          defaults
                              .computeIfAbsent(d.name(), k -> new ArrayList<>())
                              .add(d.type().coerce(d.defaultValue()))));
      List<String> elements = new ArrayList<>();
      for (Method m : annotation.getDeclaredMethods()) {
        if (!m.getName().equals("value")) {
          elements.add(m.getName());
        }
      }
      assertEquals(defaults.keySet(), new java.util.TreeSet<>(elements), family.getKey());
      for (var e : defaults.entrySet()) {
        Object annotationDefault =
            plain(annotation.getDeclaredMethod(e.getKey()).getDefaultValue());
        if (annotationDefault instanceof Double d && d.isNaN()) {
          assertTrue(
              e.getValue().stream().distinct().count() > 1, family.getKey() + "." + e.getKey());
        } else if (e.getKey().equals("seed")) {
          assertEquals(List.of(), e.getValue().get(0), "seed: not given by default");
        } else {
          ParamDef def =
              family.getValue().values().stream()
                  .flatMap(List::stream)
                  .filter(p -> p.name().equals(e.getKey()))
                  .findFirst()
                  .orElseThrow();
          for (Object want : e.getValue()) {
            assertEquals(
                want,
                def.type()
                    .coerce(
                        annotationDefault instanceof Enum<?> en ? en.name() : annotationDefault),
                family.getKey() + "." + e.getKey());
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
            InitializerType.class,
            ConstraintType.class,
            FanMode.class,
            Distribution.class,
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
      // @Initializer and @Constraint: the processor reads their written elements only.
      boolean givenOnly =
          List.of("Initializer", "Constraint").contains(a.annotationType().getSimpleName());
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (Method e : a.annotationType().getDeclaredMethods()) {
        Object value = e.invoke(a);
        if (givenOnly
            && !e.getName().equals("value")
            && java.util.Objects.deepEquals(value, e.getDefaultValue())) {
          continue;
        }
        m.put(e.getName(), value instanceof Enum<?> en ? en.name() : plain(value));
      }
      return m;
    }
    return v;
  }
}
