package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordTest {
  @TempDir Path dir;

  /** RFC 3720 (iSCSI) B.4 and the standard "123456789" check value of CRC32C. */
  @Test
  void crc32cKnownVectors() {
    assertEquals(
        0xe3069283, MaskedCrc32c.crc("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
    assertEquals(0x8a9136aa, MaskedCrc32c.crc(new byte[32], 0, 32));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    assertEquals(0x62a8ab43, MaskedCrc32c.crc(ones, 0, 32));
    byte[] ascending = new byte[32];
    for (int i = 0; i < 32; i++) {
      ascending[i] = (byte) i;
    }
    assertEquals(0x46dd794e, MaskedCrc32c.crc(ascending, 0, 32));
  }

  @Test
  void maskRotatesRightBy15AndAddsTensorFlowsDelta() {
    assertEquals(0xa282ead8, MaskedCrc32c.mask(0));
    // 0xe3069283 rotated right by 15 is 0x2507c60d; plus 0xa282ead8 is 0xc78ab0e5.
    assertEquals(0xc78ab0e5, MaskedCrc32c.mask(0xe3069283));
  }

  /**
   * Expected bytes derived by hand from the format (uint64 length LE, masked CRC32C of it, data,
   * masked CRC32C of the data), with the CRCs from an independent bitwise CRC32C (poly 0x82F63B78).
   */
  @Test
  void writesTensorFlowsRecordFormat() throws Exception {
    Path f = dir.resolve("known.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.create(f)) {
      w.write("123456789".getBytes(StandardCharsets.US_ASCII));
      w.write(new byte[0]);
    }
    String expected =
        "0900000000000000"
            + "37f97139"
            + "313233343536373839"
            + "e5b08ac7"
            + "0000000000000000"
            + "29039807"
            + "d8ea82a2";
    assertEquals(expected, HexFormat.of().formatHex(Files.readAllBytes(f)));
  }

  @Test
  void readsHandDerivedRecords() throws Exception {
    Path f = dir.resolve("hand.tfrecord");
    Files.write(f, HexFormat.of().parseHex("090000000000000037f97139313233343536373839e5b08ac7"));
    List<byte[]> records = TfRecordReader.readAll(f);
    assertEquals(1, records.size());
    assertEquals("123456789", new String(records.get(0), StandardCharsets.US_ASCII));
  }

  @Test
  void roundTripsManyRecordsAndAppends() {
    Path f = dir.resolve("many.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.create(f)) {
      for (int i = 0; i < 100; i++) {
        w.write(payload(i));
      }
    }
    try (TfRecordWriter w = TfRecordWriter.append(f)) {
      w.write(payload(100));
    }
    try (TfRecordReader r = TfRecordReader.open(f)) {
      long offset = 0;
      for (int i = 0; i <= 100; i++) {
        assertTrue(r.hasNext());
        assertArrayEquals(payload(i), r.next());
        assertEquals(i, r.recordIndex());
        assertEquals(offset, r.recordOffset());
        offset += 16 + payload(i).length;
      }
      assertFalse(r.hasNext());
    }
  }

  @Test
  void corruptDataNamesFileAndOffset() throws Exception {
    Path f = twoRecords("corrupt.tfrecord");
    byte[] bytes = Files.readAllBytes(f);
    int second = 16 + payload(3).length;
    bytes[second + 12 + 2] ^= 1; // a data byte of the second record
    Files.write(f, bytes);
    try (TfRecordReader r = TfRecordReader.open(f)) {
      assertArrayEquals(payload(3), r.next());
      InputException e = assertThrows(InputException.class, r::next);
      assertEquals(
          f
              + ": corrupt record at byte offset "
              + second
              + ": the CRC of its "
              + payload(4).length
              + " data bytes does not match",
          e.getMessage());
    }
  }

  @Test
  void corruptLengthIsCaughtBeforeReadingData() throws Exception {
    Path f = twoRecords("length.tfrecord");
    byte[] bytes = Files.readAllBytes(f);
    bytes[5] = 0x7f; // a huge length
    Files.write(f, bytes);
    InputException e = assertThrows(InputException.class, () -> TfRecordReader.readAll(f));
    assertTrue(
        e.getMessage().startsWith(f + ": corrupt record at byte offset 0: the CRC of its length"),
        e.getMessage());
  }

  @Test
  void truncationNamesFileAndOffset() throws Exception {
    Path f = twoRecords("truncated.tfrecord");
    byte[] bytes = Files.readAllBytes(f);
    int second = 16 + payload(3).length;
    for (int cut : new int[] {second + 5, second + 12 + 1, bytes.length - 1}) {
      Files.write(f, Arrays.copyOf(bytes, cut));
      InputException e = assertThrows(InputException.class, () -> TfRecordReader.readAll(f));
      assertTrue(
          e.getMessage()
              .startsWith(f + ": truncated record at byte offset " + second + ": expected "),
          e.getMessage());
    }
  }

  private Path twoRecords(String name) {
    Path f = dir.resolve(name);
    try (TfRecordWriter w = TfRecordWriter.create(f)) {
      w.write(payload(3));
      w.write(payload(4));
    }
    return f;
  }

  private static byte[] payload(int i) {
    byte[] b = new byte[i * 7 % 50];
    for (int j = 0; j < b.length; j++) {
      b[j] = (byte) (i * 31 + j);
    }
    return b;
  }
}
