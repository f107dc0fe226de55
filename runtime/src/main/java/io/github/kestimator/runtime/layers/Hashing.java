package io.github.kestimator.runtime.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Keras {@code Hashing} ({@code int} output): each value to a bin in {@code [0, numBins)} by
 * TensorFlow's FarmHash64 ({@code StringToHashBucketFast}) without a salt, SipHash64 ({@code
 * StringToHashBucketStrong} keyed by the salt) with one; numbers are hashed as their decimal
 * strings (floats cast to int64 first), as Keras. With a mask value, bin 0 is the mask's and the
 * others hash into {@code [1, numBins)}.
 */
final class Hashing implements LayerBuilder {
  Hashing() {}

  @Override
  public LayerOutput build(LayerContext ctx, List<LayerOutput> inputs) {
    Operand<?> in = inputs.get(0).value();
    String mask = (String) ctx.params().optional("maskValue");
    Object maskValue =
        mask == null || in.type() == TString.class ? mask : Long.valueOf(mask.trim());
    @SuppressWarnings("unchecked")
    Operand<? extends TType> x = (Operand<? extends TType>) in;
    return LayerOutput.of(
        ops(ctx.tf(), x, ctx.params().getInt("numBins"), ctx.params().getLongs("salt"), maskValue));
  }

  /**
   * @param salt empty, one value (used twice, as Keras) or two
   * @param maskValue a {@code String} or {@code Number} of the input's kind, or null
   */
  @SuppressWarnings("unchecked")
  static Operand<TInt64> ops(
      Ops tf, Operand<? extends TType> input, int numBins, List<Long> salt, Object maskValue) {
    long bins = numBins;
    Operand<org.tensorflow.types.TBool> mask = null;
    if (maskValue != null && bins > 1) {
      bins -= 1;
      mask =
          input.type() == TString.class
              ? tf.math.equal((Operand<TString>) input, tf.constant((String) maskValue))
              : tf.math.equal(
                  tf.dtypes.cast(input, TInt64.class),
                  tf.constant(((Number) maskValue).longValue()));
    }
    Operand<TString> s;
    if (input.type() == TString.class) {
      s = (Operand<TString>) input;
    } else {
      Operand<? extends TType> v =
          input.type() == TFloat32.class || input.type() == TFloat64.class
              ? tf.dtypes.cast(input, TInt64.class)
              : input;
      s = tf.dtypes.asString(v);
    }
    Operand<TInt64> out;
    if (salt == null || salt.isEmpty()) {
      out = tf.strings.toHashBucketFast(s, bins);
    } else {
      List<Long> key = salt.size() == 1 ? List.of(salt.get(0), salt.get(0)) : salt;
      out = tf.strings.toHashBucketStrong(s, bins, key);
    }
    if (mask != null) {
      out = tf.select(mask, tf.zerosLike(out), tf.math.add(out, tf.constant(1L)));
    }
    return out;
  }
}
