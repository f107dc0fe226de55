package io.github.kestimator.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that data files carry exactly the columns their model reads: a CSV header, or the feature
 * keys of a TFRecord file's {@code tf.train.Example}s, against the model's feature names and label
 * names. A model is a Keras file, the class generated from one, or any {@code @KerasModel} class
 * compiled by the kestimator annotation processor. A missing or unknown column fails the build
 * naming the file, the column and the closest expected name.
 *
 * @since 0.1.0
 */
@Mojo(name = "check-features", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckFeaturesMojo extends AbstractKestimatorMojo {
  /**
   * The data files to check, each with {@code file}, {@code model} and optionally {@code labels}
   * ({@code false} for files without label columns).
   *
   * @since 0.1.0
   */
  @Parameter List<DataFileConfiguration> dataFiles;

  /** The compiled classes, holding each annotated model class's columns file. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  File classesDirectory;

  @Override
  void run() throws KestimatorException {
    List<FeatureCheckRequest.DataFile> files = new ArrayList<>();
    if (dataFiles == null || dataFiles.isEmpty()) {
      getLog().info("No <dataFiles> to check");
      return;
    }
    for (DataFileConfiguration d : dataFiles) {
      if (d.file == null) {
        throw new KestimatorException("<dataFiles>: every <dataFile> needs a <file>");
      }
      files.add(new FeatureCheckRequest.DataFile(d.file.toPath(), d.model, d.labels));
    }
    new FeatureCheckService(log())
        .check(new FeatureCheckRequest(settings(), classesDirectory.toPath(), files));
  }
}
