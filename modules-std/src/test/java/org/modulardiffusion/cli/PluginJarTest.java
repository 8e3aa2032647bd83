package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ModuleLookup;
import org.modulardiffusion.config.internal.ModuleProvider;

/** Plugin jars that are junk or broken: warned about and ignored, or refused naming the jar. */
class PluginJarTest {
  private static final String SERVICES = "META-INF/services/org.modulardiffusion.config.internal.ModuleProvider";
  private static final String WAY_OUT =
      "; fix the jar, remove it from the folder or add --skip-broken-plugins to go on without it\n";

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  /** A provider whose constructor fails, as a plugin's may. */
  public static final class Throwing implements ModuleProvider {
    /** Fails. */
    public Throwing() {
      throw new IllegalStateException("no licence file");
    }

    @Override
    public List<ModuleBinder<?>> binders() {
      return List.of();
    }
  }

  /** A provider that fails when asked for its modules. */
  public static final class ThrowingBinders implements ModuleProvider {
    @Override
    public List<ModuleBinder<?>> binders() {
      throw new RuntimeException("boom from a plugin");
    }
  }

  /** A provider of one module whose binder fails when asked what the module is. */
  public static final class ThrowingDescriptor implements ModuleProvider {
    @Override
    public List<ModuleBinder<?>> binders() {
      return List.of(new Undescribed());
    }
  }

  /** A binder that cannot say what its module is. */
  public static final class Undescribed implements ModuleBinder<Object> {
    @Override
    public ModuleDescriptor descriptor() {
      throw new IllegalStateException("no descriptor today");
    }

    @Override
    public Object bind(ConfigNode section, ModuleLookup registry) {
      throw new UnsupportedOperationException();
    }
  }

  private Path jar(String name, String services) throws IOException {
    Path jar = folder.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(services == null ? "README" : SERVICES));
      out.write((services == null ? "nothing here" : services).getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  @Test
  void junkZeroByteAndEmptyJarsAreIgnoredWithAWarning() throws IOException {
    Path empty = Files.write(folder.resolve("a-empty.jar"), new byte[0]);
    Path junk = Files.writeString(folder.resolve("b-junk.jar"), "this is not a zip file");
    Path none = jar("c-none.jar", null);
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    assertEquals(
        "warning: --plugins: " + empty + " is not a jar file (it is empty); ignored\n"
            + "warning: --plugins: " + junk + " is not a jar file; ignored\n"
            + "warning: --plugins: " + none + " provides no modules (it has no " + SERVICES + "); ignored\n"
            + "error: --plugins " + folder + ": the folder holds no jar of modules\n",
        diffusion.stderr());
  }

  @Test
  void aJarNamingAMissingProviderIsRefusedNamingIt() throws IOException {
    Path jar = jar("missing.jar", "com.example.Missing\n");
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    assertEquals("error: --plugins: " + jar + " cannot be loaded: Provider com.example.Missing not found" + WAY_OUT,
        diffusion.stderr());
  }

  @Test
  void aBrokenJarIsLeftOutWithAWarningWhenTheUserAsksForIt() throws IOException {
    Path broken = jar("a-missing.jar", "com.example.Missing\n");
    jar("b-good.jar", NoModules.class.getName() + "\n");
    assertEquals(0, diffusion.run("--skip-broken-plugins", "--plugins", folder.toString(), "modules", "noise"),
        diffusion.stderr());
    assertEquals("warning: --plugins: " + broken + " cannot be loaded: Provider com.example.Missing not found; left"
        + " out (--skip-broken-plugins)\n", diffusion.stderr());
  }

  @Test
  void aJarWithABadServicesFileIsRefusedNamingIt() throws IOException {
    Path jar = jar("syntax.jar", "com.example.Two Names\n");
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    String err = diffusion.stderr();
    assertEquals(1, err.lines().count(), err);
    assertEquals(true, err.startsWith("error: --plugins: " + jar + " cannot be loaded: "), err);
    assertEquals(true, err.contains("Illegal configuration-file syntax"), err);
  }

  @Test
  void aProviderThatThrowsIsRefusedNamingTheJarAndTheCause() throws IOException {
    Path jar = jar("throws.jar", Throwing.class.getName() + "\n");
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    assertEquals("error: --plugins: " + jar + " cannot be loaded: Provider " + Throwing.class.getName()
        + " could not be instantiated (java.lang.IllegalStateException: no licence file)" + WAY_OUT, diffusion.stderr());
  }

  @Test
  void aProviderThatThrowsWhenAskedForItsModulesIsRefusedNamingTheJarAndTheCause() throws IOException {
    Path jar = jar("boom.jar", ThrowingBinders.class.getName() + "\n");
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    assertEquals("error: --plugins: " + jar + " cannot be loaded: Provider " + ThrowingBinders.class.getName()
        + " could not list its modules (java.lang.RuntimeException: boom from a plugin)" + WAY_OUT, diffusion.stderr());
  }

  @Test
  void aBinderThatThrowsWhenAskedForItsDescriptorIsRefusedNamingTheJarAndTheCause() throws IOException {
    Path jar = jar("undescribed.jar", ThrowingDescriptor.class.getName() + "\n");
    assertEquals(2, diffusion.run("--plugins", folder.toString(), "modules"));
    assertEquals("error: --plugins: " + jar + " cannot be loaded: Provider " + ThrowingDescriptor.class.getName()
        + " could not describe its module " + Undescribed.class.getName()
        + " (java.lang.IllegalStateException: no descriptor today)" + WAY_OUT, diffusion.stderr());
  }

  @Test
  void aProviderThatThrowsIsLeftOutWithAWarningWhenTheUserAsksForIt() throws IOException {
    Path broken = jar("a-boom.jar", ThrowingBinders.class.getName() + "\n");
    jar("b-good.jar", NoModules.class.getName() + "\n");
    assertEquals(0, diffusion.run("--skip-broken-plugins", "--plugins", folder.toString(), "modules", "noise"),
        diffusion.stderr());
    assertEquals("warning: --plugins: " + broken + " cannot be loaded: Provider " + ThrowingBinders.class.getName()
        + " could not list its modules (java.lang.RuntimeException: boom from a plugin); left out"
        + " (--skip-broken-plugins)\n", diffusion.stderr());
  }
}
