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
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final ParameterDescriptor EPOCHS =
      new ParameterDescriptor("epochs", "int", "1", 1, Integer.MAX_VALUE, List.of(), "passes over the data set");
  private static final ParameterDescriptor BATCH =
      new ParameterDescriptor("batch", "int", "64", 1, Integer.MAX_VALUE, List.of(), "examples per step");
  private static final ParameterDescriptor LR =
      new ParameterDescriptor("lr", "float", "1e-4", 0, INF, List.of(), "the learning rate of Adam");
  private static final ParameterDescriptor SEED =
      new ParameterDescriptor("seed", "int", null, -INF, INF, List.of(), "the seed of every random draw; unseeded when absent");
  private static final ParameterDescriptor DEVICE =
      new ParameterDescriptor("device", "String", "auto", -INF, INF, List.of(), "auto, cpu, gpu or gpu:N");

  /** The section's keys, every one optional: what {@link #of} reads and the config schema offers. */
  public static final List<ParameterDescriptor> PARAMETERS = List.of(EPOCHS, BATCH, LR, SEED, DEVICE);

  /** Reads the section; every key is optional. */
  public static Training of(ConfigNode section) {
    section.checkKeys(PARAMETERS.stream().map(ParameterDescriptor::name).toList(), "train");
    return new Training(
        value(section, EPOCHS).asInt(),
        value(section, BATCH).asInt(),
        value(section, LR).asFloat(),
        section.has(SEED.name()) ? value(section, SEED).asInt() : null,
        value(section, DEVICE).asString());
  }

  /** The parameter's value, or its default, checked against its range. */
  private static ConfigNode value(ConfigNode section, ParameterDescriptor parameter) {
    ConfigNode value = parameter.required()
        ? section.get(parameter.name())
        : section.get(parameter.name(), parameter.defaultValue());
    return parameter.range().isEmpty() ? value : value.inRange(parameter.min(), parameter.max());
  }
}
