package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code StringLookup}: strings (a {@code String} feature) to indices, or to one-hot,
 * multi-hot, count or tf-idf vectors. The vocabulary is given or adapted from data (Keras' {@code
 * adapt}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface StringLookup {

  /**
   * Keras {@code max_tokens}: the largest vocabulary {@code adapt} keeps, with the special tokens;
   * 0 = no limit. Required for encoded outputs of an adapted layer (their size).
   */
  int maxTokens() default 0;

  /**
   * Keras {@code num_oov_indices}: how many indices unknown tokens hash into (1: all go to
   * "[UNK]").
   */
  int numOovIndices() default 1;

  /**
   * Keras {@code mask_token}: none ({} = Keras' None), or one string that maps to index 0 in INT
   * mode, e.g. {""}.
   */
  String[] maskToken() default {};

  /** Keras {@code oov_token}: the token of unknown strings in the vocabulary. */
  String oovToken() default "[UNK]";

  /**
   * Keras {@code vocabulary}: the tokens, without mask and OOV tokens; empty = adapted from data.
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

  /** Keras {@code output_mode}. */
  OutputMode outputMode() default OutputMode.INT;

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
