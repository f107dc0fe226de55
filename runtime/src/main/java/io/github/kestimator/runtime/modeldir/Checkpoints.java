package io.github.kestimator.runtime.modeldir;

import io.github.kestimator.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The checkpoints of a model directory, laid out as tf.train.Saver does: {@code model.ckpt-N.index}
 * and {@code model.ckpt-N.data-00000-of-00001} (TensorFlow's SaveV2 / RestoreV2 through {@link
 * Session#save} and {@link Session#restore}), the {@code checkpoint} state file, and only the
 * newest {@code keepMax} checkpoints kept.
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

  /** The fallback checkpoint last warned about, so that each fallback is logged once. */
  private volatile String warned;

  public Checkpoints(Path modelDir, int keepMax) {
    this.modelDir = modelDir;
    this.keepMax = keepMax;
  }

  /**
   * The latest complete checkpoint's global step ({@link #latest()}), or empty when the directory
   * has none.
   */
  public OptionalLong latestStep() {
    String latest = latest();
    return latest == null ? OptionalLong.empty() : OptionalLong.of(stepOf(latest));
  }

  /**
   * The newest checkpoint whose files are all there, or null when the directory has none: the state
   * file's latest; when that one's files are gone (deleted after a damaged disk, or by hand), the
   * newest complete checkpoint the state file lists or the directory holds, with a warning; when
   * the state file itself is gone, the newest complete {@code model.ckpt-N} on disk, so training
   * resumes there instead of restarting at step 0 and overwriting it.
   *
   * @throws IllegalStateException when the state file names checkpoints and none of them, nor any
   *     on disk, is complete
   */
  public String latest() {
    CheckpointState state = CheckpointState.read(modelDir);
    if (state != null && complete(state.latest())) {
      return state.latest();
    }
    Set<String> candidates = new LinkedHashSet<>(onDisk());
    if (state != null) {
      candidates.addAll(state.all());
    }
    String best = null;
    for (String c : candidates) {
      if (complete(c) && (best == null || stepOf(c) > stepOf(best))) {
        best = c;
      }
    }
    if (best == null && state != null) {
      throw new IllegalStateException(
          "checkpoint files "
              + files(modelDir.resolve(state.latest()))
              + " are missing (the '"
              + CheckpointState.FILE_NAME
              + "' file names "
              + state.latest()
              + " as the latest checkpoint) and no other complete"
              + " checkpoint is in "
              + modelDir
              + ": delete the '"
              + CheckpointState.FILE_NAME
              + "' file to start from scratch");
    }
    if (best != null && !best.equals(warned)) {
      warned = best;
      LOG.warn(
          state == null
              ? "No '{}' state file in {}: resuming from the newest complete checkpoint there, {}."
              : "The '{}' file of {} names "
                  + state.latest()
                  + ", whose files are missing: falling back to the newest complete"
                  + " checkpoint, {}.",
          CheckpointState.FILE_NAME,
          modelDir,
          best);
    }
    return best;
  }

  /**
   * Deletes what a killed save left: TensorFlow's {@code *.tempstate*} files. Call only while
   * holding the directory's {@link ModelDirLock}, when no other process can be saving.
   */
  public void sweepTemporaryFiles() {
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(
            modelDir, p -> p.getFileName().toString().contains(".tempstate"))) {
      for (Path p : ds) {
        LOG.info("Deleting {}, left by an interrupted save.", p);
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot clean up model dir " + modelDir + ": " + e.getMessage(), e);
    }
  }

  private boolean complete(String name) {
    return files(modelDir.resolve(name)).stream().allMatch(Files::isRegularFile);
  }

  /** The {@code model.ckpt-N} prefixes of the directory's index files. */
  private List<String> onDisk() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(modelDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(modelDir, PREFIX + "-*.index")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        String prefix = n.substring(0, n.length() - ".index".length());
        if (prefix.substring(PREFIX.length() + 1).matches("\\d+")) {
          out.add(prefix);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list checkpoints in " + modelDir + ": " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.comparingLong(this::stepOf));
    return out;
  }

  /** The prefix TensorFlow reads and writes for {@code step}: {@code <dir>/model.ckpt-<step>}. */
  public Path prefix(long step) {
    return modelDir.resolve(PREFIX + "-" + step);
  }

  /**
   * Saves the session's variables as the checkpoint of {@code step}, then records it as the latest.
   */
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
    // without a state file, the checkpoints on disk are the ones kept (so keepMax still applies to
    // them)
    List<String> all = new ArrayList<>(old == null ? onDisk() : old.all());
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
   * Restores the latest complete checkpoint ({@link #latest()}) into {@code session}.
   *
   * @return its global step
   * @throws IllegalStateException naming the files when there is no complete checkpoint, or its
   *     files are truncated or corrupt; the session must then be discarded, as some variables may
   *     have been assigned
   */
  public long restoreLatest(Session session) {
    String latest = latest();
    if (latest == null) {
      throw new IllegalStateException(
          Diagnostic.NO_CHECKPOINT.format(
              "no checkpoint in "
                  + modelDir
                  + ": train first (no '"
                  + CheckpointState.FILE_NAME
                  + "' file and no "
                  + PREFIX
                  + "-<step> files there)"));
    }
    long step = stepOf(latest);
    Path prefix = modelDir.resolve(latest);
    try {
      session.restore(prefix.toString());
    } catch (TensorFlowException e) {
      throw new IllegalStateException(
          Diagnostic.CORRUPT_CHECKPOINT.format(
              "cannot restore checkpoint "
                  + prefix
                  + ": its files "
                  + files(prefix)
                  + " are truncated or corrupt, or hold another model's variables: "
                  + firstLine(e.getMessage())),
          e);
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
      throw new IllegalStateException(
          "corrupt checkpoint state "
              + modelDir.resolve(CheckpointState.FILE_NAME)
              + ": expected checkpoint names like "
              + PREFIX
              + "-<step>, got '"
              + prefix
              + "'");
    }
  }

  private static List<Path> files(Path prefix) {
    return List.of(
        prefix.resolveSibling(prefix.getFileName() + ".index"),
        prefix.resolveSibling(prefix.getFileName() + DATA_SUFFIX));
  }

  private static void deleteCheckpoint(Path prefix) {
    String start = prefix.getFileName().toString() + ".";
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(
            prefix.getParent(), p -> p.getFileName().toString().startsWith(start))) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete old checkpoint " + prefix + ": " + e.getMessage(), e);
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
