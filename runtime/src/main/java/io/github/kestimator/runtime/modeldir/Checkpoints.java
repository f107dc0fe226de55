package io.github.kestimator.runtime.modeldir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The checkpoints of a model directory, laid out as tf.train.Saver does: {@code model.ckpt-N.index}
 * and {@code model.ckpt-N.data-00000-of-00001} (TensorFlow's SaveV2 / RestoreV2 through
 * {@link Session#save} and {@link Session#restore}), the {@code checkpoint} state file, and only
 * the newest {@code keepMax} checkpoints kept.
 *
 * <p>Crash safety: the state file is replaced atomically and only after the checkpoint's files are
 * complete, so a process killed mid-save leaves the previous checkpoint as the latest.
 */
public final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  public static final String PREFIX = "model.ckpt";
  private static final String DATA_SUFFIX = ".data-00000-of-00001";

  private final Path modelDir;
  private final int keepMax;

  public Checkpoints(Path modelDir, int keepMax) {
    this.modelDir = modelDir;
    this.keepMax = keepMax;
  }

  /** The latest checkpoint's global step, or empty when the directory has none. */
  public OptionalLong latestStep() {
    CheckpointState state = CheckpointState.read(modelDir);
    return state == null ? OptionalLong.empty() : OptionalLong.of(stepOf(state.latest()));
  }

  /** The prefix TensorFlow reads and writes for {@code step}: {@code <dir>/model.ckpt-<step>}. */
  public Path prefix(long step) {
    return modelDir.resolve(PREFIX + "-" + step);
  }

  /** Saves the session's variables as the checkpoint of {@code step}, then records it as the latest. */
  public void save(Session session, long step) {
    LOG.info("Saving checkpoints for {} into {}.", step, modelDir.resolve(PREFIX));
    Path prefix = prefix(step);
    session.save(prefix.toString());
    for (Path f : files(prefix)) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalStateException("TensorFlow did not write checkpoint file " + f);
      }
    }
    CheckpointState old = CheckpointState.read(modelDir);
    List<String> all = new ArrayList<>(old == null ? List.of() : old.all());
    String name = prefix.getFileName().toString();
    all.remove(name);
    all.add(name);
    List<String> dropped = new ArrayList<>();
    while (keepMax > 0 && all.size() > keepMax) {
      dropped.add(all.remove(0));
    }
    new CheckpointState(name, all).write(modelDir);
    for (String d : dropped) {
      deleteCheckpoint(modelDir.resolve(d));
    }
  }

  /**
   * Restores the latest checkpoint into {@code session}.
   *
   * @return its global step
   * @throws IllegalStateException naming the file when a checkpoint file is missing, truncated or
   *     corrupt; the session must then be discarded, as some variables may have been assigned
   */
  public long restoreLatest(Session session) {
    CheckpointState state = CheckpointState.read(modelDir);
    if (state == null) {
      throw new IllegalStateException("no checkpoint in " + modelDir + ": train first (no '" + CheckpointState.FILE_NAME
          + "' file there)");
    }
    long step = stepOf(state.latest());
    Path prefix = modelDir.resolve(state.latest());
    for (Path f : files(prefix)) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalStateException("checkpoint file " + f + " is missing (the '" + CheckpointState.FILE_NAME
            + "' file names " + state.latest() + " as the latest checkpoint)");
      }
    }
    try {
      session.restore(prefix.toString());
    } catch (TensorFlowException e) {
      throw new IllegalStateException("cannot restore checkpoint " + prefix + ": its files " + files(prefix)
          + " are truncated or corrupt, or hold another model's variables: " + firstLine(e.getMessage()), e);
    }
    return step;
  }

  /** The global step a checkpoint prefix such as {@code model.ckpt-1000} was saved at. */
  public long stepOf(String prefix) {
    String name = Path.of(prefix).getFileName().toString();
    int dash = name.lastIndexOf('-');
    try {
      return Long.parseLong(name.substring(dash + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("corrupt checkpoint state " + modelDir.resolve(CheckpointState.FILE_NAME)
          + ": expected checkpoint names like " + PREFIX + "-<step>, got '" + prefix + "'");
    }
  }

  private static List<Path> files(Path prefix) {
    return List.of(prefix.resolveSibling(prefix.getFileName() + ".index"),
        prefix.resolveSibling(prefix.getFileName() + DATA_SUFFIX));
  }

  private static void deleteCheckpoint(Path prefix) {
    String start = prefix.getFileName().toString() + ".";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(prefix.getParent(), p -> p.getFileName().toString().startsWith(start))) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old checkpoint " + prefix + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
