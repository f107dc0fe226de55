package io.github.kestimator.spark;

import io.github.kestimator.spark.ServingSignature.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Batch prediction with an exported SavedModel, as a Spark ML {@link Model} (a Transformer): adds
 * one column per model output (named as the output, {@code float} for a one-value output, else
 * {@code array<float>}) to every row.
 *
 * <p>Each input of the {@code serving_default} signature is fed by the column of its own name
 * ({@code words_input}) unless {@link #setInputCol} says otherwise. {@link #transformSchema} checks
 * each column's presence and element type before any task runs; a value's length, which a schema
 * cannot tell, is checked as rows are batched. {@link #transform} scores each partition as it
 * streams, {@link #setBatchSize batchSize} rows per session call, with the one copy of the
 * SavedModel its executor JVM has loaded.
 *
 * <p>Saved and loaded with the rest of a Pipeline (DefaultParamsWritable): what is stored is the
 * export directory's path and the params, not the SavedModel, so that path must still be readable
 * where the pipeline is loaded (as it must be by every executor).
 */
public final class KestimatorModel extends Model<KestimatorModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> exportDir;
  private final ColumnMapParam inputCols;
  private final IntParam batchSize;
  private transient ServingSignature signature;
  private transient TrainingSummary summary;

  public KestimatorModel(String uid) {
    this.uid = uid;
    this.exportDir =
        new Param<>(this, "exportDir", "the SavedModel directory (with saved_model.pb)");
    this.inputCols =
        new ColumnMapParam(
            this,
            "inputCols",
            "model input name -> column; an input not named here is fed by the column of its own name");
    this.batchSize =
        new IntParam(this, "batchSize", "rows per session call", ParamValidators.gtEq(1));
    setDefault(inputCols, Map.of());
    setDefault(batchSize, 256);
  }

  public KestimatorModel() {
    this(Identifiable.randomUID("kestimator"));
  }

  /** A transformer of the SavedModel in {@code exportDir}. */
  public static KestimatorModel of(Path exportDir) {
    KestimatorModel m = new KestimatorModel();
    m.setExportDir(exportDir.toAbsolutePath().toString());
    m.signature();
    return m;
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> exportDir() {
    return exportDir;
  }

  public ColumnMapParam inputCols() {
    return inputCols;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public String getExportDir() {
    return $(exportDir);
  }

  public KestimatorModel setExportDir(String dir) {
    signature = null;
    return (KestimatorModel) set(exportDir, dir);
  }

  /** Feeds model input {@code input} from column {@code column}. */
  public KestimatorModel setInputCol(String input, String column) {
    if (!signature().inputNames().contains(input)) {
      throw new IllegalArgumentException(
          "the SavedModel "
              + getExportDir()
              + " has no input '"
              + input
              + "'; its inputs are "
              + signature().inputNames()
              + io.github.kestimator.model.Names.didYouMean(input, signature().inputNames()));
    }
    Map<String, String> m = new TreeMap<>($(inputCols));
    m.put(input, column);
    return (KestimatorModel) set(inputCols, m);
  }

  /** The column feeding {@code input}. */
  public String getInputCol(String input) {
    return $(inputCols).getOrDefault(input, input);
  }

  public KestimatorModel setBatchSize(int rows) {
    return (KestimatorModel) set(batchSize, rows);
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  /**
   * What {@link KestimatorTrainer#fit} reports about the training that made this model; empty
   * otherwise.
   */
  public Optional<TrainingSummary> trainingSummary() {
    return Optional.ofNullable(summary);
  }

  KestimatorModel withSummary(TrainingSummary s) {
    this.summary = s;
    return this;
  }

  /** The export's serving signature, read once. */
  public ServingSignature signature() {
    if (signature == null) {
      if (!isDefined(exportDir)) {
        throw new IllegalStateException("KestimatorModel " + uid + " has no exportDir");
      }
      signature = ServingSignature.read(Path.of(getExportDir()));
    }
    return signature;
  }

  private List<FeedColumn> feeds(StructType schema) {
    List<FeedColumn> feeds = new ArrayList<>();
    for (TensorSpec input : signature().inputs()) {
      feeds.add(
          FeedColumn.resolve(
              input,
              getInputCol(input.name()),
              schema,
              "model input",
              "setInputCol(\"" + input.name() + "\", column)"));
    }
    return feeds;
  }

  /**
   * The input schema with one column per model output.
   *
   * @throws IllegalArgumentException naming the column, what it holds, what the model needs and the
   *     closest column name, when a column is missing or of the wrong type; or when an output's
   *     name is taken by a column already
   */
  @Override
  public StructType transformSchema(StructType schema) {
    feeds(schema);
    StructType out = schema;
    for (TensorSpec output : signature().outputs()) {
      if (Arrays.asList(schema.fieldNames()).contains(output.name())) {
        throw new IllegalArgumentException(
            "the DataFrame has a column '"
                + output.name()
                + "' already, which is the name of "
                + "model output '"
                + output.name()
                + "'; drop or rename it first");
      }
      out =
          out.add(
              new StructField(
                  output.name(),
                  output.size() == 1
                      ? DataTypes.FloatType
                      : DataTypes.createArrayType(DataTypes.FloatType, false),
                  false,
                  org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    Score score =
        new Score(getExportDir(), feeds(dataset.schema()), signature().outputs(), getBatchSize());
    return dataset.toDF().mapPartitions(score, Encoders.row(out));
  }

  /** The task side of {@link #transform}: serializable, small, the SavedModel named by path. */
  private static final class Score implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String exportDir;
    private final List<FeedColumn> feeds;
    private final List<TensorSpec> outputs;
    private final int batchSize;

    Score(String exportDir, List<FeedColumn> feeds, List<TensorSpec> outputs, int batchSize) {
      this.exportDir = exportDir;
      this.feeds = List.copyOf(feeds);
      this.outputs = List.copyOf(outputs);
      this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      TaskContext task = TaskContext.get();
      return new BatchScorer(
          rows,
          LoadedModels.serving(exportDir),
          feeds,
          outputs,
          batchSize,
          task == null ? 0 : task.partitionId());
    }
  }

  @Override
  public KestimatorModel copy(ParamMap extra) {
    KestimatorModel copy = copyValues(new KestimatorModel(uid), extra);
    copy.summary = summary;
    return copy.setParent(parent());
  }

  public static MLReader<KestimatorModel> read() {
    return new DefaultParamsReader<>();
  }

  public static KestimatorModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "KestimatorModel("
        + uid
        + ", "
        + (isDefined(exportDir) ? getExportDir() : "no exportDir")
        + ")";
  }
}
