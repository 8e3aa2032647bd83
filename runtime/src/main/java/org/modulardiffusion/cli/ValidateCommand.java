package org.modulardiffusion.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ParameterDescriptor;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code diffusion validate}: assembles a config's model, runs one training step on its first
 * batch without updating it, and prints a summary, so that mistakes show before any training.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a config: assembles the model, runs one batch through it, prints a summary.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Diffusion parent;

  @Option(names = "--config", paramLabel = "FILE", required = true, description = "The YAML config to check.")
  Path config;

  @Override
  public Integer call() throws Exception {
    RunConfig run = RunConfig.read(config);
    ModuleRegistry registry = parent.registry();
    ConfigNode node = run.node();
    try (Model<?> model = new ModelAssembler(registry).assemble(node)) {
      Training.of(node.section("train")).loop(model).progress(TrainingListener.none()).build().check();
      System.out.println(config + ": ok");
      for (ModuleKind kind : ModuleKind.values()) {
        String line = summary(registry, node, kind);
        if (line != null) {
          System.out.println("  " + line);
        }
      }
      System.out.printf(
          "  %d examples of shape %s, encoded %s; the net and data transform train %,d parameters%n",
          model.dataset().size(), model.exampleShape(), model.dataShape(), model.parameterCount());
    }
    return 0;
  }

  /**
   * One slot: its module and every parameter's value, given or default; a hybrid loss as the
   * weighted sum of its terms, e.g. {@code loss: simple (…) + 0.001 × vlb}.
   */
  private static String summary(ModuleRegistry registry, ConfigNode config, ModuleKind kind) {
    if (kind.presence() == ModuleKind.Presence.NONE) {
      return null;
    }
    ConfigNode section = config.section(kind.key());
    if (section.isList()) {
      List<String> terms = new ArrayList<>();
      for (ConfigNode term : section.asList(term -> term)) {
        String weight = term.has("weight") ? term.get("weight").text() + " × " : "";
        terms.add(weight + module(registry, kind, term.without("weight"), term.get("type").asString()));
      }
      return kind.key() + ": " + String.join(" + ", terms);
    }
    String name =
        section.isMap() && section.has("type") ? section.get("type").asString() : kind.defaultModule();
    return kind.key() + ": " + (name.isEmpty() ? "none" : module(registry, kind, section, name));
  }

  /** A module by its name and every parameter's value, given in {@code section} or default. */
  private static String module(ModuleRegistry registry, ModuleKind kind, ConfigNode section, String name) {
    ModuleDescriptor module = registry.binder(kind, name, section.path()).descriptor();
    StringBuilder line = new StringBuilder(module.name());
    String separator = " (";
    for (ParameterDescriptor parameter : module.parameters()) {
      String value = section.has(parameter.name()) ? section.get(parameter.name()).text() : parameter.defaultValue();
      line.append(separator).append(parameter.name()).append(": ").append(value);
      separator = ", ";
    }
    return module.parameters().isEmpty() ? line.toString() : line.append(')').toString();
  }
}
