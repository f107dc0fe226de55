package io.github.kestimator.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Adapt on Keras' adapt rows gives Keras' vocabulary, idf weights, mean and variance. */
class AdaptFixturesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "text_int",
        "text_int_no_length",
        "text_lower_bigrams",
        "text_strip_char",
        "text_multi_hot",
        "text_count",
        "text_tf_idf"
      })
  void textVectorizationVocabularyEqualsKeras(String name) {
    PreprocessingFixture f = PreprocessingFixture.load(name);
    Map<String, Object> cfg = f.config();
    String mode = (String) cfg.get("output_mode");
    Integer ngrams = cfg.get("ngrams") == null ? null : ((Number) cfg.get("ngrams")).intValue();
    VocabularyBuilder<String> b = new VocabularyBuilder<>(mode.equals("tf_idf"));
    String[] rows = f.adaptRows().toArray(new String[0]);
    try (TextTokenizer t =
        new TextTokenizer(
            (String) cfg.get("standardize"),
            (String) cfg.get("split"),
            TextOps.ngramWidths(ngrams))) {
      // In batches, as adapt streams an Input.
      for (int i = 0; i < rows.length; i += 64) {
        t.tokens(java.util.Arrays.copyOfRange(rows, i, Math.min(rows.length, i + 64)))
            .forEach(b::add);
      }
    }
    List<String> special = mode.equals("int") ? List.of("", "[UNK]") : List.of("[UNK]");
    VocabularyBuilder.Result<String> r =
        b.finish(special, ((Number) cfg.get("max_tokens")).intValue());
    assertEquals(f.vocabulary(), r.vocabulary(), name);
    float[] idf = LookupFixturesTest.idf(f);
    if (idf == null) {
      assertNull(r.idfWeights());
    } else {
      assertEquals(idf.length, r.idfWeights().length);
      for (int i = 0; i < idf.length; i++) {
        assertEquals(idf[i], r.idfWeights()[i], 1e-6, "idf " + i);
      }
    }
  }

  @Test
  void stringLookupVocabularyEqualsKeras() {
    for (String name : List.of("string_lookup", "string_lookup_options")) {
      PreprocessingFixture f = PreprocessingFixture.load(name);
      Map<String, Object> cfg = f.config();
      VocabularyBuilder<String> b = new VocabularyBuilder<>(false);
      f.adaptRows().forEach(v -> b.add(List.of((String) v)));
      int oov = ((Number) cfg.get("num_oov_indices")).intValue();
      List<String> special = new ArrayList<>();
      Object mask = cfg.get("mask_token");
      if (mask != null && cfg.get("output_mode").equals("int")) {
        special.add((String) mask);
      }
      for (int i = 0; i < oov; i++) {
        special.add((String) cfg.get("oov_token"));
      }
      List<String> vocab = new ArrayList<>(b.finish(special, null).vocabulary());
      if (mask != null && !cfg.get("output_mode").equals("int")) {
        // Keras removes the mask token from the counts whatever the mode.
        vocab.remove(mask);
      }
      assertEquals(f.vocabulary(), vocab, name);
    }
  }

  @Test
  void integerLookupVocabularyEqualsKeras() {
    PreprocessingFixture f = PreprocessingFixture.load("integer_lookup");
    VocabularyBuilder<Long> b = new VocabularyBuilder<>(false);
    f.adaptRows().forEach(v -> b.add(List.of(((Number) v).longValue())));
    List<Long> vocab = b.finish(List.of(-1L), null).vocabulary();
    assertEquals(f.vocabulary().stream().map(v -> ((Number) v).longValue()).toList(), vocab);
  }

  @Test
  void normalizationMomentsEqualKeras() {
    PreprocessingFixture f = PreprocessingFixture.load("normalization");
    float[][] rows = NumericPreprocessingFixturesTest.floats2d(f.adaptRows());
    MomentsBuilder m = new MomentsBuilder(rows[0].length);
    for (float[] r : rows) {
      m.add(r);
    }
    float[] mean = NumericPreprocessingFixturesTest.floats(f.layerJson().get("mean"));
    float[] variance = NumericPreprocessingFixturesTest.floats(f.layerJson().get("variance"));
    for (int j = 0; j < mean.length; j++) {
      assertEquals(mean[j], m.mean()[j], 1e-6 * Math.max(1, Math.abs(mean[j])), "mean " + j);
      assertEquals(
          variance[j], m.variance()[j], 1e-6 * Math.max(1, Math.abs(variance[j])), "variance " + j);
    }
  }
}
