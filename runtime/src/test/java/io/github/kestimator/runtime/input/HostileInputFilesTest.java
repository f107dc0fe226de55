package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.binding.MapBinding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files made to hurt: each gets a clear error naming the file, never an OutOfMemoryError. */
class HostileInputFilesTest {
  @TempDir Path tmp;

  /** A 28-byte TFRecord whose length field (with a valid CRC) claims 2 GB. */
  @Test
  void aRecordLengthLongerThanTheFileIsRefusedWithoutAllocatingIt() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    long claimed = 2_000_000_000L;
    b.putLong(claimed);
    byte[] len = new byte[8];
    b.position(0);
    b.get(len);
    b.position(8);
    b.putInt(MaskedCrc32c.masked(len, 0, 8));
    b.put(new byte[16]);
    Path f = Files.write(tmp.resolve("liar.tfrecord"), b.array());
    long before = usedHeap();
    try (TfRecordReader r = TfRecordReader.open(f)) {
      InputException e = assertThrows(InputException.class, r::hasNext);
      assertTrue(
          e.getMessage()
              .contains(
                  "liar.tfrecord: truncated record at byte offset 0: expected 2000000000 data bytes"
                      + " and a 4-byte CRC, the file ends after 16"),
          e.getMessage());
    }
    assertTrue(usedHeap() - before < 100_000_000L, "no 2 GB buffer was allocated");
  }

  @Test
  void aCsvHeaderWithAByteOrderMarkReadsItsFirstColumn() throws Exception {
    Path f = Files.writeString(tmp.resolve("bom.csv"), "\uFEFFwords_input,score\n1 2 3,1\n");
    MapBinding binding = TinyModels.words();
    try (BatchStream s = Input.csv(f, binding).open(binding)) {
      HostBatch b =
          s.next(); // before the fix: unknown column 'words_input'; did you mean 'words_input'?
      assertArrayEquals(new int[] {1, 2, 3}, b.intFeature(0));
    }
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
