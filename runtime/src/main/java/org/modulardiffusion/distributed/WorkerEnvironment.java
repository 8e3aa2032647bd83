package org.modulardiffusion.distributed;

import java.util.Map;
import java.util.Optional;

/**
 * Where this process stands in a job of several workers, as {@code torchrun}, Slurm scripts and
 * Kubernetes' PyTorchJob say it in the environment: {@code WORLD_SIZE} workers in all, this one
 * {@code RANK} among them and {@code LOCAL_RANK} on its machine, and rank 0's rendezvous at
 * {@code MASTER_ADDR:MASTER_PORT}.
 *
 * @param rank this worker's place, from 0
 * @param count the workers in all
 * @param localRank this worker's place on its machine, which chooses its GPU
 * @param masterAddress where rank 0 serves the rendezvous
 * @param masterPort the port of the rendezvous
 */
public record WorkerEnvironment(int rank, int count, int localRank, String masterAddress, int masterPort) {

  /**
   * The worker that {@code environment} describes; empty when it names no {@code WORLD_SIZE}, or
   * a world of one worker.
   *
   * @param environment the environment variables, such as {@link System#getenv()}
   * @return the worker, or empty
   * @throws IllegalArgumentException naming the variable that is missing or not what it must be
   */
  public static Optional<WorkerEnvironment> of(Map<String, String> environment) {
    if (!environment.containsKey("WORLD_SIZE")) {
      return Optional.empty();
    }
    int count = number(environment, "WORLD_SIZE", 1, Integer.MAX_VALUE, "a number of workers");
    if (count == 1) {
      return Optional.empty();
    }
    int rank = number(environment, "RANK", 0, count - 1, "this worker's place among the WORLD_SIZE=" + count);
    int localRank = environment.containsKey("LOCAL_RANK")
        ? number(environment, "LOCAL_RANK", 0, count - 1, "this worker's place on its machine")
        : 0;
    String address = environment.getOrDefault("MASTER_ADDR", "").strip();
    if (address.isEmpty()) {
      throw new IllegalArgumentException(
          "MASTER_ADDR: not set; a job of WORLD_SIZE=" + count + " workers needs the address of rank 0's machine");
    }
    int port = number(environment, "MASTER_PORT", 1, 65_535, "the port of rank 0's rendezvous");
    return Optional.of(new WorkerEnvironment(rank, count, localRank, address, port));
  }

  private static int number(Map<String, String> environment, String name, int min, int max, String meaning) {
    String text = environment.get(name);
    if (text == null) {
      throw new IllegalArgumentException(name + ": not set; a job of several workers gives each " + meaning);
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw new IllegalArgumentException(String.format(
        "%s=%s: expected %s, a whole number from %,d to %,d", name, text, meaning, min, max));
  }
}
