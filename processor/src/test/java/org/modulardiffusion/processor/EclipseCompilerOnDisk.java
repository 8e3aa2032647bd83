package org.modulardiffusion.processor;

import com.google.testing.compile.ForwardingStandardJavaFileManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import java.io.InputStream;
import java.nio.charset.Charset;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * ECJ for compile-testing. ECJ reads every source it compiles from a file, the processor's
 * generated sources too, while compile-testing keeps them in memory: this compiler also writes
 * each generated source to a directory of its own, where ECJ finds it.
 */
final class EclipseCompilerOnDisk implements JavaCompiler {
  private final EclipseCompiler ecj = new EclipseCompiler();

  @Override
  public CompilationTask getTask(Writer out, JavaFileManager fileManager, DiagnosticListener<? super JavaFileObject> listener,
      Iterable<String> options, Iterable<String> classes, Iterable<? extends JavaFileObject> units) {
    try {
      Path generated = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ecj-generated");
      return ecj.getTask(out == null ? Writer.nullWriter() : out, new OnDisk((StandardJavaFileManager) fileManager, generated), listener, options, classes, units);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public StandardJavaFileManager getStandardFileManager(DiagnosticListener<? super JavaFileObject> listener, Locale locale,
      Charset charset) {
    return ecj.getStandardFileManager(listener, locale, charset);
  }

  @Override
  public int isSupportedOption(String option) {
    return ecj.isSupportedOption(option);
  }

  @Override
  public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
    return ecj.run(in, out, err, arguments);
  }

  @Override
  public Set<SourceVersion> getSourceVersions() {
    return ecj.getSourceVersions();
  }

  /** Hands out generated sources that are kept in memory and written to {@code directory} as well. */
  private static final class OnDisk extends ForwardingStandardJavaFileManager {
    private final Path directory;

    OnDisk(StandardJavaFileManager memory, Path directory) {
      super(memory);
      this.directory = directory;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) throws IOException {
      JavaFileObject memory = super.getJavaFileForOutput(location, className, kind, sibling);
      if (location != StandardLocation.SOURCE_OUTPUT) {
        return memory;
      }
      Path file = directory.resolve(className.replace('.', '/') + kind.extension);
      return new ForwardingJavaFileObject<>(memory) {
        @Override
        public URI toUri() {
          return file.toUri();
        }

        @Override
        public String getName() {
          return file.toString();
        }

        @Override
        public OutputStream openOutputStream() throws IOException {
          OutputStream inMemory = super.openOutputStream();
          return new ByteArrayOutputStream() {
            @Override
            public void close() throws IOException {
              inMemory.write(toByteArray());
              inMemory.close();
              Files.createDirectories(file.getParent());
              Files.write(file, toByteArray());
            }
          };
        }

        @Override
        public Writer openWriter() throws IOException {
          return new OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8);
        }
      };
    }
  }
}
