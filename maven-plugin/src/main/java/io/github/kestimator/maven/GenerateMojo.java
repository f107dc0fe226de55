package io.github.kestimator.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.maven.model.Resource;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates an annotated model class ({@code @KerasModel}, {@code @Compile}, one {@code Layer}
 * field per layer) from each Keras file, for the annotation processor to turn into records and an
 * estimator in the same build. A {@code .h5} or {@code .keras} file with weights also gives a
 * weights resource that the generated estimator warm-starts from. The output directory is always
 * registered as a source root, and the resource directory as a resource root, also when nothing
 * needed regenerating.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractKestimatorMojo {
  /**
   * Where the model classes are written; added to the compile source roots.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "kestimator.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/kestimator")
  File outputDirectory;

  /**
   * Where the starting weights of models from {@code .h5} and {@code .keras} files are written
   * ({@code <package path>/<Class>.weights}); added to the project's resources.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "kestimator.resourceDirectory",
      defaultValue = "${project.build.directory}/generated-resources/kestimator")
  File resourceDirectory;

  /**
   * The up-to-date record: content hashes of the Keras files and of this configuration.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "kestimator.cacheFile",
      defaultValue = "${project.build.directory}/kestimator/generate.cache")
  File cacheFile;

  @Override
  void before() {
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    String resources = resourceDirectory.getAbsolutePath();
    if (project.getResources().stream().noneMatch(r -> resources.equals(r.getDirectory()))) {
      Resource r = new Resource();
      r.setDirectory(resources);
      project.addResource(r);
    }
  }

  @Override
  void run() throws KestimatorException {
    new GenerateService(log())
        .generate(
            new GenerateRequest(
                settings(),
                outputDirectory.toPath(),
                resourceDirectory.toPath(),
                cacheFile.toPath(),
                pluginVersion()));
  }

  static String pluginVersion() {
    Properties p = new Properties();
    try (InputStream in = GenerateMojo.class.getResourceAsStream("plugin.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
