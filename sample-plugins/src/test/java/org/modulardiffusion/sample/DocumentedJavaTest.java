package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java of the README and the guides is the code of this module, file by file: each {@code
 * java} block is a whole source file of its main or test sources, which Maven compiles with javac
 * and {@link EclipseCompilationTest} with ECJ, so the documents cannot drift from code that
 * compiles.
 */
class DocumentedJavaTest {
  private static final Pattern PACKAGE = Pattern.compile("\\Apackage ([\\w.]+);");
  private static final Pattern TYPE = Pattern.compile("^public (?:final |abstract )?(?:class|interface) (\\w+)",
      Pattern.MULTILINE);

  @Test
  void everyJavaBlockIsASourceFileOfThisModule() throws IOException {
    Map<Path, List<String>> shown = new LinkedHashMap<>();
    for (Path document : Documents.all()) {
      for (Documents.Block block : Documents.blocks(Documents.read(document))) {
        if (!block.info().equals("java")) {
          continue;
        }
        String code = block.code();
        Matcher pkg = PACKAGE.matcher(code);
        Matcher type = TYPE.matcher(code);
        assertTrue(pkg.find() && type.find(), () -> "a java block of " + document + " is not a whole file:\n" + code);
        String path = pkg.group(1).replace('.', '/') + "/" + type.group(1) + ".java";
        Path main = Path.of("src", "main", "java", path);
        Path file = Files.exists(main) ? main : Path.of("src", "test", "java", path);
        assertEquals(Files.readString(file), code, document + "'s copy of " + file);
        shown.computeIfAbsent(document, d -> new ArrayList<>()).add(type.group(1));
      }
    }
    assertEquals(Map.of(
        Path.of("README.md"), List.of("Quickstart", "TutorialLinear"),
        Path.of("docs", "writing-modules.md"), List.of("TutorialEmbedding", "TutorialLinear", "TutorialNormal", "DDPM",
            "TutorialSimple", "TutorialVLB", "TutorialModel", "TrainTutorial")), shown);
  }
}
