package io.github.kestimator.runtime.input;

import java.util.zip.CRC32C;

/**
 * TensorFlow's masked CRC32C (Castagnoli), as TFRecord files store it. TensorFlow masks the CRC
 * because computing the CRC of data that itself holds CRCs is a weak check.
 */
public final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  /** The plain CRC32C of {@code len} bytes of {@code data} from {@code off}. */
  public static int crc(byte[] data, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(data, off, len);
    return (int) c.getValue();
  }

  /** TensorFlow's {@code crc32c::Mask}: rotate right by 15 bits and add a constant. */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** The masked CRC32C of {@code len} bytes of {@code data} from {@code off}. */
  public static int masked(byte[] data, int off, int len) {
    return mask(crc(data, off, len));
  }
}
