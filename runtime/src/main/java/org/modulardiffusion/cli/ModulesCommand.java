package org.modulardiffusion.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.ModuleDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code diffusion modules}: lists the installed modules with their parameters. */
@Command(
    name = "modules",
    mixinStandardHelpOptions = true,
    description = "Lists every installed module (plugins included) with its parameters, types, defaults and docs.")
final class ModulesCommand implements Callable<Integer> {
  @ParentCommand Diffusion parent;

  @Parameters(
      arity = "0..1",
      paramLabel = "KIND",
      description = "Only modules of this kind: data, schedule, noise, net, loss, guidance, time, sampler, dataset.")
  String kind;

  @Override
  public Integer call() throws Exception {
    ModuleKind only = kind == null ? null : parse(kind);
    for (ModuleDescriptor module : Plugins.registry(parent.plugins).descriptors()) {
      if (only == null || module.kind() == only) {
        System.out.println(module.describe());
        System.out.println();
      }
    }
    return 0;
  }

  private static ModuleKind parse(String kind) {
    try {
      return ModuleKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown kind \"" + kind + "\"; one of "
              + Arrays.stream(ModuleKind.values()).map(ModuleKind::key).toList(), e);
    }
  }
}
