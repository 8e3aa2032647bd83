package org.modulardiffusion.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleProvider;

/**
 * Finds the installed modules: those on the class path and those in the plugin jars given. A
 * file that is not a jar, or a jar that provides no modules, is ignored with a warning; a jar
 * whose modules cannot be loaded or listed is refused, naming it and what is wrong.
 */
final class Plugins {
  private static final String SERVICES = "META-INF/services/" + ModuleProvider.class.getName();

  private Plugins() {}

  /**
   * The registry of every module on the class path and, when {@code folder} is not null, in the
   * jars it holds; with {@code skipBroken}, a jar whose modules cannot be loaded is left out.
   */
  static ModuleRegistry registry(Path folder, boolean skipBroken) throws IOException {
    ClassLoader loader = Diffusion.class.getClassLoader();
    if (folder != null) {
      loader = new URLClassLoader(jars(folder, loader, skipBroken), loader);
      Thread.currentThread().setContextClassLoader(loader);
    }
    return ModuleRegistry.load(loader);
  }

  private static URL[] jars(Path folder, ClassLoader parent, boolean skipBroken) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException("--plugins " + folder + ": no such folder");
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        if (providesModules(jar) && loads(jar, parent, skipBroken)) {
          urls.add(url(jar));
        }
      }
    }
    if (urls.isEmpty()) {
      throw new NoSuchFileException("--plugins " + folder + ": the folder holds no jar of modules");
    }
    return urls.toArray(URL[]::new);
  }

  /** Whether {@code jar} is a jar that lists module providers; warns when it is not. */
  private static boolean providesModules(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getEntry(SERVICES) != null) {
        return true;
      }
      System.err.println("warning: --plugins: " + jar + " provides no modules (it has no " + SERVICES + "); ignored");
    } catch (IOException e) {
      System.err.println("warning: --plugins: " + jar + " is not a jar file"
          + (jar.toFile().length() == 0 ? " (it is empty)" : "") + "; ignored");
    }
    return false;
  }

  /**
   * Whether every module provider of {@code jar} loads and lists its modules, tried on its own so
   * that an error names the jar; a jar that does not is refused, or with {@code skipBroken} left
   * out with a warning.
   */
  private static boolean loads(Path jar, ClassLoader parent, boolean skipBroken) throws IOException {
    try (URLClassLoader alone = new URLClassLoader(new URL[] {url(jar)}, parent)) {
      Iterator<ModuleProvider> providers = ServiceLoader.load(ModuleProvider.class, alone).iterator();
      while (providers.hasNext()) {
        describe(providers.next()); // loads, instantiates and asks a provider: where a broken one fails
      }
      return true;
    } catch (ServiceConfigurationError | LinkageError e) {
      Throwable cause = e.getCause();
      String problem = "--plugins: " + jar + " cannot be loaded: "
          + e.getMessage().replace(ModuleProvider.class.getName() + ": ", "") + (cause != null ? " (" + cause + ")" : "");
      if (!skipBroken) {
        throw new IllegalArgumentException(problem + "; fix the jar, remove it from the folder or add"
            + " --skip-broken-plugins to go on without it");
      }
      System.err.println("warning: " + problem + "; left out (--skip-broken-plugins)");
      return false;
    }
  }

  /**
   * Asks {@code provider} for its modules and what each is, as the registry will; a failure, the
   * plugin's code throwing, is told as {@link ServiceLoader} tells a provider that fails to load.
   */
  private static void describe(ModuleProvider provider) {
    String step = "list its modules";
    try {
      for (ModuleBinder<?> binder : provider.binders()) {
        step = "describe its module " + binder.getClass().getName();
        binder.descriptor();
      }
    } catch (RuntimeException e) {
      throw new ServiceConfigurationError("Provider " + provider.getClass().getName() + " could not " + step, e);
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("--plugins: cannot read " + jar, e);
    }
  }
}
