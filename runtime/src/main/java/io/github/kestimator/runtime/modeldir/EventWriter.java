package io.github.kestimator.runtime.modeldir;

import io.github.kestimator.runtime.input.TfRecordWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A TensorBoard event file, {@code events.out.tfevents.<secs>.<host>}: TFRecords of {@code Event}
 * protos, a {@code file_version} event first, then scalar summaries (the {@code simple_value} form
 * that TensorBoard and tf.compat.v1.train.summary_iterator read).
 */
public final class EventWriter implements AutoCloseable {
  private final TfRecordWriter out;
  private final Path file;

  private EventWriter(Path file) {
    this.file = file;
    this.out = TfRecordWriter.create(file);
    write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
    out.flush();
  }

  /** Opens a new event file in {@code dir} (created if needed). */
  public static EventWriter open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create event directory " + dir + ": " + e.getMessage(), e);
    }
    String base = "events.out.tfevents." + System.currentTimeMillis() / 1000 + "." + hostName();
    Path file = dir.resolve(base);
    // Two writers in one second (e.g. train then evaluate in one dir) must not truncate each other.
    for (int i = 1; Files.exists(file); i++) {
      file = dir.resolve(base + "." + ProcessHandle.current().pid() + "." + i);
    }
    return new EventWriter(file);
  }

  public Path file() {
    return file;
  }

  /** Writes one event holding {@code scalars} (tag to value) at {@code step}, and flushes it. */
  public void scalars(long step, Map<String, Double> scalars) {
    Summary.Builder s = Summary.newBuilder();
    scalars.forEach(
        (tag, v) ->
            s.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.floatValue())));
    write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(s).build());
    out.flush();
  }

  private void write(Event e) {
    out.write(e.toByteArray());
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    out.close();
  }
}
