package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Keras {@code Embedding}: integer token ids to dense vectors. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Embedding {
  /** Keras {@code input_dim}: vocabulary size; ids must be in [0, inputDim). */
  int inputDim();

  /** Keras {@code output_dim}: size of each vector. */
  int outputDim();

  /**
   * Keras {@code input_length}: the sequence length; 0 = not given. On the first layer it gives the
   * input's shape (or set inputShape); anywhere, the input must have this length, as Keras 2
   * checks.
   */
  int inputLength() default 0;

  /** Keras {@code embeddings_initializer} ("uniform"). */
  Initializer embeddingsInitializer() default @Initializer(InitializerType.RANDOM_UNIFORM);

  /** Keras {@code embeddings_regularizer}. */
  Regularizer embeddingsRegularizer() default @Regularizer;

  /**
   * Keras {@code mask_zero}: id 0 is padding. The output carries a mask that LSTM, GRU, SimpleRNN,
   * Bidirectional (a masked step keeps the previous state) and GlobalAveragePooling1D (the mean of
   * the unmasked steps) use, as Keras does; inputDim must count the id 0.
   */
  boolean maskZero() default false;

  /** Keras {@code embeddings_constraint}: applied after every update; default none. */
  Constraint embeddingsConstraint() default @Constraint;

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
