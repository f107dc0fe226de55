package io.github.kestimator.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Real Spark in this JVM for tests: {@code local[N]} runs N task threads as one executor with the
 * driver.
 */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("kestimator-spark-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}
