package io.github.kestimator.maven;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.keras.KerasModel;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelSpec;

/**
 * A Keras file read and validated: the model description written into the model class, and the
 * analyzed model.
 *
 * @param file the file as read, with its weights where it has them ({@link KerasFile#hasWeights()})
 */
public record ImportedModel(ModelSource source, KerasFile file, ModelSpec spec, Model model) {
  /**
   * The warning naming the training settings of the file that kestimator cannot use and left out of
   * the model's compile settings ({@link KerasFile#trainingWarning()}), with the file's display
   * path; null when there are none.
   */
  public String trainingWarning() {
    String w = file.trainingWarning();
    return w == null
        ? null
        : w.replace(source.file().toString(), source.displayPath())
            + " (set <loss>, <optimizer>, <metrics> for the model in the plugin's <models> to choose them)";
  }

  /** The model as Keras configured it. */
  public KerasModel keras() {
    return file.model();
  }
}
