package org.modulardiffusion.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ParameterDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

  @Option(names = "--markdown", description = "Print a Markdown reference of the YAML keys instead.")
  boolean markdown;

  @Override
  public Integer call() throws Exception {
    ModuleKind only = kind == null ? null : parse(kind);
    for (ModuleDescriptor module : parent.registry().descriptors()) {
      if (only == null || module.kind() == only) {
        System.out.println(markdown ? markdown(module) : module.describe() + "\n");
      }
    }
    return 0;
  }

  /** A section for the YAML reference: the module and a table of its keys. */
  private static String markdown(ModuleDescriptor module) {
    StringBuilder text = new StringBuilder()
        .append("### ").append(module.kind().key()).append(": `").append(module.name()).append("`\n\n");
    if (!module.description().isEmpty()) {
      text.append(module.description()).append("\n\n");
    }
    if (module.parameters().isEmpty()) {
      return text.append("No parameters.\n").toString();
    }
    text.append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
    for (ParameterDescriptor parameter : module.parameters()) {
      String allowed = parameter.oneOf().isEmpty() ? parameter.range() : String.join(", ", parameter.oneOf());
      text.append("| `").append(parameter.name()).append("` | ").append(parameter.type()).append(" | ")
          .append(parameter.required() ? "required" : "`" + parameter.defaultValue() + "`").append(" | ")
          .append(allowed).append(" | ").append(parameter.description()).append(" |\n");
    }
    return text.toString();
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
