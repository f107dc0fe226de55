package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.format.Json;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed Keras 3 fixture through the path a Maven user takes: {@code generate} over a
 * {@code src/main/keras} holding each model of {@code fixtures/keras3/models} in each format
 * ({@code .keras}, {@code .h5}, and {@code to_json()} with its {@code .weights.h5} beside it) and
 * each {@code fixtures/keras3/preprocessing} archive, then javac with kestimator's annotation
 * processor, then each generated typed estimator ({@code
 * <Class>Estimator.builder().modelDir(dir).build()}, warm-started from the weights resource {@code
 * generate} wrote) predicts the fixture's inputs as {@code <Class>Features} records; every {@code
 * <Class>Predictions} component must hold what Keras predicted within {@link
 * KerasFixtures#TOLERANCE} relative.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedEstimatorFixturesTest {
  /** Sequence lengths the files leave unknown: those Keras saw, by copied file name. */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH =
      Map.of(
          "unknown_length_keras.keras", 9,
          "unknown_length_h5.h5", 9,
          "unknown_length_json.json", 9,
          "pre_text_int_no_length.keras", 11);

  @TempDir static Path project;

  /** Class name to the fixture it came from: a model fixture, or preprocessing/<name>. */
  final Map<String, String> fixtures = new LinkedHashMap<>();

  URLClassLoader loader;

  @BeforeAll
  void generateAndCompile() throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    for (ModelFixture f : KerasFixtures.models()) {
      copy(f.keras(), keras.resolve(f.name() + "_keras.keras"), f.name());
      copy(f.h5(), keras.resolve(f.name() + "_h5.h5"), f.name());
      copy(f.json(), keras.resolve(f.name() + "_json.json"), f.name());
      Files.copy(f.weights(), keras.resolve(f.name() + "_json.weights.h5"));
    }
    Path preprocessing = KerasFixtures.root().resolve("preprocessing");
    try (Stream<Path> dirs = Files.list(preprocessing)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = d.getFileName().toString();
        copy(
            d.resolve("model.keras"),
            keras.resolve("pre_" + name + ".keras"),
            "preprocessing/" + name);
      }
    }
    List<ModelSettings.ModelOverride> overrides = new ArrayList<>();
    MAX_SEQUENCE_LENGTH.forEach(
        (file, n) -> overrides.add(new ModelSettings.ModelOverride(file, null, null, n)));
    List<String> log = new ArrayList<>();
    GenerateService.Result r =
        new GenerateService(TestBuilds.collecting(log))
            .generate(
                new GenerateRequest(
                    new ModelSettings(
                        keras, project, "com.example", CompileOptions.NONE, overrides),
                    project.resolve("target/generated-sources/kestimator"),
                    resources(),
                    project.resolve("target/kestimator/generate.cache"),
                    "1.0"));
    assertEquals(fixtures.size(), r.written().size(), log.toString());
    assertEquals(
        fixtures.size(),
        r.weights().size(),
        "every file, the .json configs too, gives a weights resource: " + r.weights());
    Path classes = project.resolve("target/classes");
    TestBuilds.javac(r.written(), classes, project.resolve("target/generated-sources/annotations"));
    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL(), resources().toUri().toURL()},
            getClass().getClassLoader());
  }

  @AfterAll
  void close() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }

  Path resources() {
    return project.resolve("target/generated-resources/kestimator");
  }

  private void copy(Path from, Path to, String fixture) throws IOException {
    Files.copy(from, to);
    fixtures.put(KerasModels.className(to), fixture);
  }

  @TestFactory
  Stream<DynamicTest> everyGeneratedEstimatorPredictsWhatKerasPredicted() {
    assertTrue(fixtures.size() >= 19 * 3 + 16, fixtures.toString());
    return fixtures.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey() + " (" + e.getValue() + ")",
                    () -> predict(e.getKey(), e.getValue())));
  }

  void predict(String className, String fixture) throws Exception {
    Class<?> features = loader.loadClass("com.example." + className + "Features");
    Map<String, Npy.Array> want = new LinkedHashMap<>();
    List<Object> rows;
    if (fixture.startsWith("preprocessing/")) {
      Path dir = KerasFixtures.root().resolve(fixture);
      rows = rowsFromJson(features, dir.resolve("inputs.json"));
      RecordComponent[] outputs =
          loader.loadClass("com.example." + className + "Predictions").getRecordComponents();
      assertEquals(1, outputs.length, className + ": one output");
      want.put(outputs[0].getName(), Npy.read(dir.resolve("output.npy")));
    } else {
      ModelFixture f = KerasFixtures.model(fixture);
      rows = rowsFromNpy(features, f);
      f.outputs().forEach(o -> want.put(o, read(f.output(o))));
    }
    Object builder =
        loader
            .loadClass("com.example." + className + "Estimator")
            .getMethod("builder")
            .invoke(null);
    builder
        .getClass()
        .getMethod("modelDir", Path.class)
        .invoke(builder, project.resolve("model").resolve(className));
    double max = 0;
    try (AutoCloseable estimator =
        (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
      @SuppressWarnings("unchecked")
      Stream<Object> predictions =
          (Stream<Object>)
              estimator.getClass().getMethod("predict", Iterable.class).invoke(estimator, rows);
      List<Object> got;
      try (predictions) {
        got = predictions.toList();
      }
      for (Map.Entry<String, Npy.Array> w : want.entrySet()) {
        RecordComponent c = component(got.get(0).getClass(), w.getKey());
        List<Float> values = new ArrayList<>();
        for (Object p : got) {
          Object v = c.getAccessor().invoke(p);
          if (v instanceof float[] a) {
            for (float x : a) {
              values.add(x);
            }
          } else {
            values.add((Float) v);
          }
        }
        float[] g = new float[values.size()];
        for (int i = 0; i < g.length; i++) {
          g[i] = values.get(i);
        }
        max =
            Math.max(
                max,
                KerasFixtures.maxRelativeDifference(
                    className + " output " + w.getKey(), w.getValue().floatRowsAll(), g));
      }
    }
    System.out.printf(
        "%-32s generated estimator %.3g (largest relative difference to Keras)%n", className, max);
    assertTrue(
        max <= KerasFixtures.TOLERANCE,
        className + ": largest relative difference to Keras " + max);
  }

  private static Npy.Array read(Path p) {
    try {
      return Npy.read(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static RecordComponent component(Class<?> record, String name) {
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(record.getName() + " has no component " + name);
  }

  /** One features record per example of the fixture's {@code input_<name>.npy}. */
  private static List<Object> rowsFromNpy(Class<?> features, ModelFixture f) throws Exception {
    RecordComponent[] cs = features.getRecordComponents();
    List<Npy.Array> inputs = new ArrayList<>();
    for (RecordComponent c : cs) {
      inputs.add(Npy.read(f.input(c.getName())));
    }
    return rows(
        features,
        inputs.get(0).rows(),
        r -> {
          Object[] args = new Object[cs.length];
          for (int i = 0; i < cs.length; i++) {
            Npy.Array a = inputs.get(i);
            args[i] =
                value(cs[i].getType(), a.isInt() ? toList(a.intRow(r)) : toList(a.floatRow(r)));
          }
          return args;
        });
  }

  /** One features record per example of a preprocessing fixture's raw {@code inputs.json}. */
  private static List<Object> rowsFromJson(Class<?> features, Path json) throws Exception {
    Map<?, ?> inputs = (Map<?, ?>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
    RecordComponent[] cs = features.getRecordComponents();
    int n = ((List<?>) inputs.values().iterator().next()).size();
    return rows(
        features,
        n,
        r -> {
          Object[] args = new Object[cs.length];
          for (int i = 0; i < cs.length; i++) {
            Object v = ((List<?>) inputs.get(cs[i].getName())).get(r);
            args[i] = value(cs[i].getType(), v instanceof List<?> l ? l : List.of(v));
          }
          return args;
        });
  }

  private static List<Object> rows(Class<?> features, int n, IntFunction<Object[]> args)
      throws Exception {
    Class<?>[] types =
        Stream.of(features.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    List<Object> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      out.add(features.getDeclaredConstructor(types).newInstance(args.apply(r)));
    }
    return out;
  }

  private static List<Object> toList(int[] v) {
    List<Object> out = new ArrayList<>();
    for (int x : v) {
      out.add(x);
    }
    return out;
  }

  private static List<Object> toList(float[] v) {
    List<Object> out = new ArrayList<>();
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  /** One example's values as the record component's type: a scalar or a flat array. */
  private static Object value(Class<?> type, List<?> v) {
    if (!type.isArray()) {
      assertEquals(1, v.size(), "a scalar component takes one value: " + v);
      return scalar(type, v.get(0));
    }
    Object a = Array.newInstance(type.getComponentType(), v.size());
    for (int i = 0; i < v.size(); i++) {
      Array.set(a, i, scalar(type.getComponentType(), v.get(i)));
    }
    return a;
  }

  private static Object scalar(Class<?> type, Object v) {
    if (type == String.class) {
      return (String) v;
    }
    Number n = (Number) v;
    if (type == int.class) {
      return n.intValue();
    }
    if (type == long.class) {
      return n.longValue();
    }
    return n.floatValue();
  }
}
