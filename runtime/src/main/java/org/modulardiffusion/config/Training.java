package org.modulardiffusion.config;

import java.util.List;

/**
 * The {@code train} section of a config.
 *
 * @param epochs passes over the data set
 * @param batch examples per step
 * @param lr the learning rate of Adam
 * @param seed the seed of every random draw, or {@code null} for an unseeded run
 * @param device {@code auto}, {@code cpu} or {@code gpu} (or {@code gpu0} …)
 * @param divergence how many times its lowest running mean a loss may reach before the run is
 *     stopped as diverged, or {@code null} for the model's default
 */
public record Training(int epochs, int batch, float lr, Integer seed, String device, Double divergence) {
  private static final List<String> KEYS = List.of("epochs", "batch", "lr", "seed", "device", "divergence");

  /** Reads the section; every key is optional. */
  public static Training of(ConfigNode section) {
    section.checkKeys(KEYS, "train");
    return new Training(
        section.get("epochs", "1").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("batch", "64").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("lr", "1e-4").positive().asFloat(),
        section.has("seed") ? section.get("seed").asInt() : null,
        section.get("device", "auto").asString(),
        section.has("divergence") ? divergence(section.get("divergence")) : null);
  }

  /** A factor of at least 1, or {@code .inf} for no bound. */
  private static double divergence(ConfigNode node) {
    double factor = node.asDouble();
    if (!(factor >= 1)) {
      throw new ConfigException(node.path(), "expected a factor of at least 1, or .inf for no bound, got " + node.text());
    }
    return factor;
  }
}
