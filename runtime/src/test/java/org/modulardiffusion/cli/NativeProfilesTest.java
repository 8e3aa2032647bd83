package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build picks DJL's CPU natives for the machine it runs on: the classifier that Maven's
 * profiles choose for an OS and architecture, asked of Maven itself (as on another machine, by
 * the JVM's os.name and os.arch; Windows by its profile's name), and the one this build chose
 * for this machine.
 */
class NativeProfilesTest {
  private static final Path ROOT = Path.of(System.getProperty("modulardiffusion.root"));

  @Test
  void thisBuildCarriesTheNativesOfThisMachine() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String expected = (os.contains("mac") ? "osx" : os.contains("windows") ? "win" : "linux") + "-"
        + (arch.equals("aarch64") ? "aarch64" : "x86_64");
    assertEquals(expected, System.getProperty("modulardiffusion.natives"));
  }

  @ParameterizedTest
  @CsvSource({
      "Linux, amd64, linux-x86_64",
      "Linux, aarch64, linux-aarch64",
      "Mac OS X, aarch64, osx-aarch64",
      "Windows 11, amd64, win-x86_64"})
  void mavenPicksTheNativesByOsAndArchitecture(String osName, String osArch, String classifier, @TempDir Path project)
      throws IOException, InterruptedException {
    // A module under the parent whose one resource is the classifier, filtered by Maven.
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.modulardiffusion</groupId>
            <artifactId>modular-diffusion-parent</artifactId>
            <version>0.1.0-SNAPSHOT</version>
            <relativePath>%s</relativePath>
          </parent>
          <artifactId>natives-probe</artifactId>
          <build>
            <resources><resource><directory>src</directory><filtering>true</filtering></resource></resources>
          </build>
        </project>
        """.formatted(ROOT.resolve("pom.xml")));
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/classifier.txt"), "${pytorch.native.classifier}");
    String maven = System.getProperty("modulardiffusion.maven");
    assertNotNull(maven, "Maven's home");
    List<String> command = new ArrayList<>(List.of(
        Path.of(maven, "bin", "mvn").toString(), "-B", "-o", "-q",
        "-Dmaven.repo.local=" + System.getProperty("modulardiffusion.repository"), "process-resources"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(project.toFile()).redirectErrorStream(true);
    if (osName.startsWith("Windows")) {
      // Maven's console library calls Windows itself when os.name says Windows: on this machine
      // the profile is named instead of activated.
      command.add("-P" + classifier);
    } else {
      // The java launcher reads JDK_JAVA_OPTIONS with its quotes (an OS name has spaces).
      builder.environment().put("JDK_JAVA_OPTIONS", "\"-Dos.name=" + osName + "\" -Dos.arch=" + osArch);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(2, TimeUnit.MINUTES);
    assertEquals(0, process.exitValue(), output);
    assertEquals(classifier, Files.readString(project.resolve("target/classes/classifier.txt")).strip());
  }
}
