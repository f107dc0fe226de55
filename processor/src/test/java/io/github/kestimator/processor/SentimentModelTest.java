package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The architecture page's seed model: clean compile, the generated types, and feature names checked
 * by javac.
 */
class SentimentModelTest {
  private static final JavaFileObject SENTIMENT = Models.source("Sentiment", Models.SENTIMENT);

  @Test
  void compilesCleanAndGeneratesEveryType() {
    Compilation compilation = Models.compile(SENTIMENT);
    assertThat(compilation).succeededWithoutWarnings();
    for (String suffix :
        new String[] {
          "Features", "Labels", "Predictions", "Metrics", "Binding", "Estimator", "Predictor"
        }) {
      assertThat(compilation).generatedSourceFile("test.Sentiment" + suffix);
    }
    assertThat(compilation)
        .generatedSourceFile("test.SentimentFeatures")
        .contentsAsUtf8String()
        .contains("public record SentimentFeatures(int[] words_input)");
    assertThat(compilation)
        .generatedSourceFile("test.SentimentLabels")
        .contentsAsUtf8String()
        .contains("public record SentimentLabels(float score)");
    assertThat(compilation)
        .generatedSourceFile("test.SentimentMetrics")
        .contentsAsUtf8String()
        .contains(
            "public record SentimentMetrics(double loss, double accuracy, double auc, long globalStep)");
  }

  @Test
  void writesTheColumnsForBuildToolsToTheClassOutput() {
    Compilation compilation = Models.compile(SENTIMENT);
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/kestimator/models/test.Sentiment.columns")
        .contentsAsUtf8String()
        .isEqualTo(
            "# kestimator model columns: kind name dtype shape\n"
                + "feature words_input int32 100\n"
                + "label score float32 1\n");
  }

  @Test
  void aModelWithErrorsWritesNoColumns() {
    // compile-testing hides the files of a failed compilation; the recording Filer sees them.
    RecordingFiler.Processor processor = new RecordingFiler.Processor();
    assertThat(
            javac()
                .withProcessors(processor)
                .compile(
                    Models.source(
                        "Bad",
                        "@KerasModel",
                        "class Bad {",
                        "  @Dense(units = 1) Layer out;",
                        "}")))
        .failed();
    assertEquals(Map.of(), processor.filer.originating);
  }

  @Test
  void userCodeUsingTheFeatureNameCompiles() {
    JavaFileObject user =
        Models.source(
            "Training",
            "class Training {",
            "  int[] words(SentimentFeatures f) { return f.words_input(); }",
            "  SentimentFeatures example() { return new SentimentFeatures(new int[100]); }",
            "  SentimentEstimator estimator(java.nio.file.Path dir) { return SentimentEstimator.builder().modelDir(dir).build(); }",
            "  SentimentPredictor predictor(java.nio.file.Path dir) { return SentimentPredictor.load(dir); }",
            "}");
    assertThat(Models.compile(SENTIMENT, user)).succeededWithoutWarnings();
  }

  @Test
  void misspelledFeatureNameDoesNotCompile() {
    JavaFileObject user =
        Models.source(
            "Training",
            "class Training {",
            "  int[] words() { return new SentimentFeatures(new int[100]).word_input(); }",
            "}");
    Compilation compilation = Models.compile(SENTIMENT, user);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(user)
        .onLineContaining("word_input()");
    assertThat(compilation).hadErrorContaining("method word_input()");
  }
}
