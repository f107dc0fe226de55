package io.github.kestimator.runtime.export;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.session.ModelSession;
import io.github.kestimator.runtime.session.Restorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * tf.estimator's {@code export_saved_model}: the model directory's state in a PREDICT graph,
 * written as a SavedModel with the tag {@code serve} and a {@code serving_default} signature that
 * takes the features by name (string features as {@code tf.string}) and returns the outputs by
 * layer name, into {@code base/<timestamp>/} ({@link SavedModelDirs#create}). The files the lookup
 * tables of preprocessing layers are filled from go to {@code assets/<layer>/tokens.txt}, with the
 * {@code AssetFileDef}s and the {@code __saved_model_init_op} that fill the tables on load ({@link
 * SavedModelAssets}).
 */
public final class SavedModelExport implements Exporter.SavedModelWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SavedModelExport.class);

  private final Model model;
  private final RunConfig config;
  private final Restorer restorer;

  public SavedModelExport(Model model, RunConfig config, Restorer restorer) {
    this.model = model;
    this.config = config;
    this.restorer = restorer;
  }

  @Override
  public Path exportSavedModel(Path base) {
    try (ModelSession s = ModelSession.open(model, Mode.PREDICT, config)) {
      long step = restorer.restore(s);
      Signature signature = servingSignature(model, s);
      Path dir =
          SavedModelDirs.create(
              base,
              tmp -> {
                try {
                  SavedModelBundle.exporter(tmp.toString())
                      .withSession(s.session())
                      .withSignature(signature)
                      .export();
                  SavedModelAssets.add(
                      tmp,
                      s.graph().tableFiles().stream()
                          .map(f -> new SavedModelAssets.Asset(f.pathOp(), f.file(), f.assetName()))
                          .toList());
                } catch (IOException e) {
                  throw new UncheckedIOException(
                      "cannot write SavedModel to " + tmp + ": " + e.getMessage(), e);
                }
              });
      LOG.info("Exported the checkpoint of global step {} to {}", step, dir);
      return dir;
    }
  }

  /**
   * {@code serving_default}: the feature placeholders by feature name, the outputs by layer name.
   */
  static Signature servingSignature(Model model, ModelSession s) {
    Signature.Builder sig =
        Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict");
    for (int i = 0; i < model.features().size(); i++) {
      sig.input(model.features().get(i).name(), s.graph().feature(i));
    }
    for (int i = 0; i < model.outputs().size(); i++) {
      sig.output(model.outputs().get(i).layer(), s.graph().output(i));
    }
    return sig.build();
  }
}
