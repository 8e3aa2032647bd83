package org.modulardiffusion.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment that torchrun and its kind give a worker, read as they mean it. */
class WorkerEnvironmentTest {
  private static final Map<String, String> TORCHRUN = Map.of(
      "WORLD_SIZE", "4", "RANK", "3", "LOCAL_RANK", "1", "MASTER_ADDR", "node-0", "MASTER_PORT", "29500");

  @Test
  void torchrunsVariablesPlaceTheWorker() {
    assertEquals(Optional.of(new WorkerEnvironment(3, 4, 1, "node-0", 29500)), WorkerEnvironment.of(TORCHRUN));
  }

  @Test
  void noWorldOrAWorldOfOneIsAWorkerAlone() {
    assertEquals(Optional.empty(), WorkerEnvironment.of(Map.of("RANK", "0")));
    assertEquals(Optional.empty(), WorkerEnvironment.of(Map.of("WORLD_SIZE", "1")));
  }

  @Test
  void aMissingLocalRankIsTheFirstOnItsMachine() {
    assertEquals(0, WorkerEnvironment.of(without("LOCAL_RANK")).orElseThrow().localRank());
  }

  @Test
  void aVariableMissingOrWrongIsNamed() {
    assertEquals("RANK=4: expected this worker's place among the WORLD_SIZE=4, a whole number from 0 to 3",
        refusal(with("RANK", "4")));
    assertEquals("WORLD_SIZE=two: expected a number of workers, a whole number from 1 to 2,147,483,647",
        refusal(with("WORLD_SIZE", "two")));
    assertEquals("RANK: not set; a job of several workers gives each this worker's place among the WORLD_SIZE=4",
        refusal(without("RANK")));
    assertEquals("MASTER_ADDR: not set; a job of WORLD_SIZE=4 workers needs the address of rank 0's machine",
        refusal(with("MASTER_ADDR", " ")));
    assertEquals("MASTER_PORT=70000: expected the port of rank 0's rendezvous, a whole number from 1 to 65,535",
        refusal(with("MASTER_PORT", "70000")));
  }

  private static String refusal(Map<String, String> environment) {
    return assertThrows(IllegalArgumentException.class, () -> WorkerEnvironment.of(environment)).getMessage();
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> changed = new HashMap<>(TORCHRUN);
    changed.put(name, value);
    return changed;
  }

  private static Map<String, String> without(String name) {
    Map<String, String> changed = new HashMap<>(TORCHRUN);
    changed.remove(name);
    return changed;
  }
}
