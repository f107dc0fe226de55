package io.github.kestimator.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.estimator.KerasEstimator;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.runtime.Predictor;
import io.github.kestimator.runtime.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch prediction in local[2]: a real Spark, the seed-shaped Keras fixture exported by kestimator.
 */
class KestimatorModelTest {
  private static final String TOKENS =
      "transform(sequence(0, 11), i -> cast(pmod(hash(id, i), 50) as int))";

  @TempDir static Path tmp;
  static SparkSession spark;
  static KerasEstimator estimator;
  static Path export;

  @BeforeAll
  static void start() throws Exception {
    spark = LocalSpark.start("local[2]");
    estimator = FixtureExport.estimator(tmp);
    export = estimator.exportSavedModel(tmp.resolve("model/export/keras"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (estimator != null) {
      estimator.close();
    }
  }

  static Dataset<Row> rows(long n, String column) {
    return spark.range(0, n, 1, 4).selectExpr("id", TOKENS + " as " + column);
  }

  @Test
  void transformsAHundredThousandRowsAsThePredictorDoes() {
    KestimatorModel model = KestimatorSpark.transformer(export);
    Dataset<Row> scored = model.transform(rows(100_000, "input_layer"));
    assertEquals(DataTypes.FloatType, scored.schema().apply("dense").dataType());
    List<Row> out = scored.orderBy("id").collectAsList();
    assertEquals(100_000, out.size());
    int exact = 0;
    double maxDiff = 0;
    try (Predictor<Map<String, Object>, Map<String, float[]>> predictor =
        FixtureExport.predictor(estimator, export)) {
      for (int from = 0; from < out.size(); from += 256) {
        List<Row> chunk = out.subList(from, Math.min(out.size(), from + 256));
        List<Map<String, Object>> features = new ArrayList<>();
        for (Row r : chunk) {
          List<Integer> tokens = r.getList(1);
          features.add(
              Map.of("input_layer", tokens.stream().mapToInt(Integer::intValue).toArray()));
        }
        List<Map<String, float[]>> expected = predictor.predict(features);
        for (int i = 0; i < chunk.size(); i++) {
          assertEquals(from + i, chunk.get(i).getLong(0));
          float want = expected.get(i).get("dense")[0];
          float got = chunk.get(i).getFloat(2);
          exact += want == got ? 1 : 0;
          maxDiff = Math.max(maxDiff, Math.abs(want - got));
        }
      }
    }
    System.out.println(
        "transform vs Predictor: "
            + exact
            + " of 100000 rows bit-identical, max difference "
            + maxDiff);
    assertTrue(maxDiff < 1e-6, "max difference " + maxDiff);
  }

  @Test
  void feedsAnInputFromAColumnOfAnotherName() {
    KestimatorModel model =
        KestimatorSpark.transformer(export).setInputCol("input_layer", "tokens");
    List<Row> a = model.transform(rows(10, "tokens")).orderBy("id").collectAsList();
    List<Row> b =
        KestimatorSpark.transformer(export)
            .transform(rows(10, "input_layer"))
            .orderBy("id")
            .collectAsList();
    for (int i = 0; i < 10; i++) {
      assertEquals(b.get(i).getFloat(2), a.get(i).getFloat(2));
    }
  }

  @Test
  void missingColumnFailsBeforeAnyTaskNamingTheClosestColumn() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KestimatorSpark.transformer(export).transform(rows(10, "input_layr")));
    assertEquals(
        "no column 'input_layer' for model input 'input_layer' (int32[12]); the DataFrame has columns [id, "
            + "input_layr]; did you mean 'input_layr'? (choose another column with setInputCol(\"input_layer\", column))",
        e.getMessage());
  }

  @Test
  void wrongElementTypeFailsBeforeAnyTask() {
    Dataset<Row> longs =
        spark.range(0, 10).selectExpr("id", "transform(sequence(0, 11), i -> id) as input_layer");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KestimatorSpark.transformer(export).transform(longs));
    assertEquals(
        "column 'input_layer' for model input 'input_layer' holds array<bigint>; the model needs array<int> "
            + "(int32[12] per row); cast it, e.g. col(\"input_layer\").cast(\"array<int>\")",
        e.getMessage());
    Dataset<Row> scalar = spark.range(0, 10).selectExpr("id", "cast(id as int) as input_layer");
    var s =
        assertThrows(
            IllegalArgumentException.class,
            () -> KestimatorSpark.transformer(export).transform(scalar));
    assertEquals(
        "column 'input_layer' for model input 'input_layer' holds int; the model needs array<int> "
            + "(int32[12] per row)",
        s.getMessage());
  }

  @Test
  void wrongLengthFailsAtTheFirstBatchNamingColumnAndRow() {
    Dataset<Row> short11 =
        spark
            .range(0, 10, 1, 1)
            .selectExpr(
                "id", "if(id = 3, slice(" + TOKENS + ", 1, 11), " + TOKENS + ") as input_layer");
    Dataset<Row> scored = KestimatorSpark.transformer(export).transform(short11);
    var e = assertThrows(SparkException.class, scored::collectAsList);
    IllegalArgumentException cause = cause(e);
    assertEquals(
        "column 'input_layer' holds 11 values at row 3 of partition 0; 'input_layer' takes 12 (int32[12])",
        cause.getMessage());
  }

  private static IllegalArgumentException cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException i) {
        return i;
      }
    }
    throw new AssertionError("no IllegalArgumentException in", t);
  }

  @Test
  void aPipelineWithTheTransformerSavesAndLoads() throws Exception {
    SQLTransformer rename =
        new SQLTransformer().setStatement("SELECT id, tokens AS input_layer FROM __THIS__");
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {rename, KestimatorSpark.transformer(export).setBatchSize(64)});
    Dataset<Row> data = rows(500, "tokens");
    PipelineModel fitted = pipeline.fit(data);
    List<Row> before = fitted.transform(data).orderBy("id").collectAsList();
    String path = tmp.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    KestimatorModel stage = (KestimatorModel) loaded.stages()[1];
    assertEquals(export.toAbsolutePath().toString(), stage.getExportDir());
    assertEquals(64, stage.getBatchSize());
    List<Row> after = loaded.transform(data).orderBy("id").collectAsList();
    Map<Long, Float> want = new HashMap<>();
    before.forEach(r -> want.put(r.getLong(0), r.getFloat(2)));
    assertEquals(500, after.size());
    after.forEach(r -> assertEquals(want.get(r.getLong(0)), r.getFloat(2)));
  }

  @Test
  void aVectorAssemblerFeedsAFloatInput() throws Exception {
    // functional_inputs: Input(age: float32[3]) and Input(tags: float32[4]) -> Dense, Add,
    // Concatenate -> churn
    try (KerasEstimator churn =
        KerasEstimator.fromKeras(
            KerasFixtures.model("functional_inputs").h5(),
            RunConfig.builder().modelDir(tmp.resolve("churn")).build())) {
      Path churnExport = churn.exportSavedModel(tmp.resolve("churn/export/keras"));
      Dataset<Row> data =
          spark
              .range(0, 300, 1, 3)
              .selectExpr(
                  "id",
                  "sin(id) as a0",
                  "cos(id) as a1",
                  "id / 300.0 as a2",
                  "array(cast(sin(2 * id) as float), cast(0.5 as float), cast(id % 7 as float), cast(-1 as float)) as tags");
      VectorAssembler assembler =
          new VectorAssembler().setInputCols(new String[] {"a0", "a1", "a2"}).setOutputCol("age");
      PipelineModel pipeline =
          new Pipeline()
              .setStages(new PipelineStage[] {assembler, KestimatorSpark.transformer(churnExport)})
              .fit(data);
      List<Row> out =
          pipeline.transform(data).orderBy("id").select("age", "tags", "churn").collectAsList();
      List<Map<String, Object>> features = new ArrayList<>();
      for (Row r : out) {
        double[] age = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
        List<Float> tags = r.getList(1);
        float[] t = new float[4];
        for (int i = 0; i < 4; i++) {
          t[i] = tags.get(i);
        }
        features.add(
            Map.of("age", new float[] {(float) age[0], (float) age[1], (float) age[2]}, "tags", t));
      }
      try (Predictor<Map<String, Object>, Map<String, float[]>> predictor =
          FixtureExport.predictor(churn, churnExport)) {
        List<Map<String, float[]>> want = predictor.predict(features);
        for (int i = 0; i < out.size(); i++) {
          float[] w = want.get(i).get("churn");
          assertEquals(1, w.length);
          assertEquals(w[0], out.get(i).getFloat(2), 1e-6f, "row " + i);
        }
      }
    }
  }

  @Test
  void aSeveralValueOutputIsAnArrayOfFloats() throws Exception {
    // conv2d: Input(image: float32[12, 12, 2]) -> convolutions, pooling -> Dense(3, softmax)
    try (KerasEstimator conv =
        KerasEstimator.fromKeras(
            KerasFixtures.model("conv2d").keras(),
            RunConfig.builder().modelDir(tmp.resolve("conv")).build())) {
      Path convExport = conv.exportSavedModel(tmp.resolve("conv/export/keras"));
      Dataset<Row> data =
          spark
              .range(0, 50, 1, 2)
              .selectExpr(
                  "id",
                  "transform(sequence(0, 287), i -> cast(sin(id * 288 + i) as float)) as image");
      Dataset<Row> scored = KestimatorSpark.transformer(convExport).transform(data);
      assertEquals(
          DataTypes.createArrayType(DataTypes.FloatType, false),
          scored.schema().apply("dense").dataType());
      List<Row> out = scored.orderBy("id").collectAsList();
      List<Map<String, Object>> features = new ArrayList<>();
      for (Row r : out) {
        List<Float> image = r.getList(1);
        float[] f = new float[image.size()];
        for (int i = 0; i < f.length; i++) {
          f[i] = image.get(i);
        }
        features.add(Map.of("image", f));
      }
      try (Predictor<Map<String, Object>, Map<String, float[]>> predictor =
          FixtureExport.predictor(conv, convExport)) {
        List<Map<String, float[]>> want = predictor.predict(features);
        for (int i = 0; i < out.size(); i++) {
          List<Float> got = out.get(i).getList(2);
          float[] w = want.get(i).get("dense");
          assertEquals(3, got.size());
          for (int k = 0; k < 3; k++) {
            assertEquals(w[k], got.get(k), 1e-6f, "row " + i + " value " + k);
          }
        }
      }
    }
  }

  @Test
  void theNewestExportOfAnEstimator() {
    assertEquals(
        export.toAbsolutePath().toString(), KestimatorSpark.transformer(estimator).getExportDir());
  }
}
