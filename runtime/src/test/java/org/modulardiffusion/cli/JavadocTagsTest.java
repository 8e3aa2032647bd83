package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Javadoc as readers and tools expect it: each {@code @param} tag on a line of its own. */
class JavadocTagsTest {
  /** Two tags on one line (written so that this line is not one). */
  private static final Pattern TWO_TAGS = Pattern.compile("@" + "param\\b.*@" + "param\\b");

  @Test
  void noLineHoldsTwoParamTags() throws IOException {
    List<String> offending;
    try (Stream<Path> files = Files.walk(Script.ROOT)) {
      offending = files
          .filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/"))
          .flatMap(JavadocTagsTest::linesWithTwoTags)
          .toList();
    }
    assertEquals(List.of(), offending);
  }

  private static Stream<String> linesWithTwoTags(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return IntStream.range(0, lines.size())
          .filter(i -> TWO_TAGS.matcher(lines.get(i)).find())
          .mapToObj(i -> Script.ROOT.relativize(file) + ":" + (i + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
