package io.github.kestimator.runtime.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Export directories as tf.estimator lays them out: {@code <base>/<unix seconds>/}, written into a
 * {@code temp-<seconds>-...} directory beside it and renamed into place, so a reader (TensorFlow
 * Serving watches the base directory) never sees half an export, and an existing export is never
 * overwritten: when the second's directory exists, the next second is taken.
 */
public final class SavedModelDirs {
  private SavedModelDirs() {}

  /**
   * Creates {@code base/<timestamp>/} with what {@code writer} writes into the (not yet existing)
   * directory it is given.
   */
  public static synchronized Path create(Path base, Consumer<Path> writer) {
    try {
      Files.createDirectories(base);
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
      throw new UncheckedIOException("cannot export a SavedModel into " + base + ": " + e.getMessage(), e);
    }
  }

  /** The complete exports under {@code base} (numeric directory names), oldest first. */
  public static List<Path> list(Path base) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p))) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list exports in " + base + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
    return out;
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
