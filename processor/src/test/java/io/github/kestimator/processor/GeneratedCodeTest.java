package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Shape;
import io.github.kestimator.runtime.binding.ColumnReader;
import io.github.kestimator.runtime.binding.GeneratedBinding;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.binding.OutputBatch;
import io.github.kestimator.runtime.binding.TensorBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the code generated for the seed model: record checks and the binding's copies. */
class GeneratedCodeTest {
  private static final CompiledClasses CLASSES;

  static {
    Compilation compilation = Models.compile(Models.source("Sentiment", Models.SENTIMENT));
    CLASSES = new CompiledClasses(compilation);
  }

  @SuppressWarnings("unchecked")
  private static ModelBinding<Object, Object, Object, Object> binding()
      throws ReflectiveOperationException {
    return (ModelBinding<Object, Object, Object, Object>)
        CLASSES.staticField("test.SentimentBinding", "INSTANCE");
  }

  @Test
  void featuresRejectWrongLengthAndNull() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CLASSES.newRecord("test.SentimentFeatures", (Object) new int[99]));
    assertEquals("feature 'words_input' expects 100 values (shape 100), got 99", e.getMessage());
    NullPointerException npe =
        assertThrows(
            NullPointerException.class,
            () -> CLASSES.newRecord("test.SentimentFeatures", (Object) null));
    assertEquals("words_input", npe.getMessage());
  }

  @Test
  void bindingCarriesTheValidatedModel() throws ReflectiveOperationException {
    Model model = binding().model();
    assertEquals(
        List.of(new Feature("words_input", "words_input", DType.INT32, Shape.of(100))),
        model.features());
    assertEquals(List.of("accuracy", "auc"), model.metrics().stream().map(m -> m.key()).toList());
    assertEquals(0.001, model.learningRate());
    assertEquals(
        model.summary(),
        CLASSES.loadClass("test.SentimentEstimator").getMethod("modelSummary").invoke(null));
  }

  @Test
  void onlyTheEstimatorAndPredictorSeeTheBinding() throws ReflectiveOperationException {
    Class<?> binding = CLASSES.loadClass("test.SentimentBinding");
    assertFalse(
        java.lang.reflect.Modifier.isPublic(binding.getModifiers()),
        "the binding is package-private");
    assertFalse(
        java.lang.reflect.Modifier.isPublic(binding.getDeclaredField("INSTANCE").getModifiers()));
    assertEquals(GeneratedBinding.class, binding.getSuperclass());
  }

  /**
   * Generated code is compiled into users' jars: it may name the runtime's binding SPI, never the
   * model's classes.
   */
  @Test
  void generatedCodeNamesNoModelClass() throws java.io.IOException {
    Compilation compilation = Models.compile(Models.source("Sentiment", Models.SENTIMENT));
    assertEquals(7, compilation.generatedSourceFiles().size());
    for (javax.tools.JavaFileObject f : compilation.generatedSourceFiles()) {
      String source = f.getCharContent(true).toString();
      assertFalse(source.contains("io.github.kestimator.model"), f.getName() + ":\n" + source);
    }
  }

  /**
   * javac takes at most 65,535 bytes in one string constant: a larger description is passed in
   * parts.
   */
  @Test
  void aModelDescriptionLongerThanAStringConstantCompilesAndLoads()
      throws ReflectiveOperationException, java.io.IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
                "class Deep {",
                "  @Dense(units = 4, inputShape = 4) Layer first;"));
    int layers = 600;
    for (int i = 0; i < layers; i++) {
      lines.add(
          "  @Dense(units = 4, activation = RELU, useBias = false, kernelRegularizer = @Regularizer(l1 = 0.001,"
              + " l2 = 0.002), biasRegularizer = @Regularizer(l2 = 0.003)) Layer hidden"
              + i
              + ";");
    }
    lines.add("}");
    Compilation compilation = Models.compile(Models.source("Deep", lines.toArray(String[]::new)));
    assertThat(compilation).succeededWithoutWarnings();
    String source =
        compilation
            .generatedSourceFile("test.DeepBinding")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    int parts = source.split("\\\\n\",\n", -1).length;
    assertTrue(
        parts >= 4,
        "over 65,535 characters in parts of at most " + BindingWriter.MAX_PART + ": " + parts);
    CompiledClasses classes = new CompiledClasses(compilation);
    @SuppressWarnings("unchecked")
    Model model =
        ((ModelBinding<Object, Object, Object, Object>)
                classes.staticField("test.DeepBinding", "INSTANCE"))
            .model();
    assertEquals(layers + 2, model.layers().size(), "with the implicit input layer");
    assertEquals(
        new io.github.kestimator.model.Regularizer(0.001, 0.002),
        model.layer("hidden599").orElseThrow().params().get("kernelRegularizer"));
  }

  @Test
  void partsAreCutAfterALineWhereOneFits() {
    assertEquals(List.of("ab\n", "cd\nef"), BindingWriter.parts("ab\ncd\nef", 5));
    assertEquals(List.of("abc", "def", "\ng"), BindingWriter.parts("abcdef\ng", 3));
    assertEquals(List.of("abc"), BindingWriter.parts("abc", 3));
    String text = "x".repeat(100) + "\n" + "y".repeat(50);
    assertEquals(text, String.join("", BindingWriter.parts(text, 7)));
  }

  @Test
  void aLearningRateScheduleAndDecayReachTheGeneratedModel() throws ReflectiveOperationException {
    CompiledClasses classes =
        new CompiledClasses(
            Models.compile(
                Models.source(
                    "Scheduled",
                    "@KerasModel",
                    "@Compile(optimizer = @Optimizer(value = SGD, learningRate = 0.1, decay = 0.01, schedule = @LearningRateSchedule(",
                    "    value = ScheduleType.PIECEWISE_CONSTANT_DECAY, boundaries = {10, 100}, values = {0.1, 0.05, 0.01})),",
                    "    loss = MEAN_SQUARED_ERROR)",
                    "class Scheduled {",
                    "  @Dense(units = 1, inputShape = 2) Layer out;",
                    "}")));
    @SuppressWarnings("unchecked")
    Model model =
        ((ModelBinding<Object, Object, Object, Object>)
                classes.staticField("test.ScheduledBinding", "INSTANCE"))
            .model();
    assertEquals(
        io.github.kestimator.model.LearningRateSchedule.piecewiseConstantDecay(
            List.of(10.0, 100.0), List.of(0.1, 0.05, 0.01)),
        model.optimizer().schedule("schedule"));
    assertEquals(0.01, model.optimizer().getDouble("decay"));
    assertEquals(0.05, model.optimizer().schedule("schedule").at(model.learningRate(), 50));
  }

  @Test
  void bindingCopiesBetweenRecordsAndBuffers() throws ReflectiveOperationException {
    ModelBinding<Object, Object, Object, Object> binding = binding();
    int[] ids = new int[100];
    ids[3] = 7;
    Object features = binding.readFeatures(new Columns(Map.of("words_input", ids, "score", 1f)));
    assertEquals(CLASSES.newRecord("test.SentimentFeatures", (Object) ids), features);
    Object labels = binding.readLabels(new Columns(Map.of("score", 1f)));
    assertEquals(CLASSES.newRecord("test.SentimentLabels", 1f), labels);

    Batch batch = new Batch();
    binding.writeFeatures(features, batch, 4);
    binding.writeLabels(labels, batch, 4);
    assertEquals(List.of("0@4=int[100]", "0@4=1.0"), batch.puts);

    Object prediction =
        binding.prediction(
            new OutputBatch() {
              @Override
              public float getFloat(int output, int row) {
                return output * 10 + row + 0.5f;
              }

              @Override
              public float[] getFloats(int output, int row) {
                throw new AssertionError("score is one value");
              }
            },
            2);
    assertEquals(CLASSES.newRecord("test.SentimentPredictions", 2.5f), prediction);

    Object metrics =
        binding.metrics(new MetricValues(Map.of("loss", 0.3, "accuracy", 0.9, "auc", 0.95), 1200));
    assertEquals(CLASSES.newRecord("test.SentimentMetrics", 0.3, 0.9, 0.95, 1200L), metrics);
  }

  /** Columns of one example held in a map. */
  private record Columns(Map<String, Object> values) implements ColumnReader {
    @Override
    public float getFloat(String name) {
      return (Float) values.get(name);
    }

    @Override
    public int getInt(String name) {
      return (Integer) values.get(name);
    }

    @Override
    public float[] getFloats(String name, int size) {
      float[] v = (float[]) values.get(name);
      assertEquals(size, v.length);
      return v;
    }

    @Override
    public int[] getInts(String name, int size) {
      int[] v = (int[]) values.get(name);
      assertEquals(size, v.length);
      return v;
    }
  }

  /** Records each put as slot@row=value. */
  private static final class Batch implements TensorBatch {
    final List<String> puts = new ArrayList<>();

    @Override
    public void put(int slot, int row, float[] values) {
      puts.add(slot + "@" + row + "=float[" + values.length + "]");
    }

    @Override
    public void put(int slot, int row, int[] values) {
      puts.add(slot + "@" + row + "=int[" + values.length + "]");
    }

    @Override
    public void put(int slot, int row, float value) {
      puts.add(slot + "@" + row + "=" + value);
    }

    @Override
    public void put(int slot, int row, int value) {
      puts.add(slot + "@" + row + "=" + value);
    }
  }
}
