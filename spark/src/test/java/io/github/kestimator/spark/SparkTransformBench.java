package io.github.kestimator.spark;

import io.github.kestimator.keras.estimator.KerasEstimator;
import io.github.kestimator.runtime.Predictor;
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
 * on the same rows in batches of 256, same model, same JVM, same run. Prints
 * {@code BENCH spark transform rows_per_sec=<n> predictor_rows_per_sec=<n>} and the load average,
 * since the machine may be shared. Run with {@code mvn -pl spark exec:exec} after a build.
 */
public final class SparkTransformBench {
  private static final int ROWS = 200_000;

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("kestimator-spark-bench");
    SparkSession spark = LocalSpark.start("local[2]");
    try (KerasEstimator estimator = FixtureExport.estimator(tmp)) {
      Path export = estimator.exportSavedModel(tmp.resolve("model/export/keras"));
      KestimatorModel model = KestimatorSpark.transformer(export);
      Dataset<Row> rows = spark.range(0, ROWS, 1, 2)
          .selectExpr("id", "transform(sequence(0, 11), i -> cast(pmod(hash(id, i), 50) as int)) as input_layer").cache();
      rows.count();
      model.transform(rows.limit(20_000)).write().format("noop").mode("overwrite").save(); // warm-up
      long t0 = System.nanoTime();
      model.transform(rows).write().format("noop").mode("overwrite").save();
      double sparkSecs = (System.nanoTime() - t0) / 1e9;

      List<int[]> inputs = new ArrayList<>(ROWS);
      for (Row r : rows.collectAsList()) {
        List<Integer> tokens = r.getList(1);
        inputs.add(tokens.stream().mapToInt(Integer::intValue).toArray());
      }
      double predictorSecs;
      try (Predictor<Map<String, Object>, Map<String, float[]>> predictor = FixtureExport.predictor(estimator, export)) {
        predictAll(predictor, inputs.subList(0, 20_000)); // warm-up
        long t1 = System.nanoTime();
        predictAll(predictor, inputs);
        predictorSecs = (System.nanoTime() - t1) / 1e9;
      }
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      System.out.printf(Locale.ROOT, "BENCH spark transform rows_per_sec=%.0f predictor_rows_per_sec=%.0f%n",
          ROWS / sparkSecs, ROWS / predictorSecs);
      System.out.println("rows=" + ROWS + " master=local[2] batch=256 cores=" + Runtime.getRuntime().availableProcessors()
          + " loadavg=" + load);
    } finally {
      spark.stop();
    }
  }

  private static void predictAll(Predictor<Map<String, Object>, Map<String, float[]>> predictor, List<int[]> inputs) {
    for (int from = 0; from < inputs.size(); from += 256) {
      List<Map<String, Object>> batch = new ArrayList<>(256);
      for (int[] tokens : inputs.subList(from, Math.min(inputs.size(), from + 256))) {
        batch.add(Map.of("input_layer", tokens));
      }
      predictor.predict(batch);
    }
  }
}
