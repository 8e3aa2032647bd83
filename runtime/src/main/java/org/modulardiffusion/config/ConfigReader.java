package org.modulardiffusion.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML (and so JSON) into a {@link ConfigNode} tree. A file must be UTF-8 text; the YAML's
 * errors are reported in one line with their position, and a tree nested too deeply for the
 * parser is refused as such.
 */
public final class ConfigReader {
  private ConfigReader() {}

  /**
   * Reads the YAML file at {@code file}; paths in errors are relative to its root.
   *
   * @param file the YAML file
   * @return the root node
   * @throws IOException when the file cannot be read
   * @throws ConfigException when it is not UTF-8 text, or not valid YAML
   */
  public static ConfigNode read(Path file) throws IOException {
    return ConfigNode.of("", load(file.getFileName().toString(), text(file)));
  }

  /**
   * Parses {@code yaml} as the value at {@code path}; {@code path} also names it in errors.
   *
   * @param path the dotted path of the value
   * @param yaml the text
   * @return the node
   */
  public static ConfigNode parse(String path, String yaml) {
    return ConfigNode.of(path, load(path, yaml));
  }

  /**
   * The text of {@code file}, which must be UTF-8.
   *
   * @param file the file
   * @return the text
   * @throws IOException when the file cannot be read
   * @throws ConfigException when it is not UTF-8 text
   */
  public static String text(Path file) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), "not UTF-8 text; a config is a YAML or JSON text file");
    }
  }

  /**
   * The tree of maps, lists and scalars that {@code yaml} holds; {@code source} names it in
   * errors.
   *
   * @param source the name of the text, such as its file's
   * @param yaml the text
   * @return the tree; {@code null} for an empty text
   * @throws ConfigException when it is not valid YAML
   */
  public static Object load(String source, String yaml) {
    try {
      return new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
    } catch (MarkedYamlEngineException e) {
      String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
          .orElse("");
      throw new ConfigException(source, "not valid YAML: " + where + oneLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new ConfigException(source, "not valid YAML: " + oneLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new ConfigException(source, "nested too deeply to read; a config nests a few levels");
    }
  }

  private static String oneLine(String text) {
    return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
