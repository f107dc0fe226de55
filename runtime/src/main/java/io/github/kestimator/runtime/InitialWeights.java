package io.github.kestimator.runtime;

import io.github.kestimator.model.Model;
import io.github.kestimator.model.format.WeightsFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Starting values for a model's weights, in Keras' layout (tf.estimator's warm start, as {@code
 * model_to_estimator} starts from the Keras model's weights).
 *
 * <p>An estimator with initial weights (from {@code @KerasModel(weights = ...)}, or {@code
 * KerasEstimator.fromKeras}) uses them only while its model directory has no checkpoint ({@link
 * io.github.kestimator.runtime.session.WarmStart}): the first training saves them as the checkpoint
 * of step 0, exactly where it would have saved freshly initialized weights, and resumes from the
 * directory afterwards; evaluate, predict and export before any training read them without writing
 * anything.
 */
@FunctionalInterface
public interface InitialWeights {
  /**
   * The values of {@code weight} (a {@link io.github.kestimator.model.Weight#name()}) of layer
   * {@code layer}, row-major in the weight's shape, or null to keep the weight's initializer.
   */
  float[] values(String layer, String weight);

  /**
   * The weights in class path resource {@code resource} ({@link
   * io.github.kestimator.model.format.WeightsFile}'s format), resolved against {@code anchor} as
   * {@link Class#getResourceAsStream} does, checked to be exactly {@code model}'s weights.
   *
   * @throws IllegalArgumentException naming the resource when it is missing or unreadable, or
   *     naming the resource, layer and weight when a weight is missing, surplus or shaped
   *     differently
   */
  static InitialWeights fromResource(Class<?> anchor, String resource, Model model) {
    String path =
        resource.startsWith("/")
            ? resource.substring(1)
            : anchor.getPackageName().isEmpty()
                ? resource
                : anchor.getPackageName().replace('.', '/') + "/" + resource;
    String source = "class path resource " + path;
    WeightsFile file;
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "the initial weights of model '"
                + model.name()
                + "' (weights = \""
                + resource
                + "\") are missing: no "
                + source
                + " (for a model generated from a Keras file, the kestimator plugin's"
                + " generate goal writes it and registers its directory as a resource root)");
      }
      file = WeightsFile.read(new BufferedInputStream(in), source);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the initial weights " + source + ": " + e.getMessage(), e);
    }
    file.check(model);
    return (layer, weight) -> {
      WeightsFile.Entry e = file.get(layer, weight);
      return e == null ? null : e.values();
    };
  }
}
