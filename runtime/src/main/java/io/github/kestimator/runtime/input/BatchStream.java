package io.github.kestimator.runtime.input;

import java.util.Iterator;

/** Batches from an opened input. Close it to release files and stop a prefetching thread. */
public interface BatchStream extends Iterator<HostBatch>, AutoCloseable {
  @Override
  void close();
}
