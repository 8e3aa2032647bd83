package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every shell block of the README and the guides says whether it is run, in an HTML comment on
 * the line before it, which GitHub does not show: {@code <!-- run by: FILE -->}, where FILE (a
 * path from the repository's root, such as CI's script) holds each of the block's commands as a
 * line of its own, or {@code <!-- not run: why -->}.
 */
class DocumentedShellCommandsTest {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "shell", "console");
  private static final Pattern NOT_RUN = Pattern.compile("<!-- not run: \\S.* -->");
  private static final Pattern RUN_BY = Pattern.compile("<!-- run by: (\\S+) -->");

  @Test
  void everyShellBlockIsRunByAFileOrSaysWhyNot() throws IOException {
    List<String> faults = new ArrayList<>();
    int blocks = 0;
    for (Path document : Documents.all()) {
      for (Documents.Block block : Documents.blocks(Documents.read(document))) {
        if (SHELLS.contains(block.info())) {
          String fault = fault(block);
          if (fault != null) {
            faults.add(document + ": " + fault + ":\n" + block.code());
          }
          blocks++;
        }
      }
    }
    assertEquals(List.of(), faults);
    assertTrue(blocks >= 8, "found only " + blocks + " shell blocks; has the pattern stopped matching?");
  }

  /** What is wrong with the marking of {@code block}, or null. */
  private static String fault(Documents.Block block) throws IOException {
    String marker = block.before().strip();
    if (NOT_RUN.matcher(marker).matches()) {
      return null;
    }
    Matcher runBy = RUN_BY.matcher(marker);
    if (!runBy.matches()) {
      return "a shell block with neither <!-- run by: FILE --> nor <!-- not run: why --> on the line before it";
    }
    Path runner = Documents.ROOT.resolve(runBy.group(1));
    if (!Files.isRegularFile(runner)) {
      return "run by " + runBy.group(1) + ", which does not exist";
    }
    List<String> lines = Files.readAllLines(runner).stream().map(String::strip).toList();
    for (String command : block.code().split("\n")) {
      String line = command.strip();
      if (!line.isEmpty() && !line.startsWith("#") && !lines.contains(line)) {
        return "run by " + runBy.group(1) + ", which does not run " + line;
      }
    }
    return null;
  }
}
