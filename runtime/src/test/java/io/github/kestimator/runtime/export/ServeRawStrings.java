package io.github.kestimator.runtime.export;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Child JVM for {@link SavedModelAssetsTest}: loads a SavedModel and prints {@code
 * serving_default}'s outputs for the raw strings given, one line per output: {@code name v0 v1
 * ...}. The input's name is the system property {@code input} ({@code review} unless set).
 */
public final class ServeRawStrings {
  private ServeRawStrings() {}

  public static void main(String[] args) {
    String[] rows = Arrays.copyOfRange(args, 1, args.length);
    try (SavedModelBundle b = SavedModelBundle.load(args[0], "serve");
        TString in = TString.vectorOf(rows);
        var r =
            b.function("serving_default").call(Map.of(System.getProperty("input", "review"), in))) {
      for (String name :
          new java.util.TreeSet<>(b.function("serving_default").signature().outputNames())) {
        Tensor t = r.get(name).orElseThrow();
        StringBuilder line = new StringBuilder(name);
        if (t instanceof TInt64 l) {
          long[] a = new long[(int) t.shape().size()];
          l.asRawTensor().data().asLongs().read(a);
          for (long v : a) {
            line.append(' ').append(v);
          }
        } else {
          float[] a = new float[(int) t.shape().size()];
          ((TFloat32) t).asRawTensor().data().asFloats().read(a);
          for (float v : a) {
            line.append(' ').append(v);
          }
        }
        System.out.println(line);
      }
    }
  }
}
