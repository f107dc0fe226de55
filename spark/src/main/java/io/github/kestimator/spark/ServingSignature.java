package io.github.kestimator.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The {@code serving_default} signature of an exported SavedModel, read from its {@code
 * saved_model.pb} without loading the variables: what the driver needs to check a schema.
 *
 * @param exportDir the SavedModel directory
 * @param inputs the signature's inputs, sorted by name
 * @param outputs the signature's outputs, sorted by name
 */
public record ServingSignature(String exportDir, List<TensorSpec> inputs, List<TensorSpec> outputs)
    implements Serializable {
  public static final String KEY = "serving_default";

  /** The element types a column can feed. */
  public enum Kind {
    INT32,
    FLOAT,
    DOUBLE
  }

  /**
   * One input or output: its signature name, element type and shape; {@code dims[0]} is the batch
   * dimension (-1), the rest give one example's values.
   */
  public record TensorSpec(String name, Kind kind, long[] dims) implements Serializable {
    /** Values per example (the product of the non-batch dimensions). */
    public int size() {
      long n = 1;
      for (int i = 1; i < dims.length; i++) {
        n *= dims[i];
      }
      return (int) n;
    }

    /** One example's shape as Keras prints it, e.g. {@code int32[12]}. */
    public String describe() {
      return kind.name().toLowerCase(java.util.Locale.ROOT)
          + Arrays.toString(Arrays.copyOfRange(dims, 1, dims.length)).replace(" ", "");
    }
  }

  /**
   * Reads {@code exportDir/saved_model.pb}.
   *
   * @throws IllegalArgumentException when the directory holds no SavedModel with a {@code serve}
   *     tag and a {@code serving_default} signature, or a tensor of a type or shape this module
   *     cannot feed
   */
  public static ServingSignature read(Path exportDir) {
    Path pb = exportDir.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      throw new IllegalArgumentException(
          "no SavedModel in "
              + exportDir
              + " (no saved_model.pb there); give an export "
              + "directory such as <model_dir>/export/<name>/<timestamp>");
    }
    SavedModel saved;
    try {
      saved = SavedModel.parseFrom(Files.readAllBytes(pb));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pb + ": " + e.getMessage(), e);
    }
    MetaGraphDef meta =
        saved.getMetaGraphsList().stream()
            .filter(m -> m.getMetaInfoDef().getTagsList().contains("serve"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "SavedModel " + exportDir + " has no meta graph tagged 'serve'"));
    SignatureDef sig = meta.getSignatureDefMap().get(KEY);
    if (sig == null) {
      throw new IllegalArgumentException(
          "SavedModel "
              + exportDir
              + " has no '"
              + KEY
              + "' signature; it has "
              + meta.getSignatureDefMap().keySet());
    }
    return new ServingSignature(
        exportDir.toString(),
        specs(exportDir, "input", sig.getInputsMap()),
        specs(exportDir, "output", sig.getOutputsMap()));
  }

  private static List<TensorSpec> specs(Path dir, String what, Map<String, TensorInfo> infos) {
    List<TensorSpec> out = new ArrayList<>();
    new TreeMap<>(infos)
        .forEach(
            (name, info) -> {
              Kind kind =
                  switch (info.getDtype()) {
                    case DT_INT32 -> Kind.INT32;
                    case DT_FLOAT -> Kind.FLOAT;
                    case DT_DOUBLE -> Kind.DOUBLE;
                    default ->
                        throw new IllegalArgumentException(
                            "SavedModel "
                                + dir
                                + ": "
                                + what
                                + " '"
                                + name
                                + "' is "
                                + info.getDtype()
                                + "; only int32, float and double tensors can be fed from or returned to DataFrames");
                  };
              TensorShapeProto shape = info.getTensorShape();
              long[] dims =
                  shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
              if (shape.getUnknownRank() || dims.length == 0 || dims[0] != -1) {
                throw new IllegalArgumentException(
                    "SavedModel "
                        + dir
                        + ": "
                        + what
                        + " '"
                        + name
                        + "' has shape "
                        + Arrays.toString(dims)
                        + "; expected a batch dimension first");
              }
              for (int i = 1; i < dims.length; i++) {
                if (dims[i] < 0) {
                  throw new IllegalArgumentException(
                      "SavedModel "
                          + dir
                          + ": "
                          + what
                          + " '"
                          + name
                          + "' has shape "
                          + Arrays.toString(dims)
                          + "; every dimension but the batch must be known");
                }
              }
              out.add(new TensorSpec(name, kind, dims));
            });
    return List.copyOf(out);
  }

  public List<String> inputNames() {
    return inputs.stream().map(TensorSpec::name).toList();
  }
}
