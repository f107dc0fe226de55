package io.github.kestimator.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;

/**
 * One loaded SavedModel per export path in this JVM, shared by every task the executor runs: a
 * model's variables are loaded once, not once per partition. TensorFlow sessions run concurrently,
 * so tasks call the same {@link SessionFunction} from their own threads. The bundles are closed by
 * a shutdown hook when the JVM exits (an executor lives as long as its application).
 */
final class LoadedModels {
  private static final Logger LOG = LoggerFactory.getLogger(LoadedModels.class);
  private static final Map<String, Loaded> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(LoadedModels::closeAll, "kestimator-saved-models-close"));
  }

  /** A loaded bundle and its serving function. */
  record Loaded(SavedModelBundle bundle, SessionFunction serving) {}

  private LoadedModels() {}

  /** The bundle of {@code exportDir}, loaded on first use. */
  static SessionFunction serving(String exportDir) {
    return MODELS.computeIfAbsent(exportDir, LoadedModels::load).serving();
  }

  private static Loaded load(String exportDir) {
    long start = System.nanoTime();
    SavedModelBundle bundle = SavedModelBundle.load(exportDir, SavedModelBundle.DEFAULT_TAG);
    try {
      SessionFunction f = bundle.function(ServingSignature.KEY);
      LOG.info(
          "Loaded SavedModel {} in {} ms; tasks of this JVM share it.",
          exportDir,
          (System.nanoTime() - start) / 1_000_000);
      return new Loaded(bundle, f);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /** Closes every bundle; only for JVM exit, since running tasks may hold them. */
  private static void closeAll() {
    MODELS.values().forEach(l -> l.bundle().close());
    MODELS.clear();
  }
}
