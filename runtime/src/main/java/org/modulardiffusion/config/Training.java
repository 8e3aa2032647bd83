package org.modulardiffusion.config;

import java.util.List;

/**
 * The {@code train} section of a config.
 *
 * @param epochs passes over the data set
 * @param batch examples per step
 * @param lr the learning rate of Adam
 * @param seed the seed of every random draw, or {@code null} for an unseeded run
 * @param device {@code auto}, {@code cpu} or {@code gpu} (or {@code gpu:0} …)
 */
public record Training(int epochs, int batch, float lr, Integer seed, String device) {
  private static final List<String> KEYS = List.of("epochs", "batch", "lr", "seed", "device");

  /** Reads the section; every key is optional. */
  public static Training of(ConfigNode section) {
    section.checkKeys(KEYS, "train");
    return new Training(
        section.get("epochs", "1").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("batch", "64").inRange(1, Integer.MAX_VALUE).asInt(),
        section.get("lr", "1e-4").inRange(0, Double.POSITIVE_INFINITY).asFloat(),
        section.has("seed") ? section.get("seed").asInt() : null,
        section.get("device", "auto").asString());
  }
}
