package io.github.kestimator.spark;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.Estimator;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.Predictor;
import io.github.kestimator.runtime.RunConfig;
import io.github.kestimator.runtime.binding.MapBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Batch prediction throughput: {@link KestimatorModel#transform} of 200,000 rows in local[2]
 * (written to Spark's no-op sink, so nothing is collected) beside the single-JVM {@link Predictor}
 * on the same rows in batches of 256, same model (the seed's sentiment model, W1's shape), same
 * JVM, same run. Prints {@code BENCH spark transform rows_per_sec=<n> predictor_rows_per_sec=<n>}
 * and the load average, since the machine may be shared. Run with {@code mvn -pl spark exec:exec}
 * after a build.
 */
public final class SparkTransformBench {
  private static final int ROWS = 200_000;

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("kestimator-spark-bench");
    SparkSession spark = LocalSpark.start("local[2]");
    try (Estimator<
            Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>>
        estimator = sentiment(tmp)) {
      Path export = estimator.exportSavedModel(tmp.resolve("model/export/keras"));
      KestimatorModel model = KestimatorSpark.transformer(export);
      Dataset<Row> rows =
          spark
              .range(0, ROWS, 1, 2)
              .selectExpr(
                  "id",
                  "transform(sequence(0, 99), i -> cast(1 + pmod(hash(id, i), 9999) as int)) as words_input")
              .cache();
      rows.count();
      model
          .transform(rows.limit(20_000))
          .write()
          .format("noop")
          .mode("overwrite")
          .save(); // warm-up
      long t0 = System.nanoTime();
      model.transform(rows).write().format("noop").mode("overwrite").save();
      double sparkSecs = (System.nanoTime() - t0) / 1e9;

      List<int[]> inputs = new ArrayList<>(ROWS);
      for (Row r : rows.collectAsList()) {
        List<Integer> tokens = r.getList(1);
        inputs.add(tokens.stream().mapToInt(Integer::intValue).toArray());
      }
      double predictorSecs;
      try (Predictor<Map<String, Object>, Map<String, float[]>> predictor =
          new Predictor<>(new MapBinding(estimator.binding().model()), export) {}) {
        predictAll(predictor, inputs.subList(0, 20_000)); // warm-up
        long t1 = System.nanoTime();
        predictAll(predictor, inputs);
        predictorSecs = (System.nanoTime() - t1) / 1e9;
      }
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      System.out.printf(
          Locale.ROOT,
          "BENCH spark transform rows_per_sec=%.0f predictor_rows_per_sec=%.0f%n",
          ROWS / sparkSecs,
          ROWS / predictorSecs);
      System.out.println(
          "rows="
              + ROWS
              + " master=local[2] batch=256 cores="
              + Runtime.getRuntime().availableProcessors()
              + " loadavg="
              + load);
    } finally {
      spark.stop();
    }
  }

  /**
   * The seed's sentiment model as WORKLOADS.md's W1 has it (Embedding(10000, 64) over 100 tokens ->
   * LSTM(64) -> Dropout(0.5) -> Dense(1, sigmoid)), initialized and checkpointed at step 0: scoring
   * speed does not depend on the weights.
   */
  static Estimator<
          Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>>
      sentiment(Path dir) {
    Model m =
        ModelAnalyzer.analyze(
                new ModelSpec(
                    "Sentiment",
                    List.of(
                        LayerSpec.of(
                            "words",
                            LayerKind.EMBEDDING,
                            Map.of("inputDim", 10_000, "outputDim", 64, "inputLength", 100)),
                        LayerSpec.of("lstm", LayerKind.LSTM, Map.of("units", 64)),
                        LayerSpec.of("dropout", LayerKind.DROPOUT, Map.of("rate", 0.5)),
                        LayerSpec.of(
                            "score",
                            LayerKind.DENSE,
                            Map.of("units", 1, "activation", Activation.SIGMOID))),
                    new CompileSpec(
                        OptimizerSpec.of(OptimizerType.ADAM),
                        Loss.BINARY_CROSSENTROPY,
                        false,
                        List.of())))
            .orThrow();
    var e =
        new Estimator<
            Map<String, Object>, Map<String, Object>, Map<String, float[]>, Map<String, Double>>(
            new MapBinding(m), RunConfig.builder().modelDir(dir.resolve("model")).build()) {};
    int[] tokens = new int[100];
    java.util.Arrays.fill(tokens, 1);
    e.train(
        Input.of(
                List.of(
                    Example.of(
                        Map.<String, Object>of("words_input", tokens),
                        Map.<String, Object>of("score", new float[] {1f}))))
            .batch(1),
        1);
    return e;
  }

  private static void predictAll(
      Predictor<Map<String, Object>, Map<String, float[]>> predictor, List<int[]> inputs) {
    for (int from = 0; from < inputs.size(); from += 256) {
      List<Map<String, Object>> batch = new ArrayList<>(256);
      for (int[] tokens : inputs.subList(from, Math.min(inputs.size(), from + 256))) {
        batch.add(Map.of("words_input", tokens));
      }
      predictor.predict(batch);
    }
  }
}
