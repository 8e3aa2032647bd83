package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/gpu-probe.sh}: its table, written from real outputs of {@code diffusion bench} and
 * of the Python library's {@code mdbench.py} (captured on the CPU with {@code bash
 * bench/gpu-probe.sh --cpu --configs t1,t3,r2b256 --steps 3 --schedule 20}), holds the figures
 * those outputs print, read here with Gson; and its arguments.
 */
class GpuProbeScriptTest {
  private static final Path SCRIPT = Script.ROOT.resolve("bench/gpu-probe.sh");
  /** The captured configs, in the table's order. */
  private static final List<String> CONFIGS = List.of("r2b256", "t1", "t3");

  @TempDir Path folder;
  private Path outputs;

  @BeforeEach
  void copyCapturedOutputs() throws Exception {
    outputs = Files.createDirectories(folder.resolve("outputs"));
    Path captured = Path.of(GpuProbeScriptTest.class.getResource("gpu-probe").toURI());
    try (Stream<Path> files = Files.list(captured)) {
      for (Path file : files.toList()) {
        Files.copy(file, outputs.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void tableHoldsTheFiguresOfBothSidesForEachConfig() throws Exception {
    Script.Result result = Script.run(SCRIPT, Map.of(), folder, "--table", outputs.toString());
    assertEquals(0, result.status(), result.stderr());

    Map<String, List<String>> rows = rows(result.stdout());
    assertEquals(CONFIGS, List.copyOf(rows.keySet()));
    for (String config : CONFIGS) {
      JsonObject ours = lastJsonLine(outputs.resolve(config + ".ours.txt"));
      JsonObject python = lastJsonLine(outputs.resolve(config + ".python.txt"));
      List<String> row = rows.get(config);
      assertEquals(ours.get("device").getAsString() + " / " + python.get("device").getAsString(), row.get(1));
      assertFigure(ours, "train_batch", row.get(2));
      assertFigure(python, "train_batch", row.get(2)); // the probe trains both sides at the same batch
      assertFigure(ours, "train_steps_per_s", row.get(3));
      assertFigure(python, "train_steps_per_s", row.get(4));
      assertFigure(ours, "sample_batch", row.get(5));
      assertFigure(python, "sample_batch", row.get(5)); // and samples as many at once
      assertFigure(ours, "sample_steps_per_s", row.get(6));
      assertFigure(python, "sample_steps_per_s", row.get(7));
      assertFigure(ours, "train_ops_per_step", row.get(8));
      assertFigure(ours, "sample_ops_per_step", row.get(9));
    }
    assertEquals(result.stdout(), Files.readString(outputs.resolve("table.md")));
  }

  @Test
  void aRunThatPrintedNoFiguresIsMarkedFailed() throws Exception {
    Files.writeString(outputs.resolve("t1.ours.txt"), "error: the GPU ran out of memory\n");

    Script.Result result = Script.run(SCRIPT, Map.of(), folder, "--table", outputs.toString());

    assertEquals(0, result.status(), result.stderr());
    List<String> row = rows(result.stdout()).get("t1");
    JsonObject python = lastJsonLine(outputs.resolve("t1.python.txt"));
    assertEquals("failed / " + python.get("device").getAsString(), row.get(1));
    assertEquals(List.of("failed", "failed"), List.of(row.get(2), row.get(3)));
    assertFigure(python, "train_steps_per_s", row.get(4));
    assertEquals(List.of("failed", "failed", "failed", "failed"), List.of(row.get(5), row.get(6), row.get(8), row.get(9)));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingRuns() throws Exception {
    assertRefused("--steps takes a whole number of at least 1", "--cpu", "--steps", "0");
    assertRefused("unknown option --rounds", "--cpu", "--rounds", "3");
    assertRefused("--configs takes names such as r1,r2b256", "--cpu", "--configs", "r1,,r2");
    assertRefused(folder + " is not a bundle of ../shared/gpu/bundle.sh", folder.toString());
    assertRefused("the first argument is a bundle of ../shared/gpu/bundle.sh, --cpu or --table DIR");
    assertRefused("no outputs (CONFIG.ours.txt) in " + folder, "--table", folder.toString());
  }

  private void assertRefused(String message, String... args) throws Exception {
    Script.Result result = Script.run(SCRIPT, Map.of(), folder, args);
    assertEquals(2, result.status(), result.stdout());
    assertTrue(result.stderr().contains("error: " + message), result.stderr());
  }

  private static void assertFigure(JsonObject output, String key, String cell) {
    assertEquals(output.get(key).getAsDouble(), Double.parseDouble(cell), key);
  }

  /** The table's rows by config, each the list of its cells. */
  private static Map<String, List<String>> rows(String table) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    table.lines()
        .skip(2) // the header and the line under it
        .map(line -> Arrays.asList(line.substring(2, line.length() - 2).split(" \\| ")))
        .forEach(row -> rows.put(row.get(0), row));
    return rows;
  }

  /** The last line of {@code file} that is a JSON object: the figures both benchmarks end with. */
  private static JsonObject lastJsonLine(Path file) throws IOException {
    List<String> objects = Files.readAllLines(file).stream().filter(line -> line.startsWith("{")).toList();
    return JsonParser.parseString(objects.get(objects.size() - 1)).getAsJsonObject();
  }
}
