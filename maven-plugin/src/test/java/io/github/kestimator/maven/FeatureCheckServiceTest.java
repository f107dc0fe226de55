package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCheckServiceTest {
  @TempDir Path project;
  final List<String> log = new ArrayList<>();
  ModelSettings settings;

  @BeforeEach
  void models() throws IOException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(Fixtures.keras("sentiment_keras2.json"), keras.resolve("sentiment_model.json"));
    Files.copy(Fixtures.keras("two_inputs_keras3.json"), keras.resolve("two_inputs.json"));
    settings = new ModelSettings(keras, project, "com.example", CompileOptions.NONE, List.of());
  }

  void check(FeatureCheckRequest.DataFile... files) throws KestimatorException {
    new FeatureCheckService(
            new BuildLog() {
              @Override
              public void info(String message) {
                log.add(message);
              }

              @Override
              public void warn(String message) {
                log.add(message);
              }
            })
        .check(
            new FeatureCheckRequest(settings, project.resolve("target/classes"), List.of(files)));
  }

  Path csv(String name, String header) throws IOException {
    Path f = project.resolve(name);
    Files.writeString(f, header + "\n1,2,3\n");
    return f;
  }

  @Test
  void matchingCsvHeadersPass() throws IOException, KestimatorException {
    check(
        new FeatureCheckRequest.DataFile(
            csv("train.csv", "\uFEFFwords_input, \"score\""), "sentiment_model.json", true),
        new FeatureCheckRequest.DataFile(
            csv("two.csv", "tags,age,dense"), "com.example.TwoInputs", true),
        new FeatureCheckRequest.DataFile(
            csv("serve.csv", "age,tags"), "src/main/keras/two_inputs.json", false));
    assertEquals(3, log.size(), log.toString());
    assertEquals(
        "train.csv: columns [words_input, score] match model 'sequential' (src/main/keras/sentiment_model.json)",
        log.get(0));
  }

  @Test
  void aMisspelledColumnFailsWithTheClosestName() throws IOException {
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("train.csv", "word_input,score"), "sentiment_model.json", true),
                    new FeatureCheckRequest.DataFile(
                        csv("two.csv", "age,tag,dense,extra"), "two_inputs.json", true)));
    assertEquals(
        "Data files do not match their models:\n"
            + "  train.csv: column 'word_input' is not a feature or label of model 'sequential' (src/main/keras/sentiment_model.json);"
            + " did you mean 'words_input'?\n"
            + "  train.csv: missing column 'words_input' (feature: int32 100); did you mean 'word_input'?\n"
            + "  two.csv: column 'tag' is not a feature or label of model 'functional' (src/main/keras/two_inputs.json);"
            + " did you mean 'tags'?\n"
            + "  two.csv: column 'extra' is not a feature or label of model 'functional' (src/main/keras/two_inputs.json)\n"
            + "  two.csv: missing column 'tags' (feature: float32 4); did you mean 'tag'?",
        e.getMessage());
  }

  @Test
  void labelsAreRequiredUnlessSwitchedOff() throws IOException {
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("train.csv", "words_input"), "sentiment_model.json", true)));
    assertTrue(
        e.getMessage()
            .contains("train.csv: missing column 'score' (label of the output layer: float32 1)"),
        e.getMessage());
    e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("serve.csv", "words_input,score"), "sentiment_model.json", false)));
    assertTrue(
        e.getMessage().contains("serve.csv: column 'score' is not a feature of model 'sequential'"),
        e.getMessage());
  }

  @Test
  void unknownModelsAndFilesAreNamed() throws IOException {
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("a.csv", "x"), "com.example.SentimentModle", true),
                    new FeatureCheckRequest.DataFile(
                        project.resolve("none.csv"), "sentiment_model.json", true)));
    assertTrue(
        e.getMessage()
            .contains(
                "a.csv: model 'com.example.SentimentModle' is neither a Keras file in src/main/keras nor a"
                    + " class generated from one; did you mean 'com.example.SentimentModel'?"),
        e.getMessage());
    assertTrue(e.getMessage().contains("none.csv: no such data file"), e.getMessage());
  }

  /** The columns file the annotation processor writes for a compiled model class. */
  void columnsFile(String className, String text) throws IOException {
    Path f = project.resolve("target/classes/META-INF/kestimator/models/" + className + ".columns");
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void handWrittenModelClassesAreCheckedByTheirColumnsFile()
      throws IOException, KestimatorException {
    columnsFile(
        "com.example.Hand",
        "# kestimator model columns: kind name dtype shape\n"
            + "feature age float32 scalar\nfeature pixels float32 28x28\nlabel digit int32 1\n");
    check(
        new FeatureCheckRequest.DataFile(
            csv("hand.csv", "pixels,age,digit"), "com.example.Hand", true),
        new FeatureCheckRequest.DataFile(
            csv("serve.csv", "age,pixels"), "com.example.Hand", false));
    assertEquals(
        "hand.csv: columns [pixels, age, digit] match model class 'com.example.Hand'"
            + " (target/classes/META-INF/kestimator/models/com.example.Hand.columns)",
        log.get(0));

    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("bad.csv", "pixel,age"), "com.example.Hand", true)));
    assertEquals(
        "Data files do not match their models:\n"
            + "  bad.csv: column 'pixel' is not a feature or label of model class 'com.example.Hand'"
            + " (target/classes/META-INF/kestimator/models/com.example.Hand.columns); did you mean 'pixels'?\n"
            + "  bad.csv: missing column 'pixels' (feature: float32 28x28); did you mean 'pixel'?\n"
            + "  bad.csv: missing column 'digit' (label of the output layer: int32 1)",
        e.getMessage());
  }

  @Test
  void aClassWithoutColumnsFileOrWithABadOneIsNamed() throws IOException {
    columnsFile("com.example.Broken", "feature age float64 1\n");
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(
                    new FeatureCheckRequest.DataFile(
                        csv("a.csv", "age"), "com.example.Missing", true),
                    new FeatureCheckRequest.DataFile(
                        csv("b.csv", "age"), "com.example.Broken", true)));
    assertTrue(
        e.getMessage()
            .contains(
                "a.csv: model 'com.example.Missing' is neither a Keras file in src/main/keras nor a"
                    + " class generated from one"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "; nor a compiled @KerasModel class: no"
                    + " target/classes/META-INF/kestimator/models/com.example.Missing.columns"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "b.csv: target/classes/META-INF/kestimator/models/com.example.Broken.columns:"
                    + " line 1: unknown dtype 'float64'"),
        e.getMessage());
  }

  @Test
  void tfRecordExampleKeysAreChecked() throws IOException, KestimatorException {
    Path good = project.resolve("train.tfrecord");
    Files.write(good, tfRecord(example("words_input", "score"), example("words_input", "score")));
    check(new FeatureCheckRequest.DataFile(good, "sentiment_model.json", true));
    assertEquals(List.of("words_input", "score"), DataColumns.read(good));

    Path bad = project.resolve("bad.tfrecord");
    Files.write(bad, tfRecord(example("word_input", "score")));
    KestimatorException e =
        assertThrows(
            KestimatorException.class,
            () -> check(new FeatureCheckRequest.DataFile(bad, "sentiment_model.json", true)));
    assertTrue(
        e.getMessage()
            .contains(
                "bad.tfrecord: column 'word_input' is not a feature or label of model 'sequential'"
                    + " (src/main/keras/sentiment_model.json); did you mean 'words_input'?"),
        e.getMessage());

    Path notRecords = project.resolve("csv.tfrecord");
    Files.writeString(notRecords, "words_input,score\n1,2\n");
    e =
        assertThrows(
            KestimatorException.class,
            () ->
                check(new FeatureCheckRequest.DataFile(notRecords, "sentiment_model.json", true)));
    assertTrue(
        e.getMessage()
            .contains(
                "csv.tfrecord: cannot read its TFRecord feature keys: record 0 has a bad length checksum"),
        e.getMessage());
  }

  /**
   * A tf.train.Example with one float feature per key: Example{1: Features{1: entry{1: key, 2:
   * Feature{2: FloatList{1: [1.0]}}}}}.
   */
  static byte[] example(String... keys) {
    ByteArrayOutputStream features = new ByteArrayOutputStream();
    for (String k : keys) {
      byte[] floatList = message(1, new byte[] {0, 0, (byte) 0x80, 0x3f}); // packed float 1.0
      byte[] feature = message(2, floatList);
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      entry.writeBytes(message(1, k.getBytes(StandardCharsets.UTF_8)));
      entry.writeBytes(message(2, feature));
      features.writeBytes(message(1, entry.toByteArray()));
    }
    return message(1, features.toByteArray());
  }

  static byte[] message(int field, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(field << 3 | 2);
    int len = payload.length;
    while (len >= 0x80) {
      out.write(len & 0x7f | 0x80);
      len >>>= 7;
    }
    out.write(len);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  static byte[] tfRecord(byte[]... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(r.length).array();
      out.writeBytes(len);
      out.writeBytes(
          ByteBuffer.allocate(4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putInt(DataColumns.maskedCrc(len, 0, 8))
              .array());
      out.writeBytes(r);
      out.writeBytes(
          ByteBuffer.allocate(4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putInt(DataColumns.maskedCrc(r, 0, r.length))
              .array());
    }
    return out.toByteArray();
  }
}
