package org.modulardiffusion.config.internal;

import java.util.List;

/**
 * A module parameter as a config sees it.
 *
 * @param name the config key, the constructor parameter's name
 * @param type the Java type, such as {@code int}, {@code List<Integer>} or {@code Parameter}
 * @param defaultValue the default written as in a config, or {@code null} when required
 * @param min the smallest number allowed
 * @param max the largest number allowed
 * @param oneOf the values allowed, for an enum or restricted string; empty when any
 * @param description what the parameter means
 */
public record ParameterDescriptor(
    String name,
    String type,
    String defaultValue,
    double min,
    double max,
    List<String> oneOf,
    String description) {

  /**
   * Whether the config must give this parameter.
   *
   * @return whether it has no default
   */
  public boolean required() {
    return defaultValue == null;
  }

  /**
   * One line, such as {@code steps: int in [1, inf], default 1000 — the number of steps}.
   *
   * @return the line
   */
  public String describe() {
    StringBuilder line = new StringBuilder(name).append(": ").append(type);
    if (!oneOf.isEmpty()) {
      line.append(" one of ").append(oneOf);
    }
    if (!range().isEmpty()) {
      line.append(" in ").append(range());
    }
    line.append(required() ? ", required" : ", default " + defaultValue);
    if (!description.isEmpty()) {
      line.append(" — ").append(description);
    }
    return line.toString();
  }

  /**
   * The range as [min, max], or empty when the parameter has none.
   *
   * @return the range, or empty
   */
  public String range() {
    return min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY ? "" : Checks.range(min, max);
  }
}
