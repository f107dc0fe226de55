package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The code generated for the seed model, compared with src/test/resources/golden. Review a change
 * there like any code change; {@code KESTIMATOR_UPDATE_GOLDEN=true mvn -pl processor test} rewrites
 * it.
 */
class GoldenFileTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** Generated sources by path, e.g. {@code test/SentimentFeatures.java}. */
  private static Map<String, String> generated(Compilation compilation) {
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      try {
        out.put(
            f.getName().replaceFirst("^/SOURCE_OUTPUT/", ""), f.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  @Test
  void sentimentMatchesGoldenFiles() throws IOException {
    Map<String, String> generated =
        generated(Models.compile(Models.source("Sentiment", Models.SENTIMENT)));
    assertEquals(7, generated.size(), generated.keySet().toString());
    boolean update = "true".equals(System.getenv("KESTIMATOR_UPDATE_GOLDEN"));
    for (Map.Entry<String, String> e : generated.entrySet()) {
      Path golden = GOLDEN.resolve(e.getKey());
      if (update) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, e.getValue(), StandardCharsets.UTF_8);
      }
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          e.getValue(),
          "differs from golden file " + golden);
    }
  }

  /**
   * A model with starting weights: only its binding differs, by the {@code initialWeightsResource}
   * hook.
   */
  @Test
  void warmStartedModelsBindingMatchesGoldenFile() throws IOException {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Warm",
                "@KerasModel(weights = \"Warm.weights\")",
                "@Compile(loss = MEAN_SQUARED_ERROR)",
                "class Warm {",
                "  @Dense(units = 2, inputShape = 3) Layer out;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation).get("test/WarmBinding.java");
    Path golden = GOLDEN.resolve("test/WarmBinding.java");
    if ("true".equals(System.getenv("KESTIMATOR_UPDATE_GOLDEN"))) {
      Files.writeString(golden, binding, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(golden, StandardCharsets.UTF_8),
        binding,
        "differs from golden file " + golden);
  }

  /**
   * A text model (fixtures/keras3/preprocessing/text_int): a String feature, int64 ids into the
   * Embedding.
   */
  @Test
  void textModelMatchesGoldenFiles() throws IOException {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Reviews",
                "@KerasModel",
                "@Compile(loss = BINARY_CROSSENTROPY, metrics = Metric.ACCURACY)",
                "class Reviews {",
                "  @TextVectorization(maxTokens = 20, outputSequenceLength = 8, inputName = \"review\") Layer text;",
                "  @Embedding(inputDim = 21, outputDim = 4) Layer words;",
                "  @GlobalAveragePooling1D Layer pool;",
                "  @Dense(units = 1, activation = SIGMOID) Layer score;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> generated = generated(compilation);
    for (String type : List.of("ReviewsFeatures", "ReviewsBinding")) {
      String code = generated.get("test/" + type + ".java");
      Path golden = GOLDEN.resolve("test/" + type + ".java");
      if ("true".equals(System.getenv("KESTIMATOR_UPDATE_GOLDEN"))) {
        Files.writeString(golden, code, StandardCharsets.UTF_8);
      }
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          code,
          "differs from golden file " + golden);
    }
  }

  @Test
  void outputIsDeterministic() {
    assertEquals(
        generated(Models.compile(Models.source("Sentiment", Models.SENTIMENT))),
        generated(Models.compile(Models.source("Sentiment", Models.SENTIMENT))));
  }

  @Test
  void everyFileNamesTheModelClassAsOriginatingElement() {
    RecordingFiler.Processor processor = new RecordingFiler.Processor();
    Compilation compilation =
        javac().withProcessors(processor).compile(Models.source("Sentiment", Models.SENTIMENT));
    assertThat(compilation).succeeded();
    assertEquals(
        8, processor.filer.originating.size(), processor.filer.originating.keySet().toString());
    for (String type : processor.filer.originating.keySet()) {
      assertEquals(List.of("test.Sentiment"), processor.originatingNames(type), type);
    }
  }
}
