package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.format.ModelSpecJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Models with preprocessing layers: String and long features, vocabularies inline and from a
 * resource, and the analyzer's misuse messages on the annotation element that caused them.
 */
class PreprocessingModelsTest {

  private static String generated(Compilation c, String type) {
    try {
      return c.generatedSourceFile("test." + type).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The model description the binding hands the runtime, read back from the generated source's
   * string constant.
   */
  private static ModelSpec spec(Compilation c, String model) {
    String binding = generated(c, model + "Binding");
    int start = binding.indexOf("super(") + "super(".length();
    int end = binding.indexOf(");", start);
    StringBuilder json = new StringBuilder();
    for (String part : binding.substring(start, end).split("\"\\s*\\+\\s*\"")) {
      json.append(part);
    }
    String text = json.toString().strip();
    text =
        text.substring(1, text.length() - 1)
            .replace("\\n", "\n")
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    return ModelSpecJson.read(text);
  }

  @Test
  void categoricalFeaturesAreStringsAndLongs() {
    Compilation c =
        Models.compile(
            Models.source(
                "Shop",
                "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
                "class Shop {",
                "  @Input(shape = 1, dtype = STRING) Layer color;",
                "  @Input(shape = 3, dtype = INT64) Layer sizes;",
                "  @StringLookup(vocabulary = {\"red\", \"green\"}, outputMode = OutputMode.ONE_HOT, from = \"color\") Layer colors;",
                "  @IntegerLookup(vocabulary = {7, 42}, outputMode = OutputMode.MULTI_HOT, from = \"sizes\") Layer sized;",
                "  @Concatenate(from = {\"colors\", \"sized\"}) Layer both;",
                "  @Dense(units = 1, activation = SIGMOID) Layer out;",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    String features = generated(c, "ShopFeatures");
    assertTrue(
        features.contains("public record ShopFeatures(String color_input, long[] sizes_input)"),
        features);
    assertTrue(
        features.contains("Objects.requireNonNull(color_input, \"color_input\");"), features);
    String binding = generated(c, "ShopBinding");
    assertTrue(
        binding.contains(
            "columns.getString(\"color_input\"),\n        columns.getLongs(\"sizes_input\", 3))"),
        binding);
    assertTrue(binding.contains("batch.put(0, row, features.color_input());"), binding);
  }

  @Test
  void aVocabularyResourceIsReadIntoTheModel() {
    Compilation c =
        Models.compile(
            Models.source(
                "Words",
                "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
                "class Words {",
                "  @TextVectorization(vocabularyResource = \"colors-words.txt\", outputSequenceLength = 6) Layer text;",
                "  @Embedding(inputDim = 6, outputDim = 4) Layer words;",
                "  @GlobalAveragePooling1D Layer pool;",
                "  @Dense(units = 1, activation = SIGMOID) Layer out;",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    LayerSpec text = spec(c, "Words").layers().get(0);
    assertEquals(List.of("movie", "great", "the", "bad"), text.args().get("vocabulary"));
    assertEquals(false, text.args().containsKey("vocabularyResource"));
  }

  private static void assertError(String message, String line, String... lines) {
    JavaFileObject source = Models.source("Bad", lines);
    Compilation compilation = Models.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void intModeWithoutSequenceLength() {
    assertError(
        "[KerasMissingParam] TextVectorization layer 'text' in outputMode INT needs outputSequenceLength",
        "@TextVectorization",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @TextVectorization(maxTokens = 100) Layer text;",
        "  @Embedding(inputDim = 100, outputDim = 4) Layer words;",
        "  @GlobalAveragePooling1D Layer pool;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void encodedTextWithoutMaxTokensOrVocabulary() {
    assertError(
        "[KerasMissingParam] TextVectorization layer 'text' in outputMode MULTI_HOT needs maxTokens or a"
            + " vocabulary",
        "@TextVectorization",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @TextVectorization(outputMode = OutputMode.MULTI_HOT) Layer text;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void lookupOnFloats() {
    assertError(
        "[KerasShape] StringLookup layer 'lookup' takes string input, but 'x' gives float32",
        "@StringLookup",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Input(shape = 1) Layer x;",
        "  @StringLookup(vocabulary = {\"a\"}, outputMode = OutputMode.ONE_HOT,",
        "      from = \"x\") Layer lookup;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void normalizationMeanWithoutVariance() {
    assertError(
        "[KerasBadParam] Normalization layer 'norm' has a mean but no variance",
        "mean = {1, 2}",
        "@KerasModel @Compile(loss = MEAN_SQUARED_ERROR)",
        "class Bad {",
        "  @Normalization(inputShape = 2,",
        "      mean = {1, 2}) Layer norm;",
        "  @Dense(units = 1) Layer out;",
        "}");
  }

  @Test
  void categoryEncodingOfFloats() {
    assertError(
        "[KerasShape] CategoryEncoding layer 'encode' needs integer token ids, but 'x' gives float32",
        "Layer encode;",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @Input(shape = 1) Layer x;",
        "  @CategoryEncoding(numTokens = 4, from = \"x\") Layer encode;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void missingVocabularyResource() {
    assertError(
        "[KerasVocabularyResource] vocabularyResource \"nowhere.txt\" of layer 'lookup' is not on the class path"
            + " in package test: put it in src/main/resources/test/nowhere.txt",
        "vocabularyResource =",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @StringLookup(inputShape = 1, outputMode = OutputMode.ONE_HOT,",
        "      vocabularyResource = \"nowhere.txt\") Layer lookup;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void integerVocabularyResourceWithAWord() {
    assertError(
        "[KerasVocabularyResource] vocabularyResource \"bad-ints.txt\" of layer 'lookup' line 3 is \"x\", not an"
            + " integer",
        "vocabularyResource =",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @IntegerLookup(inputShape = 1, outputMode = OutputMode.ONE_HOT,",
        "      vocabularyResource = \"bad-ints.txt\") Layer lookup;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }

  @Test
  void vocabularyAndResourceBoth() {
    assertError(
        "[KerasVocabularyResource] layer 'lookup' has both vocabulary and vocabularyResource",
        "vocabularyResource =",
        "@KerasModel @Compile(loss = BINARY_CROSSENTROPY)",
        "class Bad {",
        "  @StringLookup(inputShape = 1, outputMode = OutputMode.ONE_HOT, vocabulary = \"a\",",
        "      vocabularyResource = \"colors-words.txt\") Layer lookup;",
        "  @Dense(units = 1, activation = SIGMOID) Layer out;",
        "}");
  }
}
