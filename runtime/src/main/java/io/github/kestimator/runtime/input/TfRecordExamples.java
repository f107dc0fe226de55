package io.github.kestimator.runtime.input;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Writes tf.train.Example records, for tests and tools: each example is a map from key to {@code
 * float[]}, {@code int[]}, {@code long[]}, {@code Float}, {@code Integer}, {@code Long}, {@code
 * String}, {@code String[]} or {@code byte[][]}; floats become a {@code float_list}, integers an
 * {@code int64_list}, strings (UTF-8) and byte arrays a {@code bytes_list}.
 */
public final class TfRecordExamples {
  private TfRecordExamples() {}

  public static void write(Path file, Iterable<? extends Map<String, ?>> examples) {
    try (TfRecordWriter w = TfRecordWriter.create(file)) {
      for (Map<String, ?> e : examples) {
        w.write(encode(e));
      }
    }
  }

  /** The serialized tf.train.Example. */
  public static byte[] encode(Map<String, ?> example) {
    Features.Builder features = Features.newBuilder();
    example.forEach((key, value) -> features.putFeature(key, feature(key, value)));
    return Example.newBuilder().setFeatures(features).build().toByteArray();
  }

  private static Feature feature(String key, Object value) {
    if (value instanceof float[] a) {
      FloatList.Builder l = FloatList.newBuilder();
      for (float v : a) {
        l.addValue(v);
      }
      return Feature.newBuilder().setFloatList(l).build();
    }
    if (value instanceof String || value instanceof String[] || value instanceof byte[][]) {
      BytesList.Builder b = BytesList.newBuilder();
      if (value instanceof String v) {
        b.addValue(ByteString.copyFromUtf8(v));
      } else if (value instanceof String[] a) {
        for (String v : a) {
          b.addValue(ByteString.copyFromUtf8(v));
        }
      } else {
        for (byte[] v : (byte[][]) value) {
          b.addValue(ByteString.copyFrom(v));
        }
      }
      return Feature.newBuilder().setBytesList(b).build();
    }
    if (value instanceof Float v) {
      return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(v)).build();
    }
    Int64List.Builder l = Int64List.newBuilder();
    if (value instanceof int[] a) {
      for (int v : a) {
        l.addValue(v);
      }
    } else if (value instanceof long[] a) {
      for (long v : a) {
        l.addValue(v);
      }
    } else if (value instanceof Integer || value instanceof Long) {
      l.addValue(((Number) value).longValue());
    } else {
      throw new IllegalArgumentException(
          "key '"
              + key
              + "': cannot write a "
              + (value == null ? "null" : value.getClass().getSimpleName())
              + "; give float[], int[], long[], Float, Integer, Long, String, String[] or byte[][]");
    }
    return Feature.newBuilder().setInt64List(l).build();
  }
}
