package io.github.kestimator.runtime.modeldir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlow's {@code checkpoint} state file: the latest checkpoint and the ones still kept, as the
 * text proto {@code CheckpointState} that tf.train.latest_checkpoint reads. Paths are relative to
 * the model directory, as TensorFlow writes them.
 *
 * @param latest the newest checkpoint's prefix, e.g. {@code model.ckpt-1000}
 * @param all every kept checkpoint's prefix, oldest first, ending with {@code latest}
 */
public record CheckpointState(String latest, List<String> all) {
  public static final String FILE_NAME = "checkpoint";
  private static final Pattern LINE =
      Pattern.compile(
          "\\s*(model_checkpoint_path|all_model_checkpoint_paths)\\s*:\\s*\"(.*)\"\\s*");

  public CheckpointState {
    all = List.copyOf(all);
  }

  /** The state in {@code modelDir}, or null when there is no state file (no checkpoint yet). */
  public static CheckpointState read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read checkpoint state " + file + ": " + e.getMessage(), e);
    }
    String latest = null;
    List<String> all = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()
          || line.startsWith("all_model_checkpoint_timestamps")
          || line.startsWith("last_preserved_timestamp")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalStateException(
            "corrupt checkpoint state "
                + file
                + ": expected 'model_checkpoint_path: \"...\"' "
                + "or 'all_model_checkpoint_paths: \"...\"' lines, got '"
                + line
                + "'");
      }
      if (m.group(1).equals("model_checkpoint_path")) {
        latest = relative(modelDir, m.group(2));
      } else {
        all.add(relative(modelDir, m.group(2)));
      }
    }
    if (latest == null) {
      throw new IllegalStateException(
          "corrupt checkpoint state " + file + ": no model_checkpoint_path line");
    }
    if (all.isEmpty() || !all.get(all.size() - 1).equals(latest)) {
      all.remove(latest);
      all.add(latest);
    }
    return new CheckpointState(latest, all);
  }

  /** Replaces the state file atomically. Call only once the checkpoint files are complete. */
  public void write(Path modelDir) {
    StringBuilder b = new StringBuilder();
    b.append("model_checkpoint_path: \"").append(latest).append("\"\n");
    for (String p : all) {
      b.append("all_model_checkpoint_paths: \"").append(p).append("\"\n");
    }
    AtomicFiles.write(modelDir.resolve(FILE_NAME), b.toString());
  }

  /** TensorFlow may have written absolute paths; keep the file name when it is in this dir. */
  private static String relative(Path modelDir, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute() && modelDir.toAbsolutePath().normalize().equals(p.getParent().normalize())) {
      return p.getFileName().toString();
    }
    return path;
  }
}
