package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.Event;

/**
 * Records written by TensorFlow's own C++ RecordWriter (a TensorBoard event file) pass our CRC
 * checks.
 */
class TfRecordInteropTest {
  @TempDir Path dir;

  @Test
  void readsAnEventFileTensorFlowWrote() throws Exception {
    try (EagerSession session = EagerSession.create()) {
      Ops tf = Ops.create(session);
      SummaryWriter writer = tf.summary.summaryWriter();
      tf.summary.createSummaryFileWriter(
          writer,
          tf.constant(dir.toString()),
          tf.constant(10),
          tf.constant(1000),
          tf.constant(".v2"));
      tf.summary.writeScalarSummary(
          writer, tf.constant(7L), tf.constant("loss"), tf.constant(0.25f));
      tf.summary.flushSummaryWriter(writer);
      tf.summary.closeSummaryWriter(writer);
    }
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file =
          files
              .filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
              .findFirst()
              .orElseThrow();
    }
    List<byte[]> records = TfRecordReader.readAll(file);
    assertTrue(Event.parseFrom(records.get(0)).getFileVersion().startsWith("brain.Event:"));
    Event scalar = Event.parseFrom(records.get(records.size() - 1));
    assertEquals(7, scalar.getStep());
    assertEquals("loss", scalar.getSummary().getValue(0).getTag());

    // Our writer gives byte for byte the file TensorFlow wrote.
    Path copy = dir.resolve("copy.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.create(copy)) {
      records.forEach(w::write);
    }
    assertEquals(-1, Files.mismatch(file, copy));
  }
}
