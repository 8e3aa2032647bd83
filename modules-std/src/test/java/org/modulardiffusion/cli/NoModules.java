package org.modulardiffusion.cli;

import java.util.List;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleProvider;

/** A module provider without modules, for plugin jars that list a provider the class path has. */
public final class NoModules implements ModuleProvider {
  @Override
  public List<ModuleBinder<?>> binders() {
    return List.of();
  }
}
