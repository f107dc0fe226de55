package io.github.kestimator.runtime.session;

import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.binding.MetricValues;
import io.github.kestimator.runtime.binding.ModelBinding;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.input.BatchStream;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.modeldir.EventWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tf.estimator's {@code evaluate}: restores the model directory's state into an EVAL session of its
 * own, streams the loss and the compiled metrics over the input, logs them as tf.estimator does
 * ({@code Saving dict for global step N: ...}) and writes them as scalars to {@code
 * <model_dir>/eval/}.
 */
public final class CheckpointEvaluator<F, L> {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointEvaluator.class);

  private final ModelBinding<F, L, ?, ?> binding;
  private final RunConfig config;
  private final Restorer restorer;

  public CheckpointEvaluator(
      ModelBinding<F, L, ?, ?> binding, RunConfig config, Restorer restorer) {
    this.binding = Objects.requireNonNull(binding, "binding");
    this.config = Objects.requireNonNull(config, "config");
    this.restorer = Objects.requireNonNull(restorer, "restorer");
  }

  /**
   * Evaluates on at most {@code maxBatches} batches of {@code input} ({@link Long#MAX_VALUE}: all
   * of it).
   *
   * @throws IllegalArgumentException when the input gives no batch
   */
  public MetricValues evaluate(Input<F, L> input, long maxBatches) {
    try (ModelSession s = ModelSession.open(binding.model(), Mode.EVAL, config)) {
      long step = restorer.restore(s);
      Evaluation eval = Evaluation.create(binding.model());
      long n = 0;
      try (BatchStream batches = input.open(binding)) {
        while (n < maxBatches && batches.hasNext()) {
          HostBatch batch = batches.next();
          eval.update(batch, s.run(batch));
          n++;
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("evaluation input " + input + " gave no batches");
      }
      Map<String, Double> values = eval.result();
      LOG.info(
          "Saving dict for global step {}: {}",
          step,
          new TreeMap<>(values)
              .entrySet().stream()
                  .map(e -> e.getKey() + " = " + format(e.getValue()))
                  .collect(Collectors.joining(", ")));
      try (EventWriter events = EventWriter.open(config.modelDir().resolve("eval"))) {
        events.scalars(step, values);
      }
      return new MetricValues(values, step);
    }
  }

  /** A metric as tf.estimator logs it. */
  public static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
