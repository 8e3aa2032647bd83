package org.modulardiffusion.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modulardiffusion.distributed.WorkerEnvironment;
import org.modulardiffusion.distributed.WorkerGroup;
import org.modulardiffusion.train.Workers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The option {@code --workers N} of a command that can share its work among workers: N
 * processes of this machine that it starts, or the one the environment names when {@code
 * torchrun} or its kind started this process.
 */
final class WorkersOption {
  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Runs as N worker processes on this machine that share the work, each with its share of the"
          + " CPU's cores; workers started by torchrun and its kind need no option (README, \"Training on several"
          + " workers\").")
  Integer count;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** Where this process stands in a job of several workers, when the environment names one. */
  Optional<WorkerEnvironment> place() {
    return WorkerEnvironment.of(System.getenv());
  }

  /**
   * Starts the workers that {@code --workers} asks for, when it asks for more than one, and
   * returns the status they end with; empty when the command is to run in this process.
   *
   * @throws IllegalArgumentException when N is below 1, or this process is a worker already
   */
  Optional<Integer> launch() throws InterruptedException {
    if (count == null) {
      return Optional.empty();
    }
    if (count < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + count);
    }
    Optional<WorkerEnvironment> place = place();
    if (place.isPresent()) {
      throw new IllegalArgumentException("--workers: this process is a worker of a job already (WORLD_SIZE="
          + place.get().count() + "); start it without --workers");
    }
    if (count == 1) {
      return Optional.empty();
    }
    return Optional.of(LocalWorkers.run(count, arguments()));
  }

  /**
   * Runs {@code work} where the option and the environment say: as the launcher of N workers of
   * this machine, as the worker of the job the environment names (joined, every worker having
   * been checked to run this command line), or alone.
   *
   * @return the exit status
   */
  int run(Duration timeout, Work work) throws Exception {
    Optional<Integer> launched = launch();
    if (launched.isPresent()) {
      return launched.get();
    }
    Optional<WorkerEnvironment> place = place();
    if (place.isEmpty()) {
      work.run(Workers.alone());
      return 0;
    }
    try (WorkerGroup group = WorkerGroup.join(place.get(), timeout)) {
      group.agree("command", String.join("\n", arguments()));
      work.run(group);
    }
    return 0;
  }

  /** A command's work as one of its workers. */
  interface Work {
    /** Does the work as one of {@code workers}. */
    void run(Workers workers) throws Exception;
  }

  /** The command line as given, without {@code --workers}: what every worker of a job runs. */
  List<String> arguments() {
    return withoutWorkers(command.root().commandLine().getParseResult().originalArgs());
  }

  /** {@code arguments} without {@code --workers N} (or {@code --workers=N}). */
  private static List<String> withoutWorkers(List<String> arguments) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i).equals("--workers")) {
        i++;
      } else if (!arguments.get(i).startsWith("--workers=")) {
        kept.add(arguments.get(i));
      }
    }
    return kept;
  }
}
