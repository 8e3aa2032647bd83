package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.processor.ModuleProcessor;

/**
 * The plugin's sources, tutorial modules and model spec, and the programs of the README and the
 * guides that use them, compiled with the processor by ECJ, as Eclipse compiles them; Maven
 * compiles them with javac.
 */
class EclipseCompilationTest {

  @Test
  void pluginAndReadmeProgramsCompileUnderEcj(@TempDir Path out) throws IOException {
    List<File> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).collect(Collectors.toList());
    }
    for (String program : List.of("Quickstart", "TrainTutorial")) {
      sources.add(Path.of("src", "test", "java", "org", "modulardiffusion", "sample", program + ".java").toFile());
    }
    // Surefire's own class path, without the plugin's classes: ECJ generates no type that exists.
    List<File> classPath = Stream.of(System.getProperty("surefire.test.class.path").split(File.pathSeparator))
        .map(File::new)
        .filter(entry -> !entry.getAbsoluteFile().equals(new File("target", "classes").getAbsoluteFile()))
        .collect(Collectors.toList());
    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_PATH, classPath);
      JavaCompiler.CompilationTask task = ecj.getTask(Writer.nullWriter(), files, diagnostics,
          List.of("--release", "17", "-warn:none", "-d", out.resolve("classes").toString(),
              "-s", out.resolve("generated").toString(),
              "-Amodulardiffusion.provider=org.modulardiffusion.sample.SampleModuleProvider"),
          null, files.getJavaFileObjectsFromFiles(sources));
      task.setProcessors(List.of(new ModuleProcessor()));
      task.call();
    }
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    assertEquals(List.of(), errors);
    assertTrue(Files.isRegularFile(out.resolve("generated/org/modulardiffusion/sample/TutorialModelFactory.java")));
    assertTrue(Files.isRegularFile(out.resolve("classes/org/modulardiffusion/sample/TutorialVLB_Binder.class")));
    assertEquals("org.modulardiffusion.sample.SampleModuleProvider\n", Files.readString(
        out.resolve("classes/META-INF/services/org.modulardiffusion.config.internal.ModuleProvider")));
  }
}
