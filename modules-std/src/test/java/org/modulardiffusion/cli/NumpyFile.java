package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads {@code .npz} files as NumPy's format description defines them (a zip of {@code .npy}
 * files: magic, version, a header dict, then the data in C order), without DJL, so that a test
 * checks what another tool would read.
 */
final class NumpyFile {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** One array: its dtype ({@code <f4}, {@code <i8}, …), its shape, its little-endian data. */
  record Array(String dtype, long[] shape, ByteBuffer data) {
    float[] floats() {
      float[] values = new float[data.remaining() / 4];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return values;
    }

    long[] longs() {
      long[] values = new long[data.remaining() / 8];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
      return values;
    }
  }

  private NumpyFile() {}

  /** The arrays of an {@code .npz} file by name (the entry's name without {@code .npy}). */
  static Map<String, Array> readNpz(Path path) throws IOException {
    Map<String, Array> arrays = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        arrays.put(entry.getName().replaceFirst("\\.npy$", ""), readNpy(zip));
      }
    }
    return arrays;
  }

  private static Array readNpy(InputStream in) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    bytes.get(magic);
    if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
      throw new IOException("not an .npy array");
    }
    int major = bytes.get();
    bytes.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(bytes.getShort()) : bytes.getInt();
    byte[] header = new byte[headerLength];
    bytes.get(header);
    String dict = new String(header, StandardCharsets.ISO_8859_1);
    if (!dict.contains("'fortran_order': False")) {
      throw new IOException("not in C order: " + dict);
    }
    Matcher descr = DESCR.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!descr.find() || !shape.find()) {
      throw new IOException("no descr or shape in " + dict);
    }
    long[] dimensions =
        Arrays.stream(shape.group(1).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    return new Array(descr.group(1), dimensions, bytes.slice());
  }
}
