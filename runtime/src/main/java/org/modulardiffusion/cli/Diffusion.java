package org.modulardiffusion.cli;

import org.modulardiffusion.config.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;

/**
 * The {@code diffusion} command: train, sample, validate, list modules, benchmark, evaluate, check
 * the setup, print the config's JSON Schema, and help on each.
 */
@Command(
    name = "diffusion",
    mixinStandardHelpOptions = true,
    version = "Modular Diffusion for Java 0.1.0",
    description = "Builds, trains and samples diffusion models assembled from modules.",
    subcommands = {
      TrainCommand.class,
      SampleCommand.class,
      ValidateCommand.class,
      ModulesCommand.class,
      BenchCommand.class,
      EvalCommand.class,
      DoctorCommand.class,
      SchemaCommand.class,
      HelpCommand.class
    })
public final class Diffusion {

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "A folder of plugin jars whose modules are added to the installed ones.")
  Path plugins;

  @Option(
      names = "--skip-broken-plugins",
      scope = ScopeType.INHERIT,
      description = "Goes on without a plugin jar whose modules cannot be loaded, with a warning, instead of stopping.")
  boolean skipBrokenPlugins;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Prints DJL's and the runtime's log messages (by default only their errors).")
  boolean verbose;

  /** The installed modules and those of the plugin jars the options name. */
  ModuleRegistry registry() throws IOException {
    return Plugins.registry(plugins, skipBrokenPlugins);
  }

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit status: 0 on success.
   *
   * @param args the arguments
   * @return the exit status: 0 on success, 2 for bad input, 1 for another failure
   */
  public static int run(String... args) {
    return commandLine()
        .setExecutionExceptionHandler(new ErrorHandler())
        .setExecutionStrategy(Diffusion::execute)
        .execute(args);
  }

  /** The command line's commands and options, with the help command in this program's words. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Diffusion());
    commandLine.getSubcommands().get("help").getCommandSpec().usageMessage()
        .description("Prints the help of a command, or of diffusion when none is named.");
    return commandLine;
  }

  /** Sets up the log as the command line asks, then runs the command named last. */
  private static int execute(ParseResult parsed) {
    boolean verbose = false;
    for (ParseResult command = parsed; command != null; command = command.subcommand()) {
      verbose |= command.hasMatchedOption("--verbose");
    }
    Logging.configure(verbose, System.err);
    return new RunLast().execute(parsed);
  }
}
