package io.github.kestimator.spark;

import io.github.kestimator.keras.KerasFile;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.spark.ServingSignature.Kind;
import io.github.kestimator.spark.ServingSignature.TensorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Distributed training launched by Spark, as a Spark ML {@link Estimator}: {@link #fit} lays a
 * TF_CONFIG cluster (ps tasks, the chief, workers, an evaluator) over one barrier stage and runs
 * kestimator's parameter-server {@code trainAndEvaluate} in it, then returns the {@link
 * KestimatorModel} of the chief's export.
 *
 * <p><b>How the model reaches the executors:</b> as the path of its Keras file ({@code .h5} or
 * {@code .keras}), read on each executor by the same {@link KerasFile} reader as everywhere else
 * and built into a {@code KerasEstimator} there. A path rather than the file's bytes or a config
 * string: the model directory must be on storage every task shares anyway (the chief writes it, the
 * evaluator reads it, transformers load the export from it), so the Keras file can sit beside it at
 * no cost; the task closure stays small and the Keras weights never pass through the driver. A
 * config JSON without weights would lose the warm start from the Keras weights.
 *
 * <p><b>Rows:</b> the DataFrame is shuffled round-robin onto the chief, the workers and the
 * evaluator (the ps tasks get none). Each trainer trains on its share, shuffled and repeated until
 * the cluster's global step reaches {@code maxSteps}; the evaluator's share is its evaluation set.
 * Each task spills its share to local disk first and streams it from there every epoch.
 *
 * <p><b>Failures:</b> a failed task fails the barrier stage; Spark kills the other tasks and runs
 * the stage again, up to {@code spark.stage.maxConsecutiveAttempts} (4) times. The retried chief
 * restores the model dir's last checkpoint, so training resumes from there. The stage needs as many
 * free task slots (cores) at once as it has tasks.
 */
public final class KestimatorTrainer extends Estimator<KestimatorModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(KestimatorTrainer.class);

  private final String uid;
  private final Param<String> kerasFile;
  private final Param<String> modelDir;
  private final IntParam numPs;
  private final IntParam numWorkers;
  private final BooleanParam evaluator;
  private final LongParam maxSteps;
  private final IntParam batchSize;
  private final LongParam seed;
  private final LongParam saveCheckpointsSteps;
  private final LongParam evalThrottleSecs;
  private final ColumnMapParam inputCols;
  private final ColumnMapParam labelCols;
  private final Param<String> failOnceMarker;

  public KestimatorTrainer(String uid) {
    this.uid = uid;
    kerasFile =
        new Param<>(
            this,
            "kerasFile",
            "the Keras model file (.h5 or .keras), on storage every executor reads");
    modelDir =
        new Param<>(this, "modelDir", "the model directory, on storage every executor shares");
    numPs = new IntParam(this, "numPs", "ps tasks", ParamValidators.gtEq(1));
    numWorkers =
        new IntParam(this, "numWorkers", "worker tasks besides the chief", ParamValidators.gtEq(0));
    evaluator =
        new BooleanParam(this, "evaluator", "whether one task evaluates each new checkpoint");
    maxSteps =
        new LongParam(
            this, "maxSteps", "train until the global step reaches this", ParamValidators.gtEq(1));
    batchSize =
        new IntParam(
            this, "batchSize", "examples per training step and task", ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "random seed of the graph and of each task's shuffle");
    saveCheckpointsSteps =
        new LongParam(
            this,
            "saveCheckpointsSteps",
            "the chief checkpoints every this many steps",
            ParamValidators.gtEq(1));
    evalThrottleSecs =
        new LongParam(
            this,
            "evalThrottleSecs",
            "at most one evaluation every this many seconds",
            ParamValidators.gtEq(0));
    inputCols =
        new ColumnMapParam(
            this, "inputCols", "model input name -> column (default: the column of its own name)");
    labelCols =
        new ColumnMapParam(
            this,
            "labelCols",
            "output layer name -> label column (default: the column of its own name)");
    failOnceMarker =
        new Param<>(
            this,
            "failOnceMarker",
            "test hook: when set, worker 0 fails once, after the checkpoint "
                + "at half of maxSteps, if this file does not exist yet (and creates it)");
    setDefault(numPs, 1);
    setDefault(numWorkers, 1);
    setDefault(evaluator, true);
    setDefault(maxSteps, 1000L);
    setDefault(batchSize, 32);
    setDefault(seed, 42L);
    setDefault(saveCheckpointsSteps, 100L);
    setDefault(evalThrottleSecs, 60L);
    setDefault(inputCols, Map.of());
    setDefault(labelCols, Map.of());
    setDefault(failOnceMarker, "");
  }

  public KestimatorTrainer() {
    this(Identifiable.randomUID("kestimatorTrainer"));
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> kerasFile() {
    return kerasFile;
  }

  public Param<String> modelDir() {
    return modelDir;
  }

  public IntParam numPs() {
    return numPs;
  }

  public IntParam numWorkers() {
    return numWorkers;
  }

  public BooleanParam evaluator() {
    return evaluator;
  }

  public LongParam maxSteps() {
    return maxSteps;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public LongParam seed() {
    return seed;
  }

  public LongParam saveCheckpointsSteps() {
    return saveCheckpointsSteps;
  }

  public LongParam evalThrottleSecs() {
    return evalThrottleSecs;
  }

  public ColumnMapParam inputCols() {
    return inputCols;
  }

  public ColumnMapParam labelCols() {
    return labelCols;
  }

  public Param<String> failOnceMarker() {
    return failOnceMarker;
  }

  public KestimatorTrainer setKerasFile(String path) {
    return (KestimatorTrainer) set(kerasFile, path);
  }

  public KestimatorTrainer setModelDir(String path) {
    return (KestimatorTrainer) set(modelDir, path);
  }

  public KestimatorTrainer setNumPs(int n) {
    return (KestimatorTrainer) set(numPs, n);
  }

  public KestimatorTrainer setNumWorkers(int n) {
    return (KestimatorTrainer) set(numWorkers, n);
  }

  public KestimatorTrainer setEvaluator(boolean on) {
    return (KestimatorTrainer) set(evaluator, on);
  }

  public KestimatorTrainer setMaxSteps(long n) {
    return (KestimatorTrainer) set(maxSteps, n);
  }

  public KestimatorTrainer setBatchSize(int n) {
    return (KestimatorTrainer) set(batchSize, n);
  }

  public KestimatorTrainer setSeed(long n) {
    return (KestimatorTrainer) set(seed, n);
  }

  public KestimatorTrainer setSaveCheckpointsSteps(long n) {
    return (KestimatorTrainer) set(saveCheckpointsSteps, n);
  }

  /**
   * At most one evaluation every {@code n} seconds ({@code EvalSpec.throttle}). Whole seconds, as
   * Spark ML params are plain values that a saved pipeline stores as JSON.
   */
  public KestimatorTrainer setEvalThrottleSecs(long n) {
    return (KestimatorTrainer) set(evalThrottleSecs, n);
  }

  /**
   * Test hook: worker 0 fails once, after the checkpoint at half of maxSteps, unless {@code path}
   * exists (it creates it).
   */
  public KestimatorTrainer setFailOnceMarker(String path) {
    return (KestimatorTrainer) set(failOnceMarker, path);
  }

  /** Feeds model input {@code input} from column {@code column}. */
  public KestimatorTrainer setInputCol(String input, String column) {
    Map<String, String> m = new TreeMap<>($(inputCols));
    m.put(input, column);
    return (KestimatorTrainer) set(inputCols, m);
  }

  /** Takes the label of output layer {@code output} from column {@code column}. */
  public KestimatorTrainer setLabelCol(String output, String column) {
    Map<String, String> m = new TreeMap<>($(labelCols));
    m.put(output, column);
    return (KestimatorTrainer) set(labelCols, m);
  }

  private ClusterLayout layout() {
    return new ClusterLayout((Integer) $(numPs), (Integer) $(numWorkers), (Boolean) $(evaluator));
  }

  private Model model() {
    if (!isDefined(kerasFile) || !isDefined(modelDir)) {
      throw new IllegalArgumentException(
          "KestimatorTrainer needs kerasFile and modelDir (setKerasFile, setModelDir)");
    }
    try {
      return KerasFile.read(Path.of($(kerasFile))).analyze();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read Keras file " + $(kerasFile) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The DataFrame kind of a model tensor; string and int64 tensors (preprocessing layers) are not
   * fed from DataFrames yet.
   */
  private static Kind kind(DType dtype, String what) {
    return switch (dtype) {
      case INT32 -> Kind.INT32;
      case FLOAT32 -> Kind.FLOAT;
      case STRING, INT64 ->
          throw new IllegalArgumentException(
              "the "
                  + what
                  + " is "
                  + dtype.keras()
                  + "; KestimatorTrainer"
                  + " feeds only int32 and float columns so far (train models with preprocessing layers with the Estimator API)");
    };
  }

  /** The columns feeding the model's features and labels, checked against {@code schema}. */
  private List<FeedColumn> columns(Model model, StructType schema) {
    List<FeedColumn> out = new ArrayList<>();
    for (Feature f : model.features()) {
      TensorSpec t =
          new TensorSpec(
              f.name(), kind(f.dtype(), "model input '" + f.name() + "'"), f.shape().withBatch(-1));
      out.add(
          FeedColumn.resolve(
              t,
              $(inputCols).getOrDefault(f.name(), f.name()),
              schema,
              "model input",
              "setInputCol(\"" + f.name() + "\", column)"));
    }
    for (Output o : model.outputs()) {
      TensorSpec t =
          new TensorSpec(
              o.layer(),
              kind(o.labelDtype(), "label of output '" + o.layer() + "'"),
              o.labelShape().withBatch(-1));
      out.add(
          FeedColumn.resolve(
              t,
              $(labelCols).getOrDefault(o.layer(), o.layer()),
              schema,
              "label of output",
              "setLabelCol(\"" + o.layer() + "\", column)"));
    }
    return out;
  }

  /** Checks the feature and label columns; the fitted model adds one column per output. */
  @Override
  public StructType transformSchema(StructType schema) {
    Model model = model();
    columns(model, schema);
    StructType out = schema;
    for (Output o : model.outputs()) {
      out =
          out.add(
              new StructField(
                  o.layer(),
                  o.shape().size() == 1
                      ? DataTypes.FloatType
                      : DataTypes.createArrayType(DataTypes.FloatType, false),
                  false,
                  org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  /**
   * Trains on {@code dataset} in one barrier stage of {@link ClusterLayout#tasks()} tasks and
   * returns the transformer of the chief's export, with a {@link
   * KestimatorModel#trainingSummary()}.
   */
  @Override
  public KestimatorModel fit(Dataset<?> dataset) {
    long start = System.nanoTime();
    Model model = model();
    LOG.info("fit: read {} in {} ms", $(kerasFile), (System.nanoTime() - start) / 1_000_000);
    ClusterLayout layout = layout();
    SparkContext sc = dataset.sparkSession().sparkContext();
    checkSlots(sc, layout);
    List<FeedColumn> checked = columns(model, dataset.schema());
    String[] names =
        new LinkedHashSet<>(checked.stream().map(FeedColumn::column).toList())
            .toArray(String[]::new);
    Dataset<Row> selected =
        dataset.toDF().select(names[0], Arrays.copyOfRange(names, 1, names.length));
    List<FeedColumn> columns = columns(model, selected.schema());
    TrainTask.Plan plan =
        new TrainTask.Plan(
            Path.of($(kerasFile)).toAbsolutePath().toString(),
            Path.of($(modelDir)).toAbsolutePath().toString(),
            layout,
            columns,
            (Long) $(maxSteps),
            (Integer) $(batchSize),
            (Long) $(seed),
            (Long) $(saveCheckpointsSteps),
            (Long) $(evalThrottleSecs),
            $(failOnceMarker));

    JavaRDD<Row> shares =
        JavaPairRDD.fromJavaRDD(
                selected
                    .javaRDD()
                    .mapPartitionsWithIndex(
                        new RoundRobin(layout.firstDataTask(), layout.dataTasks()), true))
            .partitionBy(new HashPartitioner(layout.tasks()))
            .values();
    RDD<TaskReport> trained =
        shares
            .rdd()
            .barrier()
            .mapPartitions(new TrainTask(plan), false, ClassTag$.MODULE$.apply(TaskReport.class));
    sc.setJobDescription(
        "kestimator fit: " + layout.tasks() + " barrier tasks, model dir " + plan.modelDir());
    List<TaskReport> reports;
    try {
      // The shuffle after the barrier stage makes it a map stage, which Spark retries as a whole
      // when a task fails.
      reports = new ArrayList<>(trained.toJavaRDD().repartition(1).collect());
    } finally {
      sc.setJobDescription(null);
    }
    reports.sort(Comparator.comparing(TaskReport::task));
    TaskReport chief =
        reports.stream()
            .filter(r -> r.exportDir() != null)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the chief reported no export: " + reports));
    TrainingSummary summary =
        new TrainingSummary(List.copyOf(reports), Duration.ofNanos(System.nanoTime() - start));
    KestimatorModel fitted = KestimatorModel.of(Path.of(chief.exportDir()));
    $(inputCols).forEach(fitted::setInputCol);
    return fitted.withSummary(summary).setParent(this);
  }

  /**
   * In local mode, refuses a cluster larger than the task slots: Spark would otherwise retry
   * scheduling the barrier stage for minutes before it gives up.
   */
  private static void checkSlots(SparkContext sc, ClusterLayout layout) {
    if (sc.isLocal() && sc.defaultParallelism() < layout.tasks()) {
      throw new IllegalArgumentException(
          "fit runs "
              + layout.tasks()
              + " barrier tasks at once ("
              + layout.numPs()
              + " ps, the chief, "
              + layout.numWorkers()
              + " worker(s)"
              + (layout.evaluator() ? ", the evaluator" : "")
              + "), but master "
              + sc.master()
              + " runs "
              + sc.defaultParallelism()
              + " tasks at a time; use local["
              + layout.tasks()
              + "] or more, or fewer "
              + "workers (setNumWorkers), ps tasks (setNumPs) or no evaluator (setEvaluator(false))");
    }
  }

  /**
   * Keys each row with the task that gets it: round-robin over the chief, the workers and the
   * evaluator.
   */
  private static final class RoundRobin
      implements Function2<Integer, Iterator<Row>, Iterator<Tuple2<Integer, Row>>> {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final int count;

    RoundRobin(int first, int count) {
      this.first = first;
      this.count = count;
    }

    @Override
    public Iterator<Tuple2<Integer, Row>> call(Integer partition, Iterator<Row> rows) {
      return new Iterator<>() {
        private long n = partition;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Tuple2<Integer, Row> next() {
          return new Tuple2<>(first + (int) (n++ % count), rows.next());
        }
      };
    }
  }

  @Override
  public KestimatorTrainer copy(ParamMap extra) {
    return copyValues(new KestimatorTrainer(uid), extra);
  }

  public static MLReader<KestimatorTrainer> read() {
    return new DefaultParamsReader<>();
  }

  public static KestimatorTrainer load(String path) {
    return read().load(path);
  }
}
