package io.github.kestimator.runtime.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Export directories as tf.estimator lays them out: {@code <base>/<unix seconds>/}, written into a
 * {@code temp-<seconds>-...} directory beside it and renamed into place, so a reader (TensorFlow
 * Serving watches the base directory) never sees half an export, and an existing export is never
 * overwritten: when the second's directory exists, the next second is taken. A {@code temp-*}
 * directory that a killed exporter left is deleted by a later export ({@link #sweepAbandoned}).
 */
public final class SavedModelDirs {
  private SavedModelDirs() {}

  /**
   * Creates {@code base/<timestamp>/} with what {@code writer} writes into the (not yet existing)
   * directory it is given.
   */
  public static synchronized Path create(Path base, Consumer<Path> writer) {
    if (Files.isSymbolicLink(base) && !Files.exists(base)) {
      throw new IllegalArgumentException(
          "cannot export a SavedModel into "
              + base
              + ": it is a symbolic link to "
              + readLink(base)
              + ", which does not exist");
    }
    if (Files.exists(base) && !Files.isDirectory(base)) {
      throw new IllegalArgumentException(
          "cannot export a SavedModel into " + base + ": it is a file, not a directory");
    }
    try {
      Files.createDirectories(base);
      sweepAbandoned(base);
      long ts = System.currentTimeMillis() / 1000;
      Path tmp = base.resolve("temp-" + ts + "-" + System.nanoTime());
      try {
        writer.accept(tmp);
        while (true) {
          Path target = base.resolve(Long.toString(ts));
          if (!Files.exists(target)) {
            try {
              // rename(2) fails on a non-empty target, so a racing exporter's directory survives.
              return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
              if (!Files.exists(target)) {
                throw e;
              }
            }
          }
          ts++;
        }
      } finally {
        deleteRecursively(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot export a SavedModel into " + base + ": " + e.getMessage(), e);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "a missing target";
    }
  }

  /**
   * How old a {@code temp-*} directory must be before an export takes it for a killed exporter's
   * leftover.
   */
  static final Duration ABANDONED = Duration.ofMinutes(10);

  /**
   * Deletes {@code temp-*} directories that an exporter killed mid-write left under {@code base}.
   * Only those untouched for {@link #ABANDONED}: a younger one may belong to an export running now
   * in another process (an evaluator beside a trainer); a SavedModel is written in seconds.
   */
  static void sweepAbandoned(Path base) throws IOException {
    long cutoff = System.currentTimeMillis() - ABANDONED.toMillis();
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(
            base, p -> p.getFileName().toString().startsWith("temp-") && Files.isDirectory(p))) {
      for (Path p : ds) {
        if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
          deleteRecursively(p);
        }
      }
    }
  }

  /** The complete exports under {@code base} (numeric directory names), oldest first. */
  public static List<Path> list(Path base) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return out;
    }
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(
            base, p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p))) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list exports in " + base + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
    return out;
  }

  /**
   * The newest complete export under {@code base} (the one TensorFlow Serving would serve), or
   * empty.
   */
  public static Optional<Path> latest(Path base) {
    List<Path> all = list(base);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The newest complete export of any exporter under {@code exportRoot} ({@code
   * <model_dir>/export/<name>/<timestamp>}), or empty; of two exports of the same second, the one
   * of the exporter whose name sorts last.
   */
  public static Optional<Path> latestOfAny(Path exportRoot) {
    if (!Files.isDirectory(exportRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> exporters = Files.list(exportRoot)) {
      return exporters
          .filter(Files::isDirectory)
          .flatMap(e -> list(e).stream())
          .max(
              Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString()))
                  .thenComparing(Path::toString));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the exports in " + exportRoot + ": " + e.getMessage(), e);
    }
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
