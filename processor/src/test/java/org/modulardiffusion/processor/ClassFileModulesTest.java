package org.modulardiffusion.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A module that the processor reads from a class file, as Gradle's incremental builds and
 * multi-module builds hand it over: its parameter names are there only when it was compiled
 * with {@code -parameters}.
 */
@ParameterizedClass
@EnumSource(Toolchain.class)
class ClassFileModulesTest {
  @Parameter Toolchain toolchain;
  @TempDir Path folder;

  /** Compiles {@code test.Stepped} with javac and no processor, then processes its class file. */
  private List<Diagnostic<? extends JavaFileObject>> process(String... javacOptions) throws IOException {
    Path classes = Files.createDirectories(folder.resolve("classes"));
    JavaFileObject source = Sources.schedule("Stepped", "@ScheduleModule",
        "  public Stepped(@Param(min = 1) int steps, float start) { super(steps); }");
    List<String> options = new ArrayList<>(List.of("-proc:none", "-d", classes.toString()));
    options.addAll(List.of(javacOptions));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac.getTask(null, null, null, options, null, List.of(source)).call());

    List<File> classPath = new ArrayList<>(List.of(classes.toFile()));
    for (String entry : System.getProperty("surefire.test.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }
    JavaCompiler compiler = toolchain.tool();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_PATH, classPath);
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(Files.createDirectories(folder.resolve("out")).toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(Files.createDirectories(folder.resolve("gen")).toFile()));
      JavaCompiler.CompilationTask task =
          compiler.getTask(Writer.nullWriter(), files, diagnostics, toolchain.options(), List.of("test.Stepped"), null);
      task.setProcessors(List.of(new ModuleProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics();
  }

  private static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT))
        .toList();
  }

  @Test
  void moduleCompiledWithoutParameterNamesIsRefusedWithWhatToDo() throws IOException {
    assertEquals(List.of("the constructor parameters of test.Stepped have no names, only [arg0, arg1], so a config"
        + " cannot give them: it was read from a class file compiled without -parameters; compile it with -parameters"
        + " (Maven: <parameters>true</parameters> in maven-compiler-plugin's configuration; Gradle:"
        + " options.compilerArgs.add(\"-parameters\"))"), errors(process()));
    assertTrue(Files.notExists(folder.resolve("gen/test/Stepped_Binder.java")));
  }

  @Test
  void moduleCompiledWithParameterNamesBindsThem() throws IOException {
    // ECJ 3.39 gives a class file's constructor parameters as arg0, arg1 even when it holds their
    // names (and fails on its local variable table with -g): under ECJ a module read from a class
    // file is refused, as above. Builds that process class files (Gradle's incremental
    // processing) run javac.
    assumeTrue(toolchain == Toolchain.JAVAC);
    assertEquals(List.of(), errors(process("-parameters")));
    String binder = Files.readString(folder.resolve("gen/test/Stepped_Binder.java"));
    assertTrue(binder.contains("List.of(\"type\", \"steps\", \"start\")"), binder);
  }
}
