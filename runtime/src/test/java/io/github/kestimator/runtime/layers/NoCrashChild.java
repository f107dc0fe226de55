package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.Model;
import io.github.kestimator.runtime.graph.GraphRunner;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.ModelGraph;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The child JVM of {@link NoNativeCrashTest}: for each case id given, prints {@code CASE <id>},
 * then trains one step, predicts, exports a SavedModel and calls it, and prints {@code OK <id>}, or
 * {@code FAIL <id> <exception>} for a Java exception. A native crash ends the JVM right after the
 * {@code CASE} line of the case that caused it.
 *
 * <p>Arguments: a scratch directory, then case ids ({@link KindCases#all()}).
 */
public final class NoCrashChild {
  private NoCrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[0]);
    Map<String, Model> cases = KindCases.all();
    for (int i = 1; i < args.length; i++) {
      String id = args[i];
      out.println("CASE " + id);
      long start = System.nanoTime();
      try {
        String phases = run(cases.get(id), Files.createTempDirectory(dir, "case"));
        out.println(
            "OK " + id + " " + (System.nanoTime() - start) / 1_000_000 + " ms (" + phases + ")");
      } catch (Exception | AssertionError e) {
        out.println("FAIL " + id + " " + (e.toString().replace('\n', ' ')));
      }
    }
    out.println("DONE");
  }

  /**
   * Random features and labels: class ids for int labels, values in [0, 1) (valid for every loss)
   * else.
   */
  static void feed(GraphRunner r, ModelGraph g, Model m, Random random, int n) {
    for (int i = 0; i < m.features().size(); i++) {
      var f = m.features().get(i);
      r.feedRandom(g.feature(i), f.dtype(), random, f.shape().withBatch(n));
    }
    for (int i = 0; i < m.outputs().size(); i++) {
      var o = m.outputs().get(i);
      int size = n * o.labelShape().size();
      if (o.labelDtype() == io.github.kestimator.model.DType.INT32) {
        r.feed(
            g.label(i),
            random.ints(size, 0, o.shape().dim(-1)).toArray(),
            o.labelShape().withBatch(n));
      } else {
        float[] v = new float[size];
        for (int j = 0; j < size; j++) {
          v[j] = random.nextFloat();
        }
        r.feed(g.label(i), v, o.labelShape().withBatch(n));
      }
    }
  }

  /** Runs one case; returns the milliseconds of its phases. */
  static String run(Model m, Path dir) throws Exception {
    long t0 = System.nanoTime();
    Random random = new Random(1);
    int n = 3;
    String prefix = dir.resolve("model.ckpt").toString();
    try (ModelGraph g = ModelGraph.build(m, Mode.TRAIN, 7);
        GraphRunner r = new GraphRunner(g)) {
      feed(r, g, m, random, n);
      float loss = r.run(g.loss(), g.trainOp())[0];
      if (!Float.isFinite(loss)) {
        throw new AssertionError("loss after one step: " + loss);
      }
      r.session().save(prefix);
    }
    long t1 = System.nanoTime();
    float[] predicted;
    Map<String, Tensor> inputs = new HashMap<>();
    try (ModelGraph g = ModelGraph.build(m, Mode.PREDICT, 7);
        GraphRunner r = new GraphRunner(g)) {
      r.session().restore(prefix);
      Signature.Builder sig =
          Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict");
      for (int i = 0; i < m.features().size(); i++) {
        var f = m.features().get(i);
        Tensor t = GraphRunner.randomTensor(f.dtype(), random, f.shape().withBatch(n));
        inputs.put(f.name(), t);
        r.feedBorrowed(g.feature(i), t);
        sig.input(f.name(), g.feature(i));
      }
      sig.output(m.outputs().get(0).layer(), g.output(0));
      predicted = r.run(g.output(0));
      SavedModelBundle.exporter(dir.resolve("export").toString())
          .withSession(r.session())
          .withSignature(sig.build())
          .export();
      // Lookup tables are filled from their token files, which the SavedModel carries as assets.
      io.github.kestimator.runtime.export.SavedModelAssets.add(
          dir.resolve("export"),
          g.tableFiles().stream()
              .map(
                  a ->
                      new io.github.kestimator.runtime.export.SavedModelAssets.Asset(
                          a.pathOp(), a.file(), a.assetName()))
              .toList());
    }
    long t2 = System.nanoTime();
    try (SavedModelBundle b = SavedModelBundle.load(dir.resolve("export").toString(), "serve");
        Result res = b.function("serving_default").call(inputs)) {
      TFloat32 y = (TFloat32) res.get(m.outputs().get(0).layer()).orElseThrow();
      float[] served = new float[(int) y.size()];
      y.copyTo(DataBuffers.of(served, false, false));
      if (!java.util.Arrays.equals(predicted, served)) {
        throw new AssertionError(
            "the SavedModel predicts "
                + java.util.Arrays.toString(served)
                + ", the graph "
                + java.util.Arrays.toString(predicted));
      }
    } finally {
      inputs.values().forEach(Tensor::close);
    }
    long t3 = System.nanoTime();
    return "train "
        + (t1 - t0) / 1_000_000
        + ", predict + export "
        + (t2 - t1) / 1_000_000
        + ", serve "
        + (t3 - t2) / 1_000_000;
  }
}
