package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .npy} files with broken or hostile headers: each refused naming the file and the problem.
 */
class NpyHostileFilesTest {
  @TempDir Path tmp;

  Path npy(String name, String descr, String shape, byte[] data) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length(), 0});
    out.write(dict.getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    return Files.write(tmp.resolve(name), out.toByteArray());
  }

  String refused(Path f) {
    return assertThrows(IOException.class, () -> Npy.read(f)).getMessage();
  }

  /** numpy's own strings ({@code resources/npy/strings.py}): UTF-32, NUL-padded, any plane. */
  @Test
  void numpyStringsAreRead() throws Exception {
    Npy.Array a = Npy.read(Path.of(getClass().getResource("/npy/strings.npy").toURI()));
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertArrayEquals(new String[] {"red", "café", "", "日本 🙂"}, a.strings());
    assertArrayEquals(new String[] {"", "日本 🙂"}, a.stringRow(1));
    ByteBuffer bad = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x110000);
    String m = refused(npy("bad.npy", "<U1", "1,", bad.array()));
    assertTrue(m.endsWith("bad.npy: string 0 holds 110000, not a character"), m);
    m = refused(npy("zero.npy", "<U0", "1,", new byte[0]));
    assertTrue(m.contains("dtype '<U0' is not supported"), m);
  }

  @Test
  void badDimensionsAreNamed() throws IOException {
    String m = refused(npy("neg.npy", "<f4", "2, -3", new byte[0]));
    assertTrue(m.endsWith("neg.npy: .npy shape (2, -3) has a negative dimension -3"), m);
    m = refused(npy("huge.npy", "<f4", "2, 99999999999999", new byte[0]));
    assertTrue(
        m.contains(
            "huge.npy: .npy shape (2, 99999999999999) has the dimension 99999999999999, more than the"),
        m);
    m = refused(npy("many.npy", "<f4", "100000, 100000, 100000", new byte[0]));
    assertTrue(
        m.contains(
            "many.npy: .npy shape (100000, 100000, 100000) holds more than the 268435456 values"),
        m);
    m = refused(npy("x.npy", "<f4", "2, x", new byte[0]));
    assertTrue(m.endsWith("x.npy: .npy shape (2, x) has 'x', not a dimension"), m);
  }

  @Test
  void truncatedFilesAreNamed() throws IOException {
    Path f =
        Files.write(
            tmp.resolve("cut.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 70});
    String m = refused(f);
    assertTrue(m.endsWith("cut.npy: truncated .npy header (the file ends in its length field)"), m);
    m = refused(npy("short.npy", "<f4", "4,", new byte[8]));
    assertTrue(m.endsWith("short.npy: truncated .npy data: 8 of 16 bytes"), m);
  }

  @Test
  void int64ValuesBeyondInt32AreNamedAndOthersRead() throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(3_000_000_000L);
    String m = refused(npy("ids.npy", "<i8", "2,", b.array()));
    assertTrue(
        m.endsWith(
            "ids.npy: value 3000000000 at index 1 of this int64 array does not fit in int32, which the model's"
                + " integer inputs take"),
        m);
    ByteBuffer ok = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-2);
    assertArrayEquals(new int[] {7, -2}, Npy.read(npy("ok.npy", "<i8", "2,", ok.array())).ints());
  }

  @Test
  void intArraysRoundTrip() throws IOException {
    Path f = tmp.resolve("ints.npy");
    Npy.write(f, new Npy.Array(new int[] {2, 2}, null, new int[] {1, -2, 3, 2_000_000_000}));
    Npy.Array a = Npy.read(f);
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertArrayEquals(new int[] {1, -2, 3, 2_000_000_000}, a.ints());
  }
}
