package io.github.kestimator.runtime.modeldir;

import io.github.kestimator.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trainer of a model directory: {@code <model_dir>/train.lock}, locked by the operating
 * system ({@link FileChannel#tryLock}) for as long as a process trains there, and holding that
 * process's pid, host and start time for the message a second trainer gets. Two trainers in one
 * directory would overwrite each other's checkpoints (tf.estimator does not stop them); here the
 * second one fails at once, naming the first.
 *
 * <p>A lock left by a killed process is stale: the operating system released it when the process
 * died, so the next trainer takes it over (and logs whose it was). Within one JVM a second
 * estimator training the same directory at the same time is refused the same way.
 */
public final class ModelDirLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirLock.class);
  public static final String FILE_NAME = "train.lock";

  /**
   * Directories locked by this JVM (the OS lock does not exclude threads of the holding process).
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private ModelDirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code modelDir} for training.
   *
   * @throws IllegalStateException naming the holder when another process or estimator trains there
   */
  public static ModelDirLock acquire(Path modelDir) {
    Path dir = modelDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE_NAME);
    if (!HELD.add(dir)) {
      throw busy(dir, "another estimator in this JVM (" + self() + ")");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = read(channel);
        throw busy(dir, holder.isEmpty() ? "another process" : holder);
      }
      String stale = read(channel);
      if (!stale.isEmpty()) {
        LOG.info("Taking over {}: its holder ({}) is no longer running.", file, stale);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (self() + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(false);
      return new ModelDirLock(dir, channel, lock);
    } catch (IOException e) {
      release(dir, channel);
      throw new UncheckedIOException(
          "cannot lock model dir " + dir + " for training (" + file + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      release(dir, channel);
      throw e;
    }
  }

  /** Unlocks the directory: another trainer may start. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      LOG.warn("Could not clear {}: {}", dir.resolve(FILE_NAME), e.getMessage());
    } finally {
      release(dir, channel);
    }
  }

  private static void release(Path dir, FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("Could not close {}: {}", dir.resolve(FILE_NAME), e.getMessage());
    } finally {
      HELD.remove(dir);
    }
  }

  private static IllegalStateException busy(Path dir, String holder) {
    return new IllegalStateException(
        Diagnostic.MODEL_DIR_LOCKED.format(
            "model dir "
                + dir
                + " is being trained by "
                + holder
                + " ("
                + dir.resolve(FILE_NAME)
                + "): two trainers in one model dir would overwrite each other's checkpoints; wait for it to finish, stop it, or"
                + " train in another modelDir"));
  }

  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 4096);
    ByteBuffer b = ByteBuffer.allocate((int) size);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
  }

  private static String self() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host;
  }
}
