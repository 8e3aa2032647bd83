package org.modulardiffusion.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/** The compilers that run the processor in the tests: javac, as in Maven and Gradle, and ECJ, as in Eclipse. */
enum Toolchain {
  JAVAC(List.of()) {
    @Override
    JavaCompiler tool() {
      return ToolProvider.getSystemJavaCompiler();
    }

    @Override
    Compiler compiler() {
      return Compiler.javac();
    }
  },
  ECJ(List.of("--release", "17")) {
    @Override
    JavaCompiler tool() {
      return new EclipseCompiler();
    }

    @Override
    Compiler compiler() {
      return Compiler.compiler(new EclipseCompilerOnDisk()).withOptions(options());
    }
  };

  private final List<String> options;

  Toolchain(List<String> options) {
    this.options = options;
  }

  /** The options every compilation with this compiler is given. */
  List<String> options() {
    return options;
  }

  /** The compiler itself, for compilations on files. */
  abstract JavaCompiler tool();

  /** The compiler for compile-testing, without the processor. */
  abstract Compiler compiler();

  /** Compiles {@code sources} with the processor. */
  Compilation compile(JavaFileObject... sources) {
    return compiler().withProcessors(new ModuleProcessor()).compile(sources);
  }
}
