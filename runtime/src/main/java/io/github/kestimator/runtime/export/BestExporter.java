package io.github.kestimator.runtime.export;

import io.github.kestimator.runtime.Objective;
import io.github.kestimator.runtime.modeldir.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tf.estimator.BestExporter: exports only when the evaluated metric beats the best so far. The best
 * value is kept in {@code export/<name>/best_value.txt}, so it survives restarts.
 */
public final class BestExporter<M> implements Exporter<M> {
  private static final Logger LOG = LoggerFactory.getLogger(BestExporter.class);
  static final String BEST_FILE = "best_value.txt";

  private final String name;
  private final Objective<M> objective;

  private BestExporter(String name, Objective<M> objective) {
    this.name = Exporter.checkName(name);
    this.objective = Objects.requireNonNull(objective, "objective");
  }

  /** Exports when the evaluation loss is lower than ever before (tf's default). */
  public static <M> BestExporter<M> of(String name) {
    return new BestExporter<>(name, Objective.minimizeLoss());
  }

  /** Exports when the evaluation is better than ever before by {@code objective}. */
  public static <M> BestExporter<M> of(String name, Objective<M> objective) {
    return new BestExporter<>(name, objective);
  }

  /** Exports when {@code metric} is lower than ever before, e.g. {@code SentimentMetrics::loss}. */
  public static <M> BestExporter<M> minimize(String name, ToDoubleFunction<M> metric) {
    return new BestExporter<>(name, Objective.minimize(metric));
  }

  /** Exports when {@code metric} is higher than ever before, e.g. {@code SentimentMetrics::auc}. */
  public static <M> BestExporter<M> maximize(String name, ToDoubleFunction<M> metric) {
    return new BestExporter<>(name, Objective.maximize(metric));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Path> export(Request<? extends M> request) {
    double value = objective.value(request.metrics(), request.values());
    String metricName = objective.describe(request.values(), value);
    Path bestFile = request.exportDir().resolve(BEST_FILE);
    Double best = readBest(bestFile);
    if (!objective.improves(value, best == null ? Double.NaN : best)) {
      LOG.info(
          "BestExporter '{}': {} {} does not beat the best {}; not exporting.",
          name,
          metricName,
          value,
          best);
      return Optional.empty();
    }
    Path dir = request.writer().exportSavedModel(request.exportDir());
    // Written after the export: a crash in between re-exports next time rather than losing the best
    // model.
    AtomicFiles.write(bestFile, Double.toString(value) + "\n");
    LOG.info(
        "BestExporter '{}': {} improved to {} (was {}); exported {}",
        name,
        metricName,
        value,
        best,
        dir);
    return Optional.of(dir);
  }

  private static Double readBest(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("corrupt best value file " + file + ": expected a number", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
