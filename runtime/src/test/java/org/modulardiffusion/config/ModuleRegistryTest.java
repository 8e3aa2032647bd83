package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ModuleLookup;
import org.modulardiffusion.config.internal.ModuleProvider;

/** The registry refuses what would make modules vanish: a provider listed twice, a name given twice. */
class ModuleRegistryTest {

  private static Path listing(Path folder, String... providers) throws IOException {
    Path file = folder.resolve("META-INF/services/org.modulardiffusion.config.internal.ModuleProvider");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# generated\n" + String.join("\n", providers) + "\n");
    return folder;
  }

  @Test
  void providerListedByTwoPlacesIsRefused(@TempDir Path temp) throws IOException {
    Path first = listing(temp.resolve("first"), "test.GeneratedModuleProvider");
    Path second = listing(temp.resolve("second"), "other.Provider", "test.GeneratedModuleProvider  # again");
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {first.toUri().toURL(), second.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModuleRegistry.load(loader));
      assertEquals("module provider test.GeneratedModuleProvider is listed by both " + first + "/ and " + second
          + "/, and only the first one's modules would be loaded; build one of them again with this version's"
          + " processor, which names each provider after its modules, or give it another name with"
          + " -Amodulardiffusion.provider=…", e.getMessage());
    }
  }

  @Test
  void moduleNamedTwiceIsRefused() {
    ModuleProvider first = () -> List.of(binder(String.class));
    ModuleProvider second = () -> List.of(binder(Integer.class));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModuleRegistry.of(List.of(first, second)));
    assertEquals("schedule sigmoid is provided twice, by java.lang.String and java.lang.Integer; give one of them"
        + " another name", e.getMessage());
  }

  private static ModuleBinder<Object> binder(Class<?> type) {
    ModuleDescriptor descriptor =
        new ModuleDescriptor(ModuleKind.SCHEDULE, "sigmoid", type, "", List.of(), null, false, "", "");
    return new ModuleBinder<>() {
      @Override
      public ModuleDescriptor descriptor() {
        return descriptor;
      }

      @Override
      public Object bind(ConfigNode section, ModuleLookup registry) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
