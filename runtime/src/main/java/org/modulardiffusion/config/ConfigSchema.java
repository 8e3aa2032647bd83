package org.modulardiffusion.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Comparator;
import java.util.List;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.annotation.ModuleKind.Presence;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.config.internal.ParameterDescriptor;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON Schema (draft 7) of a config, made from the installed modules' descriptors: a slot per
 * module kind whose {@code type} names one of its modules, each module's keys with their types,
 * ranges, allowed values, defaults and docs; a hybrid loss as a list of weighted terms; the
 * {@code train} section. Editors that read it (VS Code's and IntelliJ's YAML support) complete
 * and check a config's keys as it is typed.
 */
public final class ConfigSchema {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private static final String DEFINITIONS = "#/definitions/";
  private static final String TERM = "loss-term";

  private ConfigSchema() {}

  /**
   * The schema of a config of the modules in {@code registry}, as indented JSON.
   *
   * @param registry the installed modules
   * @return the JSON Schema (draft 7)
   */
  public static String of(ModuleRegistry registry) {
    JsonObject schema = new JsonObject();
    schema.addProperty("$schema", "http://json-schema.org/draft-07/schema#");
    schema.addProperty("title", "Modular Diffusion config");
    schema.addProperty("description", "One key per slot: type names a module, the other keys are its parameters.");
    schema.addProperty("type", "object");
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    JsonObject definitions = new JsonObject();
    for (ModuleKind kind : ModuleKind.values()) {
      List<ModuleDescriptor> modules = registry.descriptors().stream()
          .filter(module -> module.kind() == kind)
          .sorted(Comparator.comparing(ModuleDescriptor::name))
          .toList();
      if (kind.presence() == Presence.NONE) {
        continue;
      }
      definitions.add(kind.key(), kind(kind, modules, false));
      if (kind == ModuleKind.LOSS) {
        definitions.add(TERM, kind(kind, modules, true));
      }
      properties.add(kind.key(), kind == ModuleKind.LOSS ? hybridLoss() : reference(kind.key()));
      if (kind.presence() == Presence.MODEL || kind.presence() == Presence.RUN) {
        required.add(kind.key());
      }
    }
    properties.add("train", train());
    schema.add("properties", properties);
    schema.add("required", required);
    schema.addProperty("additionalProperties", false);
    schema.add("definitions", definitions);
    return GSON.toJson(schema) + "\n";
  }

  /** A slot: one of the kind's modules; as a term of a hybrid loss, with a weight. */
  private static JsonObject kind(ModuleKind kind, List<ModuleDescriptor> modules, boolean term) {
    JsonObject slot = new JsonObject();
    slot.addProperty("description", term ? "a term of a hybrid loss: a loss and its weight" : "a " + kind.key() + " module");
    JsonArray anyOf = new JsonArray();
    for (ModuleDescriptor module : modules) {
      anyOf.add(module(module, term));
    }
    slot.add("anyOf", anyOf);
    return slot;
  }

  /** A module's section: its {@code type} and its parameters, nothing else. */
  private static JsonObject module(ModuleDescriptor module, boolean term) {
    JsonObject type = new JsonObject();
    type.addProperty("const", module.name());
    type.addProperty("description", module.description());
    JsonObject properties = new JsonObject();
    properties.add("type", type);
    JsonArray required = new JsonArray();
    // The default module of a slot may be configured without naming it.
    if (term || !module.name().equals(module.kind().defaultModule())) {
      required.add("type");
    }
    for (ParameterDescriptor parameter : module.parameters()) {
      properties.add(parameter.name(), parameter(parameter));
      if (parameter.required()) {
        required.add(parameter.name());
      }
    }
    if (term) {
      JsonObject weight = new JsonObject();
      weight.addProperty("type", "number");
      weight.addProperty("default", 1);
      weight.addProperty("description", "the weight of this term in the sum");
      properties.add("weight", weight);
    }
    JsonObject section = object(properties, required);
    section.addProperty("title", module.name());
    section.addProperty("description", module.description());
    return section;
  }

  /** The {@code train} section: every key optional. */
  private static JsonObject train() {
    JsonObject properties = new JsonObject();
    for (ParameterDescriptor parameter : Training.PARAMETERS) {
      properties.add(parameter.name(), parameter(parameter));
    }
    JsonObject section = object(properties, new JsonArray());
    section.addProperty("description", "how the run trains");
    return section;
  }

  private static JsonObject hybridLoss() {
    JsonObject list = new JsonObject();
    list.addProperty("type", "array");
    list.addProperty("minItems", 1);
    list.add("items", reference(TERM));
    JsonArray anyOf = new JsonArray();
    anyOf.add(reference(ModuleKind.LOSS.key()));
    anyOf.add(list);
    JsonObject loss = new JsonObject();
    loss.addProperty("description", "a loss module, or a hybrid loss: a list of losses with weights");
    loss.add("anyOf", anyOf);
    return loss;
  }

  /** A parameter: its value's schema, with its default and description. */
  private static JsonObject parameter(ParameterDescriptor parameter) {
    JsonObject schema = value(parameter.type(), parameter);
    if (!parameter.required()) {
      schema.add("default", literal(parameter.type(), parameter.defaultValue()));
    }
    String description = parameter.description();
    schema.addProperty("description", (description.isEmpty() ? "" : description + "; ") + parameter.type()
        + (parameter.range().isEmpty() ? "" : " in " + parameter.range()));
    return schema;
  }

  /**
   * The schema of a value of Java type {@code type}: arrays and lists by their elements, a
   * module by its slot's definition; anything for a type a config cannot give.
   */
  private static JsonObject value(String type, ParameterDescriptor parameter) {
    if (type.endsWith("[]") || type.startsWith("List<")) {
      String element = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type.substring(5, type.length() - 1);
      JsonObject array = new JsonObject();
      array.addProperty("type", "array");
      array.add("items", value(element, parameter));
      return array;
    }
    JsonObject schema = new JsonObject();
    if (!parameter.oneOf().isEmpty()) {
      JsonArray values = new JsonArray();
      parameter.oneOf().forEach(value -> values.add(literal(type, value)));
      schema.add("enum", values);
      return schema;
    }
    String json = jsonType(type);
    if (json == null) {
      String base = type.replaceFirst("<.*", "");
      for (ModuleKind kind : ModuleKind.values()) {
        if (kind.presence() != Presence.NONE && kind.baseType().endsWith("." + base)) {
          return reference(kind.key());
        }
      }
      return schema;
    }
    schema.addProperty("type", json);
    if (json.equals("integer") || json.equals("number")) {
      if (Double.isFinite(parameter.min())) {
        schema.add("minimum", number(parameter.min()));
      }
      if (Double.isFinite(parameter.max())) {
        schema.add("maximum", number(parameter.max()));
      }
    } else if (type.equals("char") || type.equals("Character")) {
      schema.addProperty("minLength", 1);
      schema.addProperty("maxLength", 1);
    }
    return schema;
  }

  /** The JSON type of a scalar Java type; {@code null} for others (enums, modules). */
  private static String jsonType(String type) {
    return switch (type) {
      case "int", "Integer", "long", "Long", "short", "Short", "byte", "Byte" -> "integer";
      case "float", "Float", "double", "Double" -> "number";
      case "boolean", "Boolean" -> "boolean";
      case "String", "char", "Character" -> "string";
      default -> null;
    };
  }

  private static JsonPrimitive number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? new JsonPrimitive((long) value) : new JsonPrimitive(value);
  }

  /**
   * A default or allowed value as written in a config: a scalar of a string or enum type as a
   * string, anything else (numbers, booleans, lists) as YAML reads it.
   */
  private static JsonElement literal(String type, String text) {
    boolean scalar = !type.endsWith("[]") && !type.startsWith("List<");
    String json = jsonType(type);
    if (scalar && (json == null || json.equals("string"))) {
      return new JsonPrimitive(text);
    }
    return GSON.toJsonTree(new Load(LoadSettings.builder().build()).loadFromString(text));
  }

  private static JsonObject object(JsonObject properties, JsonArray required) {
    JsonObject object = new JsonObject();
    object.addProperty("type", "object");
    object.add("properties", properties);
    if (!required.isEmpty()) {
      object.add("required", required);
    }
    object.addProperty("additionalProperties", false);
    return object;
  }

  private static JsonObject reference(String definition) {
    JsonObject reference = new JsonObject();
    reference.addProperty("$ref", DEFINITIONS + definition);
    return reference;
  }
}
