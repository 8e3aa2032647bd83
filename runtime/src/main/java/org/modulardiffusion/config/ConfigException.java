package org.modulardiffusion.config;

/** A config that cannot be bound: the message starts with the dotted path of the culprit. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The dotted path of the value at fault; empty for the whole config. */
  private final String path;

  /**
   * An error at {@code path}, such as {@code noise.parameter}; empty for the whole config.
   *
   * @param path the dotted path, or empty
   * @param message what is wrong, in the user's words
   */
  public ConfigException(String path, String message) {
    super(path.isEmpty() ? message : path + ": " + message);
    this.path = path;
  }

  /**
   * The dotted path of the value at fault.
   *
   * @return the path, or empty for the whole config
   */
  public String path() {
    return path;
  }
}
