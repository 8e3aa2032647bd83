package org.modulardiffusion.config.internal;

import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigNode;

/**
 * Where a binder finds the modules among its module's parameters: the installed modules, which
 * {@link org.modulardiffusion.config.ModuleRegistry} holds. Binders see only this of the
 * registry, so that the SPI does not depend on what uses it.
 */
public interface ModuleLookup {

  /**
   * Binds a module parameter: the module of {@code kind} named by {@code section}'s {@code type},
   * which must be a {@code type}.
   *
   * @param <T> the type the module must have
   * @param kind the module's kind
   * @param type the type the module must have
   * @param section the module's section
   * @return the module
   * @throws ConfigException when no such module is installed, or it is not a {@code type}
   */
  <T> T bind(ModuleKind kind, Class<T> type, ConfigNode section);
}
