package org.modulardiffusion.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigReader;

/**
 * A sampler as {@code --sampler} names it: {@code NAME}, or {@code NAME {key: value, …}} with
 * settings written as in a config's {@code sampler} section, such as {@code ddim {eta: 0, clip: 1}}.
 *
 * @param type the sampler's name, as a config's {@code sampler.type}
 * @param settings the settings given, in their order; none for a name alone
 */
record SamplerChoice(String type, Map<String, Object> settings) {
  private static final String OPTION = "--sampler";
  private static final String FORM = "expected NAME or NAME {key: value, …}, such as ddim {eta: 0, clip: 1}";

  /** The choice that {@code text} writes. */
  static SamplerChoice parse(String text) {
    int brace = text.indexOf('{');
    String type = (brace < 0 ? text : text.substring(0, brace)).strip();
    if (type.isEmpty() || type.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException(OPTION, FORM + "; got \"" + text + "\"");
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    if (brace >= 0) {
      if (!(ConfigReader.load(OPTION, text.substring(brace)) instanceof Map<?, ?> map)) {
        throw new ConfigException(OPTION, FORM + "; got \"" + text + "\"");
      }
      map.forEach((key, value) -> settings.put(String.valueOf(key), value));
    }
    if (settings.containsKey("type")) {
      throw new ConfigException(OPTION + ".type", "the sampler is named before its settings, as in " + type + " {…}");
    }
    return new SamplerChoice(type, settings);
  }
}
