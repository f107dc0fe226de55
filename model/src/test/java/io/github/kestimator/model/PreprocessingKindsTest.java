package io.github.kestimator.model;

import static io.github.kestimator.model.ModelAnalyzerTest.BCE;
import static io.github.kestimator.model.ModelAnalyzerTest.analyze;
import static io.github.kestimator.model.ModelAnalyzerTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing layers' shapes, dtypes, index layouts and misuse messages, as Keras 3 gives
 * them (the fixtures).
 */
class PreprocessingKindsTest {
  private static final LayerSpec EMBED =
      LayerSpec.of("words", LayerKind.EMBEDDING, Map.of("inputDim", 7, "outputDim", 4));
  private static final LayerSpec SCORE =
      LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"));

  /**
   * fixtures/keras3/preprocessing/text_int: TextVectorization -> Embedding ->
   * GlobalAveragePooling1D -> Dense.
   */
  @Test
  void textModelTakesOneStringAndGivesInt64Ids() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "text",
                LayerKind.TEXT_VECTORIZATION,
                Map.of("maxTokens", 20, "outputSequenceLength", 8)),
            LayerSpec.of("words", LayerKind.EMBEDDING, Map.of("inputDim", 21, "outputDim", 4)),
            LayerSpec.of("pool", LayerKind.GLOBAL_AVERAGE_POOLING1D, Map.of()),
            SCORE);
    assertEquals(
        List.of(new Feature("text_input", "text_input", DType.STRING, Shape.of(1))), m.features());
    Layer text = m.layer("text").orElseThrow();
    assertEquals(DType.INT64, text.dtype());
    assertEquals(Shape.of(8), text.outputShape());
    assertTrue(text.needsAdapt());
    assertEquals(List.of(), text.weights());
    assertEquals(Shape.of(8, 4), m.layer("words").orElseThrow().outputShape());
    assertEquals(Standardize.LOWER_AND_STRIP_PUNCTUATION, text.params().get("standardize"));
    assertEquals(Split.WHITESPACE, text.params().get("split"));
    assertEquals(OutputMode.INT, text.params().get("outputMode"));
    assertEquals(0, text.params().getInt("ngrams"));
    assertEquals("lower_and_strip_punctuation", Standardize.LOWER_AND_STRIP_PUNCTUATION.keras());
    assertEquals("multi_hot", OutputMode.MULTI_HOT.keras());
    assertEquals(null, Split.NONE.keras());
  }

  /** text_fixed_vocabulary: get_vocabulary() is ["", "[UNK]", "movie", "great", "the", "bad"]. */
  @Test
  void aFixedVocabularyHasKerasIndexLayout() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "text",
                LayerKind.TEXT_VECTORIZATION,
                Map.of(
                    "outputSequenceLength",
                    6,
                    "vocabulary",
                    List.of("movie", "great", "the", "bad"))),
            EMBED,
            LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
            SCORE);
    Layer text = m.layer("text").orElseThrow();
    assertFalse(text.needsAdapt());
    Vocabulary v = Vocabulary.of(text.kind(), text.params());
    assertEquals(List.of("", "[UNK]", "movie", "great", "the", "bad"), v.full());
    assertEquals(2, v.tokenStart());
    assertEquals(6, v.size());
    // Keras' get_vocabulary() as given (a .keras vocabulary.txt) is taken without its special
    // tokens.
    Params same =
        analyze(
                BCE,
                LayerSpec.of(
                    "text",
                    LayerKind.TEXT_VECTORIZATION,
                    Map.of(
                        "outputSequenceLength",
                        6,
                        "vocabulary",
                        List.of("", "[UNK]", "movie", "great", "the", "bad"))),
                EMBED,
                LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
                SCORE)
            .layer("text")
            .orElseThrow()
            .params();
    assertEquals(v, Vocabulary.of(LayerKind.TEXT_VECTORIZATION, same));
  }

  /**
   * text_multi_hot, text_tf_idf: no mask index; one float per index; adapted: maxTokens of them.
   */
  @Test
  void encodedTextHasOneValuePerIndex() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "text",
                LayerKind.TEXT_VECTORIZATION,
                Map.of("maxTokens", 16, "outputMode", "multi_hot")),
            SCORE);
    assertEquals(Shape.of(16), m.layer("text").orElseThrow().outputShape());
    assertEquals(DType.FLOAT32, m.layer("text").orElseThrow().dtype());
    Model tfidf =
        analyze(
            BCE,
            LayerSpec.of(
                "text",
                LayerKind.TEXT_VECTORIZATION,
                Map.of(
                    "outputMode",
                    "tf_idf",
                    "vocabulary",
                    List.of("a", "b", "c"),
                    "idfWeights",
                    List.of(1.0, 2.0, 3.0))),
            SCORE);
    Layer t = tfidf.layer("text").orElseThrow();
    assertEquals(Shape.of(4), t.outputShape());
    Vocabulary v = Vocabulary.of(t.kind(), t.params());
    assertEquals(List.of("[UNK]", "a", "b", "c"), v.full());
    assertEquals(
        List.of(2.0, 1.0, 2.0, 3.0), v.fullIdfWeights(t.params().getDoubles("idfWeights")));
    assertEquals(List.of(9.0, 1.0, 2.0, 3.0), v.fullIdfWeights(List.of(9.0, 1.0, 2.0, 3.0)));
  }

  /**
   * string_lookup_options: mask "", 2 OOV indices, one_hot: get_vocabulary() has no mask; (None, 1)
   * gives (None, 7).
   */
  @Test
  void stringLookupOneHotOfOneValueGivesOneVector() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "lookup",
                LayerKind.STRING_LOOKUP,
                Map.of(
                    "inputShape",
                    List.of(1),
                    "maskToken",
                    "",
                    "numOovIndices",
                    2,
                    "outputMode",
                    "one_hot",
                    "vocabulary",
                    List.of("red", "green", "blue", "white", "black"))),
            SCORE);
    Layer l = m.layer("lookup").orElseThrow();
    assertEquals(Shape.of(7), l.outputShape());
    assertEquals(DType.STRING, m.features().get(0).dtype());
    Vocabulary v = Vocabulary.of(l.kind(), l.params());
    assertEquals(List.of("[UNK]", "[UNK]", "red", "green", "blue", "white", "black"), v.full());
    assertEquals(null, v.maskToken());
    assertEquals(List.of(""), l.params().getStrings("maskToken"));
    assertEquals("", l.params().optional("maskToken"));
    Model ints =
        analyze(
            BCE,
            LayerSpec.of(
                "lookup",
                LayerKind.STRING_LOOKUP,
                Map.of("inputShape", List.of(1), "maskToken", "", "vocabulary", List.of("red"))),
            LayerSpec.of("e", LayerKind.EMBEDDING, Map.of("inputDim", 3, "outputDim", 2)),
            LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
            SCORE);
    Layer il = ints.layer("lookup").orElseThrow();
    assertEquals(List.of("", "[UNK]", "red"), Vocabulary.of(il.kind(), il.params()).full());
    assertEquals(DType.INT64, il.dtype());
    assertEquals(Shape.of(1), il.outputShape());
    assertEquals(
        Shape.of(4, 3),
        analyze(
                BCE,
                LayerSpec.of(
                    "lookup",
                    LayerKind.STRING_LOOKUP,
                    Map.of(
                        "inputShape",
                        List.of(4),
                        "outputMode",
                        "one_hot",
                        "vocabulary",
                        List.of("a", "b"))),
                LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
                SCORE)
            .layer("lookup")
            .orElseThrow()
            .outputShape());
  }

  /** integer_lookup: int64 input, OOV -1; get_vocabulary() [-1, 7, 42, 3, 1000, 12]. */
  @Test
  void integerLookupTakesLongs() {
    Model m =
        analyze(
            BCE,
            LayerSpec.of(
                "lookup",
                LayerKind.INTEGER_LOOKUP,
                Map.of("inputShape", List.of(1), "vocabulary", List.of(7, 42, 3, 1000, 12))),
            LayerSpec.of("e", LayerKind.EMBEDDING, Map.of("inputDim", 6, "outputDim", 3)),
            LayerSpec.of("flat", LayerKind.FLATTEN, Map.of()),
            SCORE);
    assertEquals(DType.INT64, m.features().get(0).dtype());
    Layer l = m.layer("lookup").orElseThrow();
    assertEquals(List.of(-1L, 7L, 42L, 3L, 1000L, 12L), Vocabulary.of(l.kind(), l.params()).full());
    assertEquals(-1L, l.params().getLong("oovToken"));
    assertFalse(l.needsAdapt());
  }

  /**
   * hashing -> category_encoding; discretization -> category_encoding; normalization;
   * category_encoding count.
   */
  @Test
  void hashingDiscretizationNormalizationAndCategoryEncoding() {
    Model hashed =
        analyze(
            BCE,
            LayerSpec.of(
                "hash",
                LayerKind.HASHING,
                Map.of("numBins", 8, "salt", List.of(12345, 67890), "inputShape", List.of(1))),
            LayerSpec.of("encode", LayerKind.CATEGORY_ENCODING, Map.of("numTokens", 8)),
            SCORE);
    assertEquals(DType.INT64, hashed.layer("hash").orElseThrow().dtype());
    assertEquals(
        List.of(12345L, 67890L), hashed.layer("hash").orElseThrow().params().getLongs("salt"));
    assertEquals(Shape.of(8), hashed.layer("encode").orElseThrow().outputShape());
    Model bins =
        analyze(
            BCE,
            LayerSpec.of(
                "bins",
                LayerKind.DISCRETIZATION,
                Map.of("binBoundaries", List.of(18, 30.0, 45, 65), "inputShape", List.of(1))),
            LayerSpec.of(
                "encode",
                LayerKind.CATEGORY_ENCODING,
                Map.of("numTokens", 5, "outputMode", "one_hot")),
            SCORE);
    assertEquals(Shape.of(1), bins.layer("bins").orElseThrow().outputShape());
    assertEquals(
        List.of(18.0, 30.0, 45.0, 65.0),
        bins.layer("bins").orElseThrow().params().getDoubles("binBoundaries"));
    assertEquals(Shape.of(5), bins.layer("encode").orElseThrow().outputShape());
    Model norm =
        analyze(
            BCE,
            LayerSpec.of("normalize", LayerKind.NORMALIZATION, Map.of("inputShape", List.of(3))),
            SCORE);
    assertTrue(norm.layer("normalize").orElseThrow().needsAdapt());
    assertEquals(DType.FLOAT32, norm.features().get(0).dtype());
    Model counted =
        analyze(
            BCE,
            LayerSpec.of(
                "encode",
                LayerKind.CATEGORY_ENCODING,
                Map.of("numTokens", 6, "outputMode", "count", "inputShape", List.of(4))),
            SCORE);
    assertEquals(DType.INT32, counted.features().get(0).dtype());
    assertEquals(Shape.of(6), counted.layer("encode").orElseThrow().outputShape());
  }

  private static Problem only(LayerSpec... layers) {
    List<Problem> p = problems(BCE, layers);
    assertEquals(1, p.size(), p.toString());
    return p.get(0);
  }

  private static void assertProblem(Problem p, Diagnostic code, String param, String message) {
    assertEquals(code, p.code(), p.toString());
    assertEquals(param, p.param(), p.toString());
    assertEquals(message, p.message());
  }

  @Test
  void misuseIsReportedOnTheParameter() {
    assertProblem(
        only(LayerSpec.of("text", LayerKind.TEXT_VECTORIZATION, Map.of("maxTokens", 100)), SCORE),
        Diagnostic.MISSING_PARAM,
        "outputSequenceLength",
        "TextVectorization layer 'text' in outputMode INT needs"
            + " outputSequenceLength: kestimator's tensors have static shapes, so every text becomes that many ids (padded"
            + " with 0, or cut)");
    assertProblem(
        only(
            LayerSpec.of("text", LayerKind.TEXT_VECTORIZATION, Map.of("outputMode", "count")),
            SCORE),
        Diagnostic.MISSING_PARAM,
        "maxTokens",
        "TextVectorization layer 'text' in outputMode COUNT needs maxTokens or a"
            + " vocabulary: the output has one value per index of the vocabulary, and kestimator's tensors have static shapes");
    assertProblem(
        only(
            LayerSpec.of("n", LayerKind.INPUT, Map.of("shape", List.of(1))),
            LayerSpec.of("lookup", LayerKind.STRING_LOOKUP, Map.of("vocabulary", List.of("a")))
                .from("n"),
            SCORE),
        Diagnostic.SHAPE,
        null,
        "StringLookup layer 'lookup' takes string input, but 'n' gives float32: feed it from an"
            + " @Input(dtype = STRING) or make it the first layer");
    assertProblem(
        only(
            LayerSpec.of(
                "normalize",
                LayerKind.NORMALIZATION,
                Map.of("inputShape", List.of(3), "mean", List.of(1.0, 2.0, 3.0))),
            SCORE),
        Diagnostic.BAD_PARAM,
        "mean",
        "Normalization layer 'normalize' has a mean but"
            + " no variance: give both, or neither to adapt them from data");
    assertProblem(
        only(
            LayerSpec.of(
                "normalize",
                LayerKind.NORMALIZATION,
                Map.of(
                    "inputShape",
                    List.of(3),
                    "mean",
                    List.of(1.0, 2.0),
                    "variance",
                    List.of(1.0, 1.0, 1.0))),
            SCORE),
        Diagnostic.BAD_PARAM,
        "mean",
        "Normalization layer"
            + " 'normalize' has 2 mean values, but its input 'normalize_input' gives (None, 3): give one per feature (3) or one"
            + " for all");
    assertProblem(
        only(
            LayerSpec.of("x", LayerKind.INPUT, Map.of("shape", List.of(2))),
            LayerSpec.of("encode", LayerKind.CATEGORY_ENCODING, Map.of("numTokens", 4)).from("x"),
            SCORE),
        Diagnostic.SHAPE,
        null,
        "CategoryEncoding layer 'encode' needs integer token ids, but 'x' gives float32: feed it"
            + " from an @Input(dtype = INT32), a lookup or a Discretization, or make it the first layer");
    assertProblem(
        only(
            LayerSpec.of("s", LayerKind.INPUT, Map.of("shape", List.of(1), "dtype", "string")),
            LayerSpec.of("bins", LayerKind.DISCRETIZATION, Map.of("binBoundaries", List.of(1.0)))
                .from("s"),
            SCORE),
        Diagnostic.SHAPE,
        null,
        "Discretization layer 'bins' expects float input, but 's' gives string; strings go into a"
            + " TextVectorization, StringLookup or Hashing first");
    assertProblem(
        only(
            LayerSpec.of("text", LayerKind.TEXT_VECTORIZATION, Map.of("outputSequenceLength", 4)),
            LayerSpec.of("score", LayerKind.DENSE, Map.of("units", 1, "activation", "sigmoid"))),
        Diagnostic.SHAPE,
        null,
        "Dense layer 'score' expects float input, but 'text' gives int64; integer ids go into an Embedding or a"
            + " CategoryEncoding first");
  }

  @Test
  void badVocabulariesAndBoundaries() {
    assertProblem(
        only(
            LayerSpec.of(
                "lookup",
                LayerKind.STRING_LOOKUP,
                Map.of(
                    "inputShape",
                    List.of(1),
                    "outputMode",
                    "multi_hot",
                    "vocabulary",
                    List.of("a", "b", "a"))),
            SCORE),
        Diagnostic.BAD_PARAM,
        "vocabulary",
        "StringLookup layer 'lookup' has the token \"a\" twice: every token needs its own index");
    assertProblem(
        only(
            LayerSpec.of(
                "lookup",
                LayerKind.STRING_LOOKUP,
                Map.of(
                    "inputShape",
                    List.of(1),
                    "outputMode",
                    "multi_hot",
                    "vocabulary",
                    List.of("a", "[UNK]"))),
            SCORE),
        Diagnostic.BAD_PARAM,
        "vocabulary",
        "StringLookup layer 'lookup' has the OOV token \"[UNK]\" among its tokens: give the tokens only (the special tokens"
            + " come first by themselves)");
    assertProblem(
        only(
            LayerSpec.of(
                "bins",
                LayerKind.DISCRETIZATION,
                Map.of("inputShape", List.of(1), "binBoundaries", List.of(2.0, 1.0))),
            LayerSpec.of("e", LayerKind.CATEGORY_ENCODING, Map.of("numTokens", 3)),
            SCORE),
        Diagnostic.BAD_PARAM,
        "binBoundaries",
        "Discretization layer 'bins' binBoundaries [2.0, 1.0] must be increasing");
    assertProblem(
        only(
            LayerSpec.of("bins", LayerKind.DISCRETIZATION, Map.of("inputShape", List.of(1))),
            LayerSpec.of("e", LayerKind.CATEGORY_ENCODING, Map.of("numTokens", 3)),
            SCORE),
        Diagnostic.MISSING_PARAM,
        "binBoundaries",
        "layer 'bins' (Discretization): needs binBoundaries");
    assertProblem(
        only(
            LayerSpec.of(
                "hash",
                LayerKind.HASHING,
                Map.of("inputShape", List.of(1), "numBins", 4, "salt", List.of(1, 2, 3))),
            LayerSpec.of("e", LayerKind.CATEGORY_ENCODING, Map.of("numTokens", 4)),
            SCORE),
        Diagnostic.BAD_PARAM,
        "salt",
        "layer 'hash' (Hashing): salt must have 0 or 1 or 2 values, got 3");
    assertProblem(
        only(
            LayerSpec.of(
                "text",
                LayerKind.TEXT_VECTORIZATION,
                Map.of("outputMode", "tf_idf", "vocabulary", List.of("a", "b"))),
            SCORE),
        Diagnostic.MISSING_PARAM,
        "idfWeights",
        "TextVectorization layer 'text' in outputMode"
            + " TF_IDF with a vocabulary of 2 tokens needs one idfWeight per token, got 0");
    assertProblem(
        only(
            LayerSpec.of(
                "lookup",
                LayerKind.INTEGER_LOOKUP,
                Map.of("inputShape", List.of(1), "oovToken", 1.5)),
            SCORE),
        Diagnostic.BAD_PARAM,
        "oovToken",
        "layer 'lookup' (IntegerLookup): oovToken: expected a 64-bit integer, got 1.5");
  }
}
