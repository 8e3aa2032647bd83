package org.modulardiffusion.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.modulardiffusion.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code diffusion schema}: prints the JSON Schema of a config of the installed modules. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Prints the JSON Schema of a config of the installed modules (with --plugins, theirs too), for"
        + " editors that complete and check YAML keys.")
final class SchemaCommand implements Callable<Integer> {
  @ParentCommand Diffusion parent;

  @Override
  public Integer call() throws IOException {
    System.out.print(ConfigSchema.of(parent.registry()));
    return 0;
  }
}
