package org.modulardiffusion.config.internal;

import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigNode;

/**
 * Builds one module class from a config section; generated as {@code Foo_Binder} for every
 * module {@code Foo} by the processor.
 *
 * @param <T> the module class
 */
public interface ModuleBinder<T> {

  /**
   * What the module is and which parameters it takes.
   *
   * @return the descriptor
   */
  ModuleDescriptor descriptor();

  /**
   * Builds the module from {@code section}, whose keys are its parameters (and {@code type}).
   * Modules among the parameters are found in {@code registry}.
   *
   * @param section the module's section
   * @param registry where modules among the parameters are found
   * @return the module
   * @throws ConfigException naming the path of a missing, unknown or invalid value
   */
  T bind(ConfigNode section, ModuleLookup registry);
}
