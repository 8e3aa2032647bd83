package org.modulardiffusion.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ModuleLookup;
import org.modulardiffusion.config.internal.ModuleProvider;

/**
 * The installed modules by kind and name, from every {@link ModuleProvider} found. Users load it
 * and pass it to a generated factory or a {@link ModelAssembler}; its binders and descriptors,
 * types of {@code config.internal}, serve generated code and the command line, and binders bind
 * the modules among their parameters through it, as a {@link ModuleLookup}.
 */
public final class ModuleRegistry implements ModuleLookup {
  private final Map<ModuleKind, TreeMap<String, ModuleBinder<?>>> binders = new EnumMap<>(ModuleKind.class);

  private ModuleRegistry(Iterable<? extends ModuleProvider> providers) {
    for (ModuleProvider provider : providers) {
      for (ModuleBinder<?> binder : provider.binders()) {
        ModuleDescriptor module = binder.descriptor();
        ModuleBinder<?> other =
            binders.computeIfAbsent(module.kind(), kind -> new TreeMap<>()).putIfAbsent(module.name(), binder);
        if (other != null) {
          throw new IllegalStateException(module.kind().key() + " " + module.name() + " is provided twice, by "
              + other.descriptor().type().getName() + " and " + module.type().getName() + "; give one of them another name");
        }
      }
    }
  }

  /**
   * The modules of every provider that {@code loader} sees through {@link ServiceLoader}: the
   * class path, and plugin jars when {@code loader} reaches them.
   *
   * @param loader the class loader to search
   * @return the registry
   * @throws IllegalStateException when two modules of one kind have the same name, or two jars
   *     list a provider of the same name
   */
  public static ModuleRegistry load(ClassLoader loader) {
    ProviderFiles.requireDistinct(loader);
    return new ModuleRegistry(ServiceLoader.load(ModuleProvider.class, loader));
  }

  /**
   * The modules of the given providers only.
   *
   * @param providers the providers
   * @return the registry
   */
  public static ModuleRegistry of(List<? extends ModuleProvider> providers) {
    return new ModuleRegistry(providers);
  }

  /**
   * Every installed module, by kind, then name.
   *
   * @return the descriptors
   */
  public List<ModuleDescriptor> descriptors() {
    List<ModuleDescriptor> all = new ArrayList<>();
    binders.values().forEach(byName -> byName.values().forEach(binder -> all.add(binder.descriptor())));
    return all;
  }

  /**
   * The binder of the {@code kind} module called {@code name}.
   *
   * @param path where the name was given, for the error
   * @param kind the module's kind
   * @param name the module's name in a config
   * @return the binder
   * @throws ConfigException when there is none, listing those installed
   */
  public ModuleBinder<?> binder(ModuleKind kind, String name, String path) {
    Map<String, ModuleBinder<?>> byName = binders.getOrDefault(kind, new TreeMap<>());
    ModuleBinder<?> binder = byName.get(name);
    if (binder == null) {
      throw new ConfigException(
          path, "unknown " + kind.key() + " \"" + name + "\"; installed: " + byName.keySet());
    }
    return binder;
  }

  @Override
  public <T> T bind(ModuleKind kind, Class<T> type, ConfigNode section) {
    ConfigNode name = section.get("type");
    ModuleBinder<?> binder = binder(kind, name.asString(), name.path());
    if (!type.isAssignableFrom(binder.descriptor().type())) {
      throw new ConfigException(name.path(), "expected a " + type.getSimpleName() + ", got "
          + name.asString() + " (" + binder.descriptor().type().getSimpleName() + ")");
    }
    return type.cast(binder.bind(section, this));
  }
}
