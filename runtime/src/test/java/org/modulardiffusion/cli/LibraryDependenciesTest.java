package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a program that uses the runtime as a library gets on its class path (the runtime's
 * dependencies, as Maven resolves them into {@code target/library-classpath.txt}): slf4j's API,
 * and no binding, so that the program chooses where log messages go.
 */
class LibraryDependenciesTest {

  @Test
  void theRuntimeCarriesSlf4jsApiButNoBinding() throws IOException {
    String classPath = Files.readString(Path.of("target/library-classpath.txt")).strip();
    List<Path> jars = Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(Path::of).toList();
    assertTrue(jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("slf4j-api-")), classPath);
    // An slf4j 2 binding is a jar that declares an SLF4JServiceProvider.
    List<Path> bindings = jars.stream().filter(LibraryDependenciesTest::declaresAnSlf4jProvider).toList();
    assertEquals(List.of(), bindings);
  }

  private static boolean declaresAnSlf4jProvider(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") != null;
    } catch (IOException e) {
      throw new AssertionError("cannot read " + jar, e);
    }
  }
}
