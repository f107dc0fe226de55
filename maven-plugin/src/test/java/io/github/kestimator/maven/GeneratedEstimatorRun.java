package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import io.github.kestimator.model.format.Json;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

/**
 * Run in a child JVM by {@link GeneratedEstimatorFixturesTest}: loads the classes the build
 * compiled, and for each case {@code <Class>=<fixture>} predicts the fixture's inputs through the
 * generated typed estimator; prints {@code RESULT <case> ok <largest relative difference>} or
 * {@code RESULT <case> error <message>}.
 *
 * <p>Arguments: the compiled classes, the generated resources, a model directory root, the cases.
 */
public final class GeneratedEstimatorRun {
  private GeneratedEstimatorRun() {}

  public static void main(String[] args) throws IOException {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {Path.of(args[0]).toUri().toURL(), Path.of(args[1]).toUri().toURL()},
            GeneratedEstimatorRun.class.getClassLoader())) {
      for (int i = 3; i < args.length; i++) {
        String c = args[i];
        out.println("CASE " + c);
        String className = c.substring(0, c.indexOf('='));
        try {
          double max =
              predict(
                  loader,
                  Path.of(args[2]).resolve(className),
                  className,
                  c.substring(c.indexOf('=') + 1));
          out.println("RESULT " + c + " ok " + max);
        } catch (Exception | LinkageError | AssertionError e) {
          Throwable t =
              e instanceof java.lang.reflect.InvocationTargetException x && x.getCause() != null
                  ? x.getCause()
                  : e;
          out.println(
              "RESULT "
                  + c
                  + " error "
                  + (t.getClass().getSimpleName() + ": " + t.getMessage()).replaceAll("\\s+", " "));
        }
      }
    }
  }

  /** The largest relative difference of the generated estimator's predictions to Keras'. */
  static double predict(URLClassLoader loader, Path modelDir, String className, String fixture)
      throws Exception {
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
    builder.getClass().getMethod("modelDir", Path.class).invoke(builder, modelDir);
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
    return max;
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
