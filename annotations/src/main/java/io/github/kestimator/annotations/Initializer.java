package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Keras initializer with its arguments: {@code kernelInitializer = @Initializer(HE_NORMAL)},
 * {@code @Initializer(value = RANDOM_NORMAL, stddev = 0.3, seed = 3)}. Each initializer takes only
 * its own arguments, as in Keras; one it does not take is a compile error on the element ({@code
 * [KerasUnknownParam]}), and so is a value out of range ({@code [KerasBadParam]}: {@code stddev} or
 * {@code gain} not > 0, {@code minval > maxval}, NaN).
 *
 * <table>
 *   <caption>The arguments each initializer takes</caption>
 *   <tr><th>initializer</th><th>Keras</th><th>its arguments (Keras' defaults)</th></tr>
 *   <tr><td>RANDOM_NORMAL</td><td>RandomNormal</td><td>mean (0), stddev (0.05), seed</td></tr>
 *   <tr><td>TRUNCATED_NORMAL</td><td>TruncatedNormal</td><td>mean (0), stddev (0.05), seed</td></tr>
 *   <tr><td>RANDOM_UNIFORM</td><td>RandomUniform</td><td>minval (-0.05), maxval (0.05), seed</td></tr>
 *   <tr><td>VARIANCE_SCALING</td><td>VarianceScaling</td><td>scale (1), mode (FAN_IN),
 *       distribution (TRUNCATED_NORMAL), seed</td></tr>
 *   <tr><td>GLOROT_UNIFORM, GLOROT_NORMAL, HE_UNIFORM, HE_NORMAL, LECUN_UNIFORM, LECUN_NORMAL</td>
 *       <td>GlorotUniform, ...</td><td>seed</td></tr>
 *   <tr><td>ORTHOGONAL</td><td>Orthogonal</td><td>gain (1), seed</td></tr>
 *   <tr><td>IDENTITY</td><td>Identity</td><td>gain (1)</td></tr>
 *   <tr><td>CONSTANT</td><td>Constant</td><td>constant (Keras' {@code value}, 0)</td></tr>
 *   <tr><td>ZEROS, ONES</td><td>Zeros, Ones</td><td>none</td></tr>
 * </table>
 *
 * <p>An element's default here is only documentation: an argument that is not written takes Keras'
 * default for the chosen initializer. A {@code seed} makes the initial values the same in every
 * run, and the ones Keras 3 on TensorFlow draws for that seed; without one they derive from the
 * run's {@code RunConfig} random seed.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Initializer {
  /** Which initializer. */
  InitializerType value();

  /** Keras {@code mean}: RANDOM_NORMAL, TRUNCATED_NORMAL. */
  double mean() default 0;

  /** Keras {@code stddev}, > 0: RANDOM_NORMAL, TRUNCATED_NORMAL (cut at 2 stddev). */
  double stddev() default 0.05;

  /** Keras {@code minval}, at most {@code maxval}: RANDOM_UNIFORM. */
  double minval() default -0.05;

  /** Keras {@code maxval}: RANDOM_UNIFORM. */
  double maxval() default 0.05;

  /** Keras {@code scale}, > 0: VARIANCE_SCALING. */
  double scale() default 1;

  /** Keras {@code mode}: VARIANCE_SCALING. */
  FanMode mode() default FanMode.FAN_IN;

  /** Keras {@code distribution}: VARIANCE_SCALING. */
  Distribution distribution() default Distribution.TRUNCATED_NORMAL;

  /** Keras {@code gain}, > 0: ORTHOGONAL, IDENTITY. */
  double gain() default 1;

  /** Keras {@code value} of {@code Constant(value)}: CONSTANT. */
  double constant() default 0;

  /**
   * Keras {@code seed}: every random initializer; not given: Keras' {@code None}, drawn from the
   * run's seed.
   */
  long seed() default -1;
}
