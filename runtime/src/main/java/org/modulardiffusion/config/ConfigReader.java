package org.modulardiffusion.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads YAML (and so JSON) into a {@link ConfigNode} tree. */
public final class ConfigReader {
  private ConfigReader() {}

  /** Reads the YAML file at {@code file}; paths in errors are relative to its root. */
  public static ConfigNode read(Path file) throws IOException {
    return parse(file.getFileName().toString(), "", Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses {@code yaml} as the value at {@code path}; {@code path} also names it in errors. */
  public static ConfigNode parse(String path, String yaml) {
    return parse(path, path, yaml);
  }

  private static ConfigNode parse(String source, String path, String yaml) {
    try {
      Object tree = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
      return ConfigNode.of(path, tree);
    } catch (YamlEngineException e) {
      throw new ConfigException(source, "not valid YAML: " + e.getMessage());
    }
  }
}
