package org.modulardiffusion.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.modulardiffusion.config.internal.Checks;

/**
 * A value of a config tree — a map, a list or a scalar — with its dotted path, such as
 * {@code noise.parameter} or {@code net.channels[1]}, which every error message starts with.
 */
public final class ConfigNode {
  /** How deep a config may nest; a model's config nests three or four levels. */
  public static final int MAX_DEPTH = 32;

  private final String path;
  private final Object value;

  private ConfigNode(String path, Object value) {
    this.path = path;
    this.value = value;
  }

  /**
   * Wraps a tree of maps with string keys, lists and scalars (strings, numbers, booleans) as a
   * YAML or JSON parser gives it, rooted at {@code path}. A tree nested more than
   * {@value #MAX_DEPTH} deep, or one that contains itself (a YAML alias inside its own anchor),
   * is refused at the path where it goes wrong.
   *
   * @param path the dotted path of the root, empty for a whole config
   * @param tree the parsed tree
   * @return the root node
   */
  public static ConfigNode of(String path, Object tree) {
    return of(path, tree, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static ConfigNode of(String path, Object tree, Set<Object> ancestors) {
    if (!(tree instanceof Map<?, ?>) && !(tree instanceof List<?>)) {
      return new ConfigNode(path, tree);
    }
    if (!ancestors.add(tree)) {
      throw new ConfigException(path, "contains itself (a YAML alias inside its own anchor)");
    }
    if (ancestors.size() > MAX_DEPTH) {
      throw new ConfigException(path, "nested more than " + MAX_DEPTH + " deep");
    }
    ConfigNode node;
    if (tree instanceof Map<?, ?> map) {
      Map<String, ConfigNode> children = new LinkedHashMap<>();
      map.forEach((key, child) -> children.put(String.valueOf(key), of(join(path, key), child, ancestors)));
      node = new ConfigNode(path, Collections.unmodifiableMap(children));
    } else {
      List<ConfigNode> children = new ArrayList<>();
      for (Object child : (List<?>) tree) {
        children.add(of(path + "[" + children.size() + "]", child, ancestors));
      }
      node = new ConfigNode(path, List.copyOf(children));
    }
    ancestors.remove(tree);
    return node;
  }

  /**
   * An empty map at {@code path}: a section that the config leaves out.
   *
   * @param path the section's dotted path
   * @return the empty map
   */
  public static ConfigNode empty(String path) {
    return new ConfigNode(path, Map.of());
  }

  private static String join(String path, Object key) {
    return path.isEmpty() ? String.valueOf(key) : path + "." + key;
  }

  /**
   * The dotted path of this value.
   *
   * @return the path, empty for the root
   */
  public String path() {
    return path;
  }

  /**
   * Whether this is a map: a section or a module's parameters.
   *
   * @return whether it is a map
   */
  public boolean isMap() {
    return value instanceof Map<?, ?>;
  }

  /**
   * Whether this is a list.
   *
   * @return whether it is a list
   */
  public boolean isList() {
    return value instanceof List<?>;
  }

  /**
   * This map without {@code key}: a module's parameters without a key that is not one.
   *
   * @param key the key to leave out
   * @return a new node; this one is unchanged
   */
  public ConfigNode without(String key) {
    Map<String, ConfigNode> rest = new LinkedHashMap<>(map());
    rest.remove(key);
    return new ConfigNode(path, Collections.unmodifiableMap(rest));
  }

  /**
   * This map with {@code value} at {@code key}, in place of what was there.
   *
   * @param key the key
   * @param value the new value
   * @return a new node; this one is unchanged
   */
  public ConfigNode with(String key, ConfigNode value) {
    Map<String, ConfigNode> changed = new LinkedHashMap<>(map());
    changed.put(key, value);
    return new ConfigNode(path, Collections.unmodifiableMap(changed));
  }

  /**
   * Whether this map has {@code key}.
   *
   * @param key the key
   * @return whether the key is present
   */
  public boolean has(String key) {
    return map().containsKey(key);
  }

  /**
   * The keys of this map, in the config's order.
   *
   * @return the keys, unmodifiable
   */
  public Set<String> keys() {
    return map().keySet();
  }

  /**
   * The value at {@code key} of this map; an error naming the key when it is absent.
   *
   * @param key the key
   * @return the value
   */
  public ConfigNode get(String key) {
    ConfigNode child = map().get(key);
    if (child == null) {
      throw new ConfigException(join(path, key), "missing");
    }
    return child;
  }

  /**
   * The value at {@code key}, which {@code owner} (such as {@code schedule cosine}) requires.
   *
   * @param key the key
   * @param owner who requires it, for the error
   * @return the value
   */
  public ConfigNode require(String key, String owner) {
    if (!has(key)) {
      throw new ConfigException(join(path, key), "missing; " + owner + " has no default for it");
    }
    return get(key);
  }

  /**
   * The value at {@code key}, or else {@code defaultValue} (written as in a config) at its path.
   *
   * @param key the key
   * @param defaultValue the default, in YAML
   * @return the value
   */
  public ConfigNode get(String key, String defaultValue) {
    return has(key) ? get(key) : ConfigReader.parse(join(path, key), defaultValue);
  }

  /**
   * The section at {@code key}, or an empty one when the config leaves it out.
   *
   * @param key the key
   * @return the section
   */
  public ConfigNode section(String key) {
    return has(key) ? get(key) : empty(join(path, key));
  }

  /**
   * Rejects any key of this map that is not {@code allowed}, naming what is.
   *
   * @param allowed the keys allowed
   * @param owner whose keys they are, for the error
   */
  public void checkKeys(Collection<String> allowed, String owner) {
    for (String key : keys()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(
            join(path, key), "unknown key of " + owner + "; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  /**
   * This value as text; a number or boolean as written.
   *
   * @return the text
   */
  public String asString() {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      throw mismatch("a string");
    }
    return value.toString();
  }

  /**
   * This value as one of the {@code allowed} strings.
   *
   * @param allowed the strings allowed
   * @return the text
   */
  public String asString(List<String> allowed) {
    String text = asString();
    if (!allowed.contains(text)) {
      throw notOneOf(allowed);
    }
    return text;
  }

  /**
   * This value as the constant of {@code type} whose lower-case name it is, one of {@code allowed}.
   *
   * @param <E> the enum
   * @param type the enum's class
   * @param allowed the names allowed, in lower case
   * @return the constant
   */
  public <E extends Enum<E>> E asEnum(Class<E> type, List<String> allowed) {
    if (!(value instanceof String text) || !allowed.contains(text)) {
      throw notOneOf(allowed);
    }
    return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
  }

  /**
   * This value as a boolean: {@code true} or {@code false}.
   *
   * @return the boolean
   */
  public boolean asBoolean() {
    if (!(value instanceof Boolean bool)) {
      throw mismatch("true or false");
    }
    return bool;
  }

  /**
   * This value as a character: a string of one.
   *
   * @return the character
   */
  public char asChar() {
    String text = asString();
    if (text.length() != 1) {
      throw mismatch("a single character");
    }
    return text.charAt(0);
  }

  /**
   * This value as a double; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public double asDouble() {
    return number("a number").doubleValue();
  }

  /**
   * This value as a float; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public float asFloat() {
    return (float) asDouble();
  }

  /**
   * This value as a long; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public long asLong() {
    return integer(Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
  }

  /**
   * This value as an int; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public int asInt() {
    return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer (32 bits)");
  }

  /**
   * This value as a short; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public short asShort() {
    return (short) integer(Short.MIN_VALUE, Short.MAX_VALUE, "an integer (16 bits)");
  }

  /**
   * This value as a byte; a string that reads as a number is taken as one.
   *
   * @return the number
   */
  public byte asByte() {
    return (byte) integer(Byte.MIN_VALUE, Byte.MAX_VALUE, "an integer (8 bits)");
  }

  /**
   * This list's values, each converted by {@code element}.
   *
   * @param <T> the values' type
   * @param element converts one value, at its own path
   * @return the values, in order
   */
  public <T> List<T> asList(Function<ConfigNode, T> element) {
    if (!(value instanceof List<?> list)) {
      throw mismatch("a list");
    }
    List<T> values = new ArrayList<>();
    for (Object child : list) {
      values.add(element.apply((ConfigNode) child));
    }
    return values;
  }

  /**
   * This node, after checking that it is a finite number in [min, max]. NaN is never in range,
   * and neither is infinity: an infinite bound means the range is unbounded on that side.
   *
   * @param min the lowest value allowed, or −∞
   * @param max the highest value allowed, or +∞
   * @return this node
   */
  public ConfigNode inRange(double min, double max) {
    if (!Checks.contains(min, max, number("a number").doubleValue())) {
      throw new ConfigException(path, Checks.outOfRange(min, max, value));
    }
    return this;
  }

  /**
   * This node, after checking that it is a finite number above 0.
   *
   * @return this node
   */
  public ConfigNode positive() {
    double number = number("a number").doubleValue();
    if (!Double.isFinite(number) || number <= 0) {
      throw new ConfigException(path, "expected a finite number above 0, got " + value);
    }
    return this;
  }

  private long integer(long min, long max, String expected) {
    double number = number(expected).doubleValue();
    if (number != Math.rint(number) || number < min || number > max) {
      throw mismatch(expected);
    }
    return number(expected).longValue();
  }

  private Number number(String expected) {
    if (value instanceof Number number) {
      return number;
    }
    if (value instanceof String text) {
      try {
        return Double.valueOf(text);
      } catch (NumberFormatException e) {
        throw mismatch(expected);
      }
    }
    throw mismatch(expected);
  }

  @SuppressWarnings("unchecked")
  private Map<String, ConfigNode> map() {
    if (!isMap()) {
      throw mismatch("a map of keys to values");
    }
    return (Map<String, ConfigNode>) value;
  }

  private ConfigException notOneOf(List<String> allowed) {
    return new ConfigException(path, Checks.notOneOf(allowed, shown()));
  }

  private ConfigException mismatch(String expected) {
    return new ConfigException(path, "expected " + expected + ", got " + shown());
  }

  private String shown() {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return value instanceof Map<?, ?> ? "a map" : "a list";
    }
    return value.toString();
  }

  /**
   * The value as a config writes it: a scalar as it is, a list as [a, b], a map as {k: v}.
   *
   * @return the text
   */
  public String text() {
    if (value instanceof List<?> list) {
      return list.stream().map(child -> ((ConfigNode) child).text()).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(entry -> entry.getKey() + ": " + ((ConfigNode) entry.getValue()).text())
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return path + " = " + value;
  }
}
