package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Mutates the reference configs with a fixed seed and validates each mutant: every one must
 * assemble (exit 0) or be refused with exit 2 and one line that starts with the config path at
 * fault (or the file's name), with no trace and none of DJL's or libtorch's words, in bounded time.
 */
class ConfigFuzzTest {
  /** How many mutants, and their seed: fixed in the suite; {@code -Dfuzz.mutants=N -Dfuzz.seed=S} for a longer hunt. */
  private static final int MUTANTS = Integer.getInteger("fuzz.mutants", 400);
  private static final long SEED = Long.getLong("fuzz.seed", 20261126L);
  private static final Path CONFIGS = Path.of("../sample-plugins/src/main/resources/configs");
  private static final List<Object> VALUES = Arrays.asList(
      -1, 0, 1, 2, 3, 7, 100_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE, 9.9e300, 0.5, 1e-30,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "x", "", "classifier-free", true, null,
      List.of(), Map.of(), List.of(1, 8), List.of(-1, 8), List.of(0, 0), List.of(1, 8, 1e8), Map.of("type", "x"),
      Map.of("type", "unet"), 42);
  private static final List<String> TYPES = List.of(
      "unet", "transformer", "mlp", "softmax", "gaussian", "uniform", "absorbing", "identity", "one-hot",
      "embedding", "patches", "cosine", "linear", "sqrt", "constant", "simple", "vlb", "ddim", "ancestral",
      "classifier-free", "digits", "toy2d", "grammar", "nothing");
  /** Words of Java's, DJL's or libtorch's that a message in our words never has. */
  private static final Pattern FOREIGN = Pattern.compile(
      "Exception|Error\\b|\\tat |enforce fail|libtorch|c10|Kernel and numFilters|alloc_cpu|NDArray|Shape\\(|"
          + "null pointer|java\\.|ai\\.djl");

  /** Standard output before the command runner captures it, for the counts. */
  private static final PrintStream CONSOLE = System.out;

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  @Test
  void everyMutantAssemblesOrIsRefusedInOneLineNamingItsPath() throws IOException {
    List<Map<String, Object>> references = new ArrayList<>();
    try (Stream<Path> files = Files.list(CONFIGS)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals("tutorial.yaml")).sorted().toList()) {
        references.add(small(load(Files.readString(file))));
      }
    }
    assertEquals(5, references.size(), "the reference configs of modules-std's modules");
    Random random = new Random(SEED);
    Path config = folder.resolve("mutant.yaml");
    int assembled = 0;
    int refused = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < MUTANTS; i++) {
      String yaml = mutant(references.get(random.nextInt(references.size())), random);
      Files.write(config, yaml.getBytes(StandardCharsets.UTF_8));
      int status = assertTimeoutPreemptively(
          Duration.ofSeconds(30), () -> diffusion.run("validate", "--config", config.toString()), yaml);
      String err = diffusion.stderr();
      if (status == 0) {
        assembled++;
      } else if (status == 2 && cleanRefusal(err, config, yaml)) {
        refused++;
      } else {
        failures.add("exit " + status + " for\n" + yaml + "\n" + err.substring(0, Math.min(600, err.length())));
      }
    }
    CONSOLE.printf("config fuzz: %d mutants, %d assembled, %d refused cleanly, %d not%n",
        MUTANTS, assembled, refused, failures.size());
    assertTrue(failures.isEmpty(), failures.size() + " mutants escaped:\n" + String.join("\n---\n", failures));
    assertTrue(refused > MUTANTS / 3 && assembled > MUTANTS / 20, "the mutants exercise both outcomes");
  }

  /** One line, {@code error: } then the path at fault (a key of the config) or the file, in our words. */
  private static boolean cleanRefusal(String err, Path config, String yaml) {
    String text = err.strip();
    if (text.contains("\n") || !text.startsWith("error: ") || FOREIGN.matcher(text).find()) {
      return false;
    }
    String message = text.substring("error: ".length());
    if (message.startsWith(config.toString())) {
      return true;
    }
    int end = 0;
    while (end < message.length() && ".:[ ".indexOf(message.charAt(end)) < 0) {
      end++;
    }
    String key = message.substring(0, end);
    return end > 0 && end < message.length() && ".:[ ".indexOf(message.charAt(end)) >= 0
        && (yaml.contains(key) || SLOTS.contains(key));
  }

  private static final List<String> SLOTS = List.of(
      "dataset", "data", "schedule", "noise", "net", "loss", "guidance", "time", "sampler", "train");

  /** The reference config with a small data set, so that assembling it takes a moment. */
  private static Map<String, Object> small(Map<String, Object> config) {
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = new LinkedHashMap<>((Map<String, Object>) config.get("dataset"));
    dataset.put("count", 64);
    config.put("dataset", dataset);
    return config;
  }

  private static String mutant(Map<String, Object> reference, Random random) {
    Map<String, Object> tree = copy(reference);
    int edits = 1 + random.nextInt(2);
    for (int e = 0; e < edits; e++) {
      edit(tree, random);
    }
    String yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.FLOW).build()).dumpToString(tree);
    if (random.nextInt(10) == 0) {
      // Damage the text itself: cut it short or put a stray character in it.
      int at = random.nextInt(yaml.length());
      yaml = random.nextBoolean() ? yaml.substring(0, at) : yaml.substring(0, at) + "{]:&*!|>'\"%@`,#"
          .charAt(random.nextInt(15)) + yaml.substring(at);
    }
    return yaml;
  }

  /** Replaces, removes or adds one value somewhere in the tree, or renames a module. */
  @SuppressWarnings("unchecked")
  private static void edit(Map<String, Object> tree, Random random) {
    List<Map<String, Object>> maps = new ArrayList<>();
    collect(tree, maps);
    Map<String, Object> map = maps.get(random.nextInt(maps.size()));
    List<String> keys = new ArrayList<>(map.keySet());
    String key = keys.isEmpty() ? "type" : keys.get(random.nextInt(keys.size()));
    switch (random.nextInt(6)) {
      case 0, 1 -> map.put(key, value(random));
      case 2 -> map.remove(key);
      case 3 -> map.put("unknown", 1);
      case 4 -> map.put("type", TYPES.get(random.nextInt(TYPES.size())));
      default -> {
        Object value = map.get(key);
        if (value instanceof List<?> list && !list.isEmpty()) {
          List<Object> changed = new ArrayList<>(list);
          changed.set(random.nextInt(changed.size()), value(random));
          map.put(key, changed);
        } else {
          map.put(key, List.of(value == null ? 1 : value));
        }
      }
    }
  }

  /** One of the values, a map among them as a copy that later edits may change. */
  private static Object value(Random random) {
    Object value = VALUES.get(random.nextInt(VALUES.size()));
    return value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Map<String, Object> map, List<Map<String, Object>> maps) {
    maps.add(map);
    for (Object value : map.values()) {
      if (value instanceof Map<?, ?> child) {
        collect((Map<String, Object>) child, maps);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> child ? copy((Map<String, Object>) child) : value));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml));
  }
}
