package org.modulardiffusion.config.internal;

import java.util.List;

/**
 * The modules of one compilation, found through {@link java.util.ServiceLoader}; the processor
 * generates one implementation per compilation and lists it in {@code META-INF/services}.
 */
public interface ModuleProvider {

  /**
   * The binders of the compilation's modules, sorted by kind and name.
   *
   * @return the binders
   */
  List<ModuleBinder<?>> binders();
}
