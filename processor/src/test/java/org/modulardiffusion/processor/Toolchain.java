package org.modulardiffusion.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.List;
import javax.tools.JavaFileObject;

/** The compilers that run the processor in the tests: javac, as in Maven and Gradle, and ECJ, as in Eclipse. */
enum Toolchain {
  JAVAC {
    @Override
    Compiler compiler() {
      return Compiler.javac();
    }
  },
  ECJ {
    @Override
    Compiler compiler() {
      return Compiler.compiler(new EclipseCompilerOnDisk()).withOptions(List.of("--release", "17", "-warn:none"));
    }
  };

  /** The compiler, without the processor. */
  abstract Compiler compiler();

  /** Compiles {@code sources} with the processor. */
  Compilation compile(JavaFileObject... sources) {
    return compiler().withProcessors(new ModuleProcessor()).compile(sources);
  }
}
