package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset.Examples;

/** TextLines: tokens, vocabulary and ids of a small file by hand, and its errors. */
class TextLinesTest {
  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path folder;

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void linesBecomeLowerCaseTokenIdsCutOrPaddedToTheLength() throws IOException {
    Path file = Files.writeString(folder.resolve("lines.txt"), "The cat sat.\n\n  \nthe dog sat on the cat\r\nDon't!\n");
    TextLines lines = new TextLines(file.toString(), 5);
    assertEquals(List.of("<pad>", "the", "cat", "sat", ".", "dog", "on", "don't", "!"), lines.vocabulary());
    assertEquals(9, lines.k());
    assertEquals(3, lines.size());
    Examples examples = lines.get(manager, new int[] {0, 1, 2});
    assertEquals(new Shape(3, 5), examples.w().getShape());
    assertEquals(DataType.INT64, examples.w().getDataType());
    assertArrayEquals(new long[] {1, 2, 3, 4, 0, 1, 5, 3, 6, 1, 7, 8, 0, 0, 0}, examples.w().toLongArray());
    assertArrayEquals(new long[] {0, 0, 0}, examples.y().toLongArray());
    assertEquals("the cat sat.", lines.decode(new long[] {1, 2, 3, 4, 0}));
    assertEquals("don't!", lines.decode(new long[] {7, 8, 0, 0, 0}));
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    String missing = folder.resolve("missing.txt").toString();
    assertEquals(missing + " does not exist",
        assertThrows(IllegalArgumentException.class, () -> new TextLines(missing, 8)).getMessage());
    Path blank = Files.writeString(folder.resolve("blank.txt"), "\n  \n");
    assertEquals(blank + " holds no text",
        assertThrows(IllegalArgumentException.class, () -> new TextLines(blank.toString(), 8)).getMessage());
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    Path broken = Files.write(folder.resolve("broken.txt"), concat("fine\n".getBytes(StandardCharsets.UTF_8), latin1));
    assertEquals(broken + ", line 2: not valid UTF-8",
        assertThrows(IllegalArgumentException.class, () -> new TextLines(broken.toString(), 8)).getMessage());
    assertEquals("length: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new TextLines(missing, 0)).getMessage());
    assertEquals("the text file must be given",
        assertThrows(IllegalArgumentException.class, () -> new TextLines("", 8)).getMessage());
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
