package io.github.kestimator.runtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.format.Json;
import io.github.kestimator.runtime.layers.IndexLookupOps;
import io.github.kestimator.runtime.layers.TextOps;
import io.github.kestimator.runtime.layers.VocabularyFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A SavedModel that serves raw strings through TextVectorization lookups (int and tf_idf modes of
 * Keras' text_int and text_tf_idf fixtures): its MetaGraphDef has the AssetFileDefs and the init
 * op, and it gives Keras' outputs in a fresh JVM with the original vocabulary files deleted, and
 * (when {@code KESTIMATOR_PYTHON} names a Python with TensorFlow) in TensorFlow for Python.
 */
class SavedModelAssetsTest {
  @TempDir static Path dir;
  static Path export;
  static List<String> rows;
  static Map<String, Object> intFixture;
  static Map<String, Object> idfFixture;

  @SuppressWarnings("unchecked")
  static Map<String, Object> layer(String name) throws Exception {
    return (Map<String, Object>)
        Json.parse(Files.readString(fixtures().resolve(name).resolve("layer.json")));
  }

  static Path fixtures() {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(p.resolve("fixtures/keras3/preprocessing"))) {
      p = p.getParent();
    }
    return p.resolve("fixtures/keras3/preprocessing");
  }

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void exportModel() throws Exception {
    intFixture = layer("text_int");
    idfFixture = layer("text_tf_idf");
    rows =
        (List<String>)
            ((Map<String, Object>)
                    Json.parse(Files.readString(fixtures().resolve("text_int/inputs.json"))))
                .get("review");
    List<String> intVocab = (List<String>) intFixture.get("vocabulary");
    List<String> idfVocab = (List<String>) idfFixture.get("vocabulary");
    Path intTokens = dir.resolve("model_dir/assets/text/tokens.txt");
    Path idfTokens = dir.resolve("model_dir/assets/bag/tokens.txt");
    IndexLookupOps.Config ic = new IndexLookupOps.Config(true, "", 1, "int", intVocab.size(), null);
    List<?> w = (List<?>) idfFixture.get("idf_weights");
    float[] idf = new float[w.size()];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = ((Number) w.get(i)).floatValue();
    }
    IndexLookupOps.Config bc =
        new IndexLookupOps.Config(true, "", 1, "tf_idf", idfVocab.size(), idf);
    VocabularyFile.writeTokens("text", intTokens, intVocab, ic.tokenStart());
    VocabularyFile.writeTokens("bag", idfTokens, idfVocab, bc.tokenStart());
    export = dir.resolve("export");
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.withName("review").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Ops t1 = tf.withSubScope("text");
      TextOps.Tokens tk = TextOps.tokens(t1, in, "lower_and_strip_punctuation", "whitespace", null);
      IndexLookupOps.Lookup l1 =
          IndexLookupOps.lookup(t1, tk.values(), ic, intTokens, "vocabulary_path");
      Operand<TInt64> ids = TextOps.padded(t1, l1.ids(), tk.rowSplits(), tk.rows(), 8);
      Ops t2 = tf.withSubScope("bag");
      TextOps.Tokens tb = TextOps.tokens(t2, in, "lower_and_strip_punctuation", "whitespace", null);
      IndexLookupOps.Lookup l2 =
          IndexLookupOps.lookup(t2, tb.values(), bc, idfTokens, "vocabulary_path");
      Operand<TFloat32> bag =
          IndexLookupOps.encodeRows(
              t2, l2.ids(), TextOps.rowIds(t2, tb.rowSplits()), tb.rows(), bc);
      // A variable, as every model has (and not a registered initializer, like ModelGraph's):
      // saved_model_cli's TF1
      // loader needs a checkpoint, and the init op must not overwrite restored values.
      var scale = tf.withName("scale").variable(Shape.scalar(), TFloat32.class);
      s.runner().addTarget(tf.assign(scale, tf.constant(1f))).run();
      bag = tf.math.mul(bag, scale);
      Signature sig =
          Signature.builder()
              .key(Signature.DEFAULT_KEY)
              .methodName("tensorflow/serving/predict")
              .input("review", in)
              .output("ids", tf.identity(ids))
              .output("bag", tf.identity(bag))
              .build();
      SavedModelBundle.exporter(export.toString()).withSession(s).withSignature(sig).export();
      SavedModelAssets.add(
          export,
          List.of(
              new SavedModelAssets.Asset(l1.pathOp(), intTokens, "text/tokens.txt"),
              new SavedModelAssets.Asset(l2.pathOp(), idfTokens, "bag/tokens.txt")));
    }
    Files.delete(intTokens);
    Files.delete(idfTokens);
  }

  @Test
  void metaGraphHasAssetFileDefsAndTheInitOp() throws Exception {
    MetaGraphDef mg =
        SavedModel.parseFrom(Files.readAllBytes(export.resolve("saved_model.pb"))).getMetaGraphs(0);
    List<String> assets =
        mg.getAssetFileDefList().stream()
            .map(a -> a.getFilename() + "=" + a.getTensorInfo().getName())
            .toList();
    assertEquals(
        List.of("text/tokens.txt=text/vocabulary_path:0", "bag/tokens.txt=bag/vocabulary_path:0"),
        assets);
    for (AssetFileDef a : mg.getAssetFileDefList()) {
      assertTrue(
          Files.isRegularFile(export.resolve("assets").resolve(a.getFilename())), a.getFilename());
      assertTrue(
          mg.getGraphDef().getNodeList().stream()
              .anyMatch(
                  n ->
                      (n.getName() + ":0").equals(a.getTensorInfo().getName())
                          && n.getOp().equals("Const")));
    }
    var init =
        mg.getSignatureDefOrThrow(SavedModelAssets.INIT_OP_SIGNATURE)
            .getOutputsOrThrow(SavedModelAssets.INIT_OP_SIGNATURE);
    assertEquals("Init", init.getName());
    var initNode =
        mg.getGraphDef().getNodeList().stream()
            .filter(n -> n.getName().equals("Init"))
            .findFirst()
            .orElseThrow();
    assertEquals("NoOp", initNode.getOp());
    assertTrue(
        initNode
            .getInputList()
            .containsAll(
                List.of("^text/InitializeTableFromTextFile", "^bag/InitializeTableFromTextFile")),
        "Init runs both table initializers: " + initNode.getInputList());
    assertEquals(
        "tensorflow/serving/predict", mg.getSignatureDefOrThrow("serving_default").getMethodName());
    assertEquals(
        org.tensorflow.proto.DataType.DT_STRING,
        mg.getSignatureDefOrThrow("serving_default").getInputsOrThrow("review").getDtype());
  }

  @Test
  void loadsInAFreshJvmWithTheVocabularyFilesGone() throws Exception {
    Map<String, double[]> got =
        ServeRawStrings.inChildJvm(export, "review", rows, dir.resolve("child.err"));
    assertKeras("text_int", got.get("ids"));
    assertKeras("text_tf_idf_on_text_int_inputs", got.get("bag"));
  }

  @Test
  void pythonTensorFlowLoadsItAndGivesTheSameOutputs() throws Exception {
    String python = System.getenv("KESTIMATOR_PYTHON");
    if (python == null || python.isBlank()) {
      System.out.println(
          "skipped: set KESTIMATOR_PYTHON to a Python with TensorFlow (e.g. /tmp/kvenv/bin/python) to load"
              + " the export in TensorFlow for Python");
      return;
    }
    Path script = dir.resolve("load.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import json, sys, subprocess",
            "import tensorflow as tf",
            "m = tf.saved_model.load(sys.argv[1])",
            "rows = json.loads(open(sys.argv[2], encoding='utf-8').read())",
            "out = m.signatures['serving_default'](review=tf.constant(rows))",
            "print(json.dumps({k: v.numpy().astype('float64').ravel().tolist() for k, v in out.items()}))",
            ""));
    Path inputs = dir.resolve("rows.json");
    Files.writeString(inputs, Json.write(rows));
    Process p =
        new ProcessBuilder(python, script.toString(), export.toString(), inputs.toString())
            .redirectError(dir.resolve("py.err").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    String err = Files.readString(dir.resolve("py.err"));
    assertEquals(0, p.exitValue(), err.substring(Math.max(0, err.length() - 3000)));
    @SuppressWarnings("unchecked")
    Map<String, List<Number>> got =
        (Map<String, List<Number>>)
            Json.parse(out.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertKeras("text_int", got.get("ids").stream().mapToDouble(Number::doubleValue).toArray());
    assertKeras(
        "text_tf_idf_on_text_int_inputs",
        got.get("bag").stream().mapToDouble(Number::doubleValue).toArray());

    // saved_model_cli run, the command line TF Serving users check a model with.
    Path cli = Path.of(python).resolveSibling("saved_model_cli");
    if (Files.isExecutable(cli)) {
      Process c =
          new ProcessBuilder(
                  cli.toString(),
                  "run",
                  "--dir",
                  export.toString(),
                  "--tag_set",
                  "serve",
                  "--signature_def",
                  "serving_default",
                  "--input_exprs",
                  "review=" + pythonList(rows))
              .redirectErrorStream(true)
              .start();
      String text = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(c.waitFor(300, TimeUnit.SECONDS));
      assertEquals(0, c.exitValue(), text);
      assertTrue(text.contains("Result for output key ids"), text);
      assertFalse(text.contains("Table not initialized"), text);
    } else {
      System.out.println("skipped saved_model_cli: not next to " + python);
    }
  }

  private static String pythonList(List<String> rows) {
    StringBuilder b = new StringBuilder("[");
    for (String r : rows) {
      b.append(b.length() > 1 ? "," : "")
          .append("'")
          .append(r.replace("\\", "\\\\").replace("'", "\\'"))
          .append("'");
    }
    return b.append("]").toString();
  }

  /**
   * Keras' numbers: text_int's layer output; for tf_idf, Keras' text_tf_idf layer on text_int's
   * inputs (computed below).
   */
  private static void assertKeras(String what, double[] got) throws Exception {
    double[] want =
        what.equals("text_int")
            ? npy(fixtures().resolve("text_int/layer_output.npy"))
            : expectedTfIdf();
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-6, what + " value " + i);
    }
  }

  /**
   * Keras' tf_idf output of text_tf_idf's vocabulary on text_int's rows, from Keras' own
   * definition: for each row, the count of each index times its idf weight (index 0 = OOV).
   */
  @SuppressWarnings("unchecked")
  private static double[] expectedTfIdf() {
    List<String> vocab = (List<String>) idfFixture.get("vocabulary");
    List<?> w = (List<?>) idfFixture.get("idf_weights");
    double[] out = new double[rows.size() * vocab.size()];
    for (int r = 0; r < rows.size(); r++) {
      String s = rows.get(r).toLowerCase(java.util.Locale.ROOT);
      // ASCII lowercase only, as tf.strings.lower: restore non-ASCII letters.
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < rows.get(r).length(); i++) {
        char c = rows.get(r).charAt(i);
        b.append(c < 128 ? s.charAt(i) : c);
      }
      String text =
          b.toString().replaceAll("[!\"#$%&()\\*\\+,\\-\\./:;<=>?@\\[\\\\\\]^_`{|}~']", "");
      for (String tok : text.strip().split("\\s+")) {
        if (tok.isEmpty()) {
          continue;
        }
        int idx = vocab.indexOf(tok);
        int col = idx < 1 ? 0 : idx;
        out[r * vocab.size() + col] += 1;
      }
      for (int c = 0; c < vocab.size(); c++) {
        out[r * vocab.size() + c] =
            (float) (out[r * vocab.size() + c] * ((Number) w.get(c)).floatValue());
      }
    }
    return out;
  }

  private static double[] npy(Path file) throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.position(8);
    int h = Short.toUnsignedInt(b.getShort());
    b.position(10 + h);
    double[] out = new double[b.remaining() / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getLong();
    }
    return out;
  }

  @Test
  void aMissingVocabularyFileIsAClearError() {
    Path empty = dir.resolve("empty-export");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              Files.createDirectories(empty);
              Files.copy(export.resolve("saved_model.pb"), empty.resolve("saved_model.pb"));
              SavedModelAssets.add(
                  empty,
                  List.of(
                      new SavedModelAssets.Asset(
                          "text/vocabulary_path", dir.resolve("gone.txt"), "text/tokens.txt")));
            });
    assertTrue(
        e.getMessage().contains("gone.txt of 'text/vocabulary_path' does not exist"),
        e.getMessage());
  }
}
