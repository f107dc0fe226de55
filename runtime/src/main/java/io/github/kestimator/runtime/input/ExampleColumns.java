package io.github.kestimator.runtime.input;

import io.github.kestimator.model.Names;
import io.github.kestimator.runtime.binding.ColumnReader;
import java.util.Map;
import org.tensorflow.proto.Feature;

/**
 * One tf.train.Example read by key. Floats come from a {@code float_list} (or an {@code
 * int64_list}, converted, since labels are often written as integers); ints from an {@code
 * int64_list} within int32's range; longs from an {@code int64_list}; strings from a {@code
 * bytes_list}, decoded as UTF-8 with malformed byte sequences replaced by U+FFFD (Java's {@code new
 * String(bytes, UTF_8)}). TensorFlow would pass such bytes through unchanged; a token holding them
 * is out of vocabulary in both, unless the vocabulary holds it. Errors name the record and the key.
 */
final class ExampleColumns implements ColumnReader {
  private final String where;
  private final Map<String, Feature> features;

  /** {@code where} names the record, e.g. {@code train.tfrecord record 3}. */
  ExampleColumns(String where, Map<String, Feature> features) {
    this.where = where;
    this.features = features;
  }

  @Override
  public float getFloat(String name) {
    return getFloats(name, 1)[0];
  }

  @Override
  public int getInt(String name) {
    return getInts(name, 1)[0];
  }

  @Override
  public float[] getFloats(String name, int size) {
    Feature f = feature(name);
    float[] out = new float[size];
    switch (f.getKindCase()) {
      case FLOAT_LIST -> {
        checkSize(name, size, f.getFloatList().getValueCount(), "float_list");
        for (int i = 0; i < size; i++) {
          out[i] = f.getFloatList().getValue(i);
        }
      }
      case INT64_LIST -> {
        checkSize(name, size, f.getInt64List().getValueCount(), "int64_list");
        for (int i = 0; i < size; i++) {
          out[i] = f.getInt64List().getValue(i);
        }
      }
      default -> throw wrongKind(name, f, "float_list");
    }
    return out;
  }

  @Override
  public int[] getInts(String name, int size) {
    Feature f = feature(name);
    if (f.getKindCase() != Feature.KindCase.INT64_LIST) {
      throw wrongKind(name, f, "int64_list");
    }
    checkSize(name, size, f.getInt64List().getValueCount(), "int64_list");
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      long v = f.getInt64List().getValue(i);
      if (v != (int) v) {
        throw new InputException(
            where + ", key '" + name + "': value " + i + " is " + v + ", outside int32's range");
      }
      out[i] = (int) v;
    }
    return out;
  }

  @Override
  public String getString(String name) {
    return getStrings(name, 1)[0];
  }

  @Override
  public String[] getStrings(String name, int size) {
    Feature f = feature(name);
    if (f.getKindCase() != Feature.KindCase.BYTES_LIST) {
      throw wrongKind(name, f, "bytes_list");
    }
    checkSize(name, size, f.getBytesList().getValueCount(), "bytes_list");
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      out[i] = f.getBytesList().getValue(i).toStringUtf8();
    }
    return out;
  }

  @Override
  public long getLong(String name) {
    return getLongs(name, 1)[0];
  }

  @Override
  public long[] getLongs(String name, int size) {
    Feature f = feature(name);
    if (f.getKindCase() != Feature.KindCase.INT64_LIST) {
      throw wrongKind(name, f, "int64_list");
    }
    checkSize(name, size, f.getInt64List().getValueCount(), "int64_list");
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = f.getInt64List().getValue(i);
    }
    return out;
  }

  private Feature feature(String name) {
    Feature f = features.get(name);
    if (f == null) {
      throw new InputException(
          where
              + ": no key '"
              + name
              + "'"
              + Names.didYouMean(name, features.keySet())
              + "; the example has "
              + new java.util.TreeSet<>(features.keySet()));
    }
    return f;
  }

  private void checkSize(String name, int size, int count, String kind) {
    if (count != size) {
      throw new InputException(
          where
              + ", key '"
              + name
              + "': expected "
              + size
              + (size == 1 ? " value" : " values")
              + ", the "
              + kind
              + " has "
              + count);
    }
  }

  private InputException wrongKind(String name, Feature f, String expected) {
    String actual =
        switch (f.getKindCase()) {
          case BYTES_LIST -> "a bytes_list";
          case FLOAT_LIST -> "a float_list";
          case INT64_LIST -> "an int64_list";
          default -> "no values";
        };
    return new InputException(
        where
            + ", key '"
            + name
            + "': expected "
            + (expected.startsWith("int") ? "an " : "a ")
            + expected
            + ", found "
            + actual);
  }
}
