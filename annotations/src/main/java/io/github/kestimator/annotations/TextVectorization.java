package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code TextVectorization}: raw text (a {@code String} feature) to token ids or to one
 * vector per text. The vocabulary is given ({@code vocabulary}, {@code vocabularyResource}) or,
 * when neither is, adapted from the training data before the first step, as Keras' {@code adapt}:
 * by frequency, at most {@code maxTokens}. In {@code INT} mode index 0 is padding (the mask "") and
 * 1 is "[UNK]".
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface TextVectorization {
  /**
   * Keras {@code max_tokens}: the largest vocabulary, with "" and "[UNK]"; 0 = no limit. Required
   * for MULTI_HOT, COUNT and TF_IDF without a vocabulary (the size of each vector).
   */
  int maxTokens() default 0;

  /** Keras {@code standardize}. */
  Standardize standardize() default Standardize.LOWER_AND_STRIP_PUNCTUATION;

  /** Keras {@code split}. */
  Split split() default Split.WHITESPACE;

  /** Keras {@code ngrams}: n gives the 1..n-grams, joined by a space; 0 = none (Keras' None). */
  int ngrams() default 0;

  /** Keras {@code output_mode}: INT, MULTI_HOT, COUNT or TF_IDF. */
  OutputMode outputMode() default OutputMode.INT;

  /**
   * Keras {@code output_sequence_length}: the ids per text in INT mode (padded with 0, or cut);
   * required there.
   */
  int outputSequenceLength() default 0;

  /**
   * Keras {@code vocabulary}: the tokens, most frequent first, without "" and "[UNK]"; empty =
   * adapted from data.
   */
  String[] vocabulary() default {};

  /**
   * A class-path resource with the vocabulary, one token per line (UTF-8; a {@code .keras}
   * archive's {@code vocabulary.txt} works too: leading special tokens are dropped), instead of
   * {@code vocabulary}; relative to the model class's package unless it starts with {@code /}. The
   * annotation processor reads it when it compiles the model (from the source or class path, e.g.
   * {@code src/main/resources}) and puts the tokens into the model description, so the runtime
   * needs no resource.
   */
  String vocabularyResource() default "";

  /** Keras {@code idf_weights}: with a vocabulary in TF_IDF mode, one weight per token. */
  double[] idfWeights() default {};

  /** The layer's name; default: the field's name. Keras: {@code name}. */
  String name() default "";

  /**
   * The layers feeding this one, by name; default: the previous field (Keras' functional API:
   * {@code layer([a, b])}).
   */
  String[] from() default {};

  /**
   * Keras {@code input_shape}: the shape of one example; only the first layer of a sequential model
   * takes it.
   */
  int[] inputShape() default {};

  /**
   * The feature that feeds this layer, which must be the model's first; default {@code
   * <name>_input}, as Keras names the implicit input. Set it to keep a Keras model's own input
   * name.
   */
  String inputName() default "";
}
