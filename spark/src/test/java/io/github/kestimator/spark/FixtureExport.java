package io.github.kestimator.spark;

import io.github.kestimator.keras.estimator.KerasEstimator;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.runtime.Predictor;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.binding.MapBinding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The seed-shaped Keras fixture (Embedding(50, 8) -> LSTM(6) -> Dropout -> Dense(1, sigmoid), input
 * int32[12]) exported.
 */
final class FixtureExport {
  private FixtureExport() {}

  static Path kerasFile() {
    return KerasFixtures.model("embedding_lstm").h5();
  }

  /** Exports the fixture with its Keras weights to {@code dir/export/keras/<timestamp>}. */
  static KerasEstimator estimator(Path dir) throws IOException {
    return KerasEstimator.fromKeras(
        kerasFile(), RunConfig.builder().modelDir(dir.resolve("model")).build());
  }

  /** The single-JVM predictor of an export. */
  static Predictor<Map<String, Object>, Map<String, float[]>> predictor(
      KerasEstimator estimator, Path export) {
    return new Predictor<>(new MapBinding(estimator.model()), export) {};
  }
}
