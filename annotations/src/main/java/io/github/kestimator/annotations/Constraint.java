package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Keras weight constraint with its arguments, applied after every optimizer update as Keras does
 * ({@code w.assign(constraint(w))}): {@code kernelConstraint = @Constraint(value = MAX_NORM,
 * maxValue = 2.0)}; default: none. Each constraint takes only its own arguments; one it does not
 * take is {@code [KerasUnknownParam]} on the element, a value out of range {@code [KerasBadParam]}.
 *
 * <table>
 *   <caption>The arguments each constraint takes</caption>
 *   <tr><th>constraint</th><th>Keras</th><th>its arguments (Keras' defaults)</th></tr>
 *   <tr><td>MAX_NORM</td><td>MaxNorm</td><td>maxValue (2), axis (0)</td></tr>
 *   <tr><td>NON_NEG</td><td>NonNeg</td><td>none</td></tr>
 *   <tr><td>UNIT_NORM</td><td>UnitNorm</td><td>axis (0)</td></tr>
 *   <tr><td>MIN_MAX_NORM</td><td>MinMaxNorm</td><td>minValue (0), maxValue (1), rate (1), axis
 *       (0)</td></tr>
 * </table>
 *
 * <p>An element's default here is only documentation: an argument that is not written takes Keras'
 * default for the chosen constraint.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Constraint {
  /** Which constraint; NONE: none. */
  ConstraintType value() default ConstraintType.NONE;

  /**
   * Keras {@code max_value}, >= 0: MAX_NORM (Keras' default 2) and MIN_MAX_NORM (default 1); NaN:
   * not given.
   */
  double maxValue() default Double.NaN;

  /** Keras {@code min_value}, >= 0 and at most {@code maxValue}: MIN_MAX_NORM. */
  double minValue() default 0;

  /** Keras {@code rate}, in [0, 1]: MIN_MAX_NORM (1: strict). */
  double rate() default 1;

  /**
   * Keras {@code axis}: the axes the norms are taken over (0: each output unit's incoming weights
   * of a Dense kernel; {@code {0, 1, 2}}: each filter of a Conv2D kernel): MAX_NORM, UNIT_NORM,
   * MIN_MAX_NORM.
   */
  int[] axis() default {0};
}
