package io.github.kestimator.runtime.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Makes a SavedModel that TF Java's exporter wrote carry its lookup tables' files, as TensorFlow's
 * Python exporter does (TF Java writes no assets and no init op, tensorflow/java#434): each file is
 * copied to {@code assets/}, an {@code AssetFileDef} in the MetaGraphDef ties it to the string
 * constant the table's initializer reads the file name from, and a {@code __saved_model_init_op}
 * signature names the graph's {@code Init} op (the NoOp TF Java adds over every initializer), which
 * loaders run after pointing each constant at the asset's real path. Without that signature a
 * loaded model fails with "Table not initialized".
 */
public final class SavedModelAssets {
  /** The signature key TensorFlow's loaders read the init op from. */
  public static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

  /** The op TF Java's {@code Graph.toGraphDef} adds over the graph's initializers. */
  public static final String INIT_OP = "Init";

  private SavedModelAssets() {}

  /**
   * One file a table is initialized from.
   *
   * @param tensorOp the op name of the string constant that holds the file name (e.g. {@code
   *     text/vocabulary_path})
   * @param source the file now
   * @param filename its name under {@code assets/}, e.g. {@code text/tokens.txt}
   */
  public record Asset(String tensorOp, Path source, String filename) {}

  /** Adds {@code assets} to the SavedModel in {@code exportDir}; nothing when there are none. */
  public static void add(Path exportDir, List<Asset> assets) {
    if (assets.isEmpty()) {
      return;
    }
    Path pb = exportDir.resolve("saved_model.pb");
    try {
      SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(pb));
      if (sm.getMetaGraphsCount() != 1) {
        throw new IllegalStateException(
            pb + " holds " + sm.getMetaGraphsCount() + " meta graphs, expected 1");
      }
      MetaGraphDef mg = sm.getMetaGraphs(0);
      boolean hasInit =
          mg.getGraphDef().getNodeList().stream().anyMatch(n -> n.getName().equals(INIT_OP));
      if (!hasInit) {
        throw new IllegalStateException(
            pb + " has no '" + INIT_OP + "' op, so its lookup tables could never be filled");
      }
      MetaGraphDef.Builder b = mg.toBuilder();
      Path assetsDir = exportDir.resolve("assets");
      for (Asset a : assets) {
        if (!Files.isRegularFile(a.source())) {
          throw new IllegalStateException(
              "the vocabulary file "
                  + a.source()
                  + " of '"
                  + a.tensorOp()
                  + "' does not exist; cannot export it as a SavedModel asset");
        }
        Path target = assetsDir.resolve(a.filename());
        Files.createDirectories(target.getParent());
        Files.copy(a.source(), target, StandardCopyOption.REPLACE_EXISTING);
        b.addAssetFileDef(
            AssetFileDef.newBuilder()
                .setFilename(a.filename())
                .setTensorInfo(
                    TensorInfo.newBuilder()
                        .setName(a.tensorOp() + ":0")
                        .setDtype(DataType.DT_STRING)));
      }
      b.putSignatureDef(
          INIT_OP_SIGNATURE,
          SignatureDef.newBuilder()
              .putOutputs(
                  INIT_OP_SIGNATURE,
                  TensorInfo.newBuilder().setName(INIT_OP).setDtype(DataType.DT_INVALID).build())
              .build());
      Path tmp = pb.resolveSibling("saved_model.pb.tmp");
      Files.write(tmp, sm.toBuilder().setMetaGraphs(0, b).build().toByteArray());
      Files.move(tmp, pb, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot add assets to the SavedModel in " + exportDir + ": " + e.getMessage(), e);
    }
  }
}
