package org.modulardiffusion.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes, the format of MNIST, raw or gzipped: a magic number {@code
 * 0x0000 08 n} (08 for unsigned bytes, n dimensions), n big-endian int32 sizes, then the bytes in
 * row-major order. Images have 3 dimensions (magic 2051), labels 1 (magic 2049).
 *
 * @param sizes the size of each dimension
 * @param data the bytes, as many as the product of the sizes
 */
record IdxFile(int[] sizes, byte[] data) {
  private static final int UNSIGNED_BYTE = 0x08;

  /**
   * Reads {@code file}, which must have {@code dimensions} dimensions.
   *
   * @throws IllegalArgumentException naming the file if it is missing, has the wrong magic number or
   *     is truncated
   */
  static IdxFile read(String file, int dimensions) {
    ByteBuffer bytes = ByteBuffer.wrap(contents(file));
    int magic = (UNSIGNED_BYTE << 8) | dimensions;
    if (bytes.remaining() < 4 || bytes.getInt() != magic) {
      throw new IllegalArgumentException(file + " is not an IDX file of " + dimensions + "-dimensional unsigned bytes: "
          + "its magic number is " + (bytes.capacity() < 4 ? "missing" : bytes.getInt(0)) + ", not " + magic);
    }
    if (bytes.remaining() < 4 * dimensions) {
      throw new IllegalArgumentException(file + " is truncated: its header ends after " + bytes.capacity() + " bytes");
    }
    int[] sizes = new int[dimensions];
    long count = 1;
    for (int i = 0; i < dimensions; i++) {
      sizes[i] = bytes.getInt();
      if (sizes[i] < 0) {
        throw new IllegalArgumentException(file + " has a negative size " + sizes[i] + " in its header");
      }
      count *= sizes[i];
    }
    if (bytes.remaining() != count) {
      throw new IllegalArgumentException(file + " " + (bytes.remaining() < count ? "is truncated" : "is too long")
          + ": its header announces " + Arrays.toString(sizes) + " = " + count + " bytes of data, but it holds "
          + bytes.remaining());
    }
    byte[] data = new byte[(int) count];
    bytes.get(data);
    return new IdxFile(sizes, data);
  }

  /** The bytes of {@code file}, unzipped if they start with the gzip magic 1f 8b. */
  private static byte[] contents(String file) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of(file));
      if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
        return bytes;
      }
      try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return unzipped.readAllBytes();
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " starts like a gzip file but cannot be unzipped: " + e.getMessage(), e);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
