package io.github.kestimator.cli;

import io.github.kestimator.keras.estimator.Npy;
import io.github.kestimator.runtime.export.SavedModelDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Calls a SavedModel's {@code serving_default} signature, as TensorFlow Serving would. */
final class SavedModelPredictor {
  /** Reads the inputs once the signature says which it takes. */
  interface InputReader {
    Map<String, Npy.Array> read(Map<String, Inputs.Spec> specs) throws IOException;
  }

  private SavedModelPredictor() {}

  /**
   * The SavedModel in {@code dir}, or in its newest numbered version directory (Serving's layout).
   */
  static Path resolve(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      return dir;
    }
    List<Path> versions =
        SavedModelDirs.list(dir).stream()
            .filter(p -> Files.isRegularFile(p.resolve("saved_model.pb")))
            .toList();
    if (versions.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " is no SavedModel: it has no saved_model.pb and no numbered version"
              + " directory with one");
    }
    return versions.get(versions.size() - 1);
  }

  /**
   * Loads the SavedModel, naming its directory when TensorFlow cannot read it (a truncated
   * saved_model.pb says only "Read less bytes than requested").
   */
  private static SavedModelBundle load(Path savedModel) {
    try {
      return SavedModelBundle.load(savedModel.toString(), "serve");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load the SavedModel in "
              + savedModel
              + " (is saved_model.pb truncated or"
              + " not a SavedModel with the tag 'serve'?): "
              + e.getMessage(),
          e);
    }
  }

  static Map<String, Npy.Array> predict(Path dir, InputReader reader) throws IOException {
    Path savedModel = resolve(dir);
    try (SavedModelBundle b = load(savedModel)) {
      SessionFunction f = b.function(Signature.DEFAULT_KEY);
      Signature sig = f.signature();
      Map<String, Inputs.Spec> specs = new LinkedHashMap<>();
      for (Map.Entry<String, Signature.TensorDescription> e : sig.getInputs().entrySet()) {
        long[] dims = e.getValue().shape.asArray();
        int[] row = new int[Math.max(0, dims.length - 1)];
        for (int i = 1; i < dims.length; i++) {
          if (dims[i] < 0) {
            throw new IllegalArgumentException(
                savedModel + ": input '" + e.getKey() + "' has an unknown dimension " + i);
          }
          row[i - 1] = (int) dims[i];
        }
        DataType t = e.getValue().dataType;
        if (t != DataType.DT_FLOAT && t != DataType.DT_INT32 && t != DataType.DT_STRING) {
          throw new IllegalArgumentException(
              savedModel
                  + ": input '"
                  + e.getKey()
                  + "' is "
                  + t
                  + "; float32, int32 and string are supported");
        }
        specs.put(
            e.getKey(), new Inputs.Spec(t == DataType.DT_INT32, row, t == DataType.DT_STRING));
      }
      Map<String, Npy.Array> inputs = reader.read(specs);
      List<Tensor> tensors = new ArrayList<>();
      try {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, Inputs.Spec> e : specs.entrySet()) {
          Npy.Array a = inputs.get(e.getKey());
          long[] shape = new long[e.getValue().shape().length + 1];
          shape[0] = a.rows();
          for (int i = 0; i < e.getValue().shape().length; i++) {
            shape[i + 1] = e.getValue().shape()[i];
          }
          Tensor t;
          if (e.getValue().string()) {
            t = TString.tensorOf(Shape.of(shape), DataBuffers.ofObjects(a.strings()));
          } else if (e.getValue().integer()) {
            int[] v = a.isInt() ? a.ints() : toInts(a.floats());
            t = TInt32.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
          } else {
            float[] v = a.isInt() ? a.floatRowsAll() : a.floats();
            t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
          }
          tensors.add(t);
          feeds.put(e.getKey(), t);
        }
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        try (Result r = f.call(feeds)) {
          for (String name : sig.outputNames()) {
            out.put(name, array(savedModel, name, r.get(name).orElseThrow()));
          }
        }
        return out;
      } finally {
        tensors.forEach(Tensor::close);
      }
    }
  }

  /**
   * An output as an array: float32 and float64 (narrowed) as floats, int32 and int64 (when it fits)
   * as ints.
   */
  private static Npy.Array array(Path savedModel, String name, Tensor y) {
    long[] dims = y.shape().asArray();
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = (int) dims[i];
    }
    int n = (int) y.shape().size();
    if (y instanceof TFloat32 f) {
      float[] v = new float[n];
      f.copyTo(DataBuffers.of(v, false, false));
      return new Npy.Array(shape, v, null);
    }
    if (y instanceof TFloat64 d) {
      double[] w = new double[n];
      d.copyTo(DataBuffers.of(w, false, false));
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) w[i];
      }
      return new Npy.Array(shape, v, null);
    }
    if (y instanceof TInt32 i32) {
      int[] v = new int[n];
      i32.copyTo(DataBuffers.of(v, false, false));
      return new Npy.Array(shape, null, v);
    }
    if (y instanceof TInt64 i64) {
      long[] w = new long[n];
      i64.copyTo(DataBuffers.of(w, false, false));
      int[] v = new int[n];
      for (int i = 0; i < n; i++) {
        if (w[i] != (int) w[i]) {
          throw new IllegalArgumentException(
              savedModel
                  + ": output '"
                  + name
                  + "' holds "
                  + w[i]
                  + ", beyond the int32"
                  + " that predict writes");
        }
        v[i] = (int) w[i];
      }
      return new Npy.Array(shape, null, v);
    }
    throw new IllegalArgumentException(
        savedModel
            + ": output '"
            + name
            + "' is "
            + y.dataType()
            + "; predict reads float32, float64, int32 and int64 outputs");
  }

  private static int[] toInts(float[] f) {
    int[] v = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      v[i] = (int) f[i];
    }
    return v;
  }
}
