package org.modulardiffusion.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.modulardiffusion.config.ModuleRegistry;

/** Finds the installed modules: those on the class path and those in the plugin jars given. */
final class Plugins {
  private Plugins() {}

  /**
   * The registry of every module on the class path and, when {@code folder} is not null, in the
   * jars it holds.
   */
  static ModuleRegistry registry(Path folder) throws IOException {
    ClassLoader loader = Diffusion.class.getClassLoader();
    if (folder != null) {
      loader = new URLClassLoader(jars(folder), loader);
      Thread.currentThread().setContextClassLoader(loader);
    }
    return ModuleRegistry.load(loader);
  }

  private static URL[] jars(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException("--plugins " + folder + ": no such folder");
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(url(jar));
      }
    }
    if (urls.isEmpty()) {
      throw new NoSuchFileException("--plugins " + folder + ": the folder holds no .jar file");
    }
    return urls.toArray(URL[]::new);
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("--plugins: cannot read " + jar, e);
    }
  }
}
