package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java is the code of this module, file by file: each {@code java} block is a
 * whole source file of its main or test sources, which Maven compiles with javac and
 * {@link EclipseCompilationTest} with ECJ, so the README cannot drift from code that compiles.
 */
class ReadmeTest {
  private static final Pattern BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("\\Apackage ([\\w.]+);");
  private static final Pattern TYPE = Pattern.compile("^public (?:final |abstract )?(?:class|interface) (\\w+)",
      Pattern.MULTILINE);

  @Test
  void everyJavaBlockIsASourceFileOfThisModule() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = BLOCK.matcher(readme);
    List<String> files = new ArrayList<>();
    while (block.find()) {
      String code = block.group(1);
      Matcher pkg = PACKAGE.matcher(code);
      Matcher type = TYPE.matcher(code);
      assertTrue(pkg.find() && type.find(), () -> "a java block of the README is not a whole file:\n" + code);
      String path = pkg.group(1).replace('.', '/') + "/" + type.group(1) + ".java";
      Path main = Path.of("src", "main", "java", path);
      Path file = Files.exists(main) ? main : Path.of("src", "test", "java", path);
      assertEquals(Files.readString(file), code, "the README's copy of " + file);
      files.add(type.group(1));
    }
    assertEquals(List.of("Quickstart", "TutorialEmbedding", "TutorialLinear", "TutorialNormal", "DDPM",
        "TutorialSimple", "TutorialVLB", "TutorialModel", "TrainTutorial"), files);
  }
}
