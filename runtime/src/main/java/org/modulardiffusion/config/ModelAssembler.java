package org.modulardiffusion.config;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.modulardiffusion.annotation.ModelRule;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.annotation.ModuleKind.Presence;
import org.modulardiffusion.base.Data;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.base.Net;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Schedule;
import org.modulardiffusion.base.Time;
import org.modulardiffusion.engine.Devices;
import org.modulardiffusion.engine.Model;

/**
 * Builds a {@link Model} from a config with one key per slot ({@code type} names a module, the
 * other keys are its parameters) and a {@code train} section.
 *
 * <p>It first finds every slot's module, filling defaulted slots (data {@code identity}, time
 * {@code discrete}, sampler {@code ancestral}, no guidance), and checks the {@link ModelRule}s on
 * their descriptors; only then does it build the modules, so an incompatible model is refused
 * before any tensor is created.
 */
public final class ModelAssembler {
  private static final String TRAIN = "train";

  private final ModuleRegistry registry;

  /** An assembler of the modules in {@code registry}. */
  public ModelAssembler(ModuleRegistry registry) {
    this.registry = registry;
  }

  /**
   * Assembles the model that {@code config} describes.
   *
   * @throws ConfigException naming the path of the first error
   */
  public Model<?> assemble(ConfigNode config) {
    return builder(config, Map.of()).build();
  }

  /**
   * A builder of the model that {@code config} describes, its modules bound and checked, for a
   * caller that sets more (such as the progress report) before building.
   *
   * @throws ConfigException naming the path of the first error
   */
  public Model.Builder<?> builder(ConfigNode config) {
    return builder(config, Map.of());
  }

  /**
   * Assembles a model whose {@code pinned} slots have a fixed module, as a {@code @DiffusionModel}
   * spec fixes them; the config may still give their parameters, and a {@code type} only if it
   * names the pinned module.
   */
  public Model<?> assemble(ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned) {
    return builder(config, pinned).build();
  }

  private Model.Builder<?> builder(ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned) {
    List<String> keys = new ArrayList<>(List.of(TRAIN));
    for (ModuleKind kind : ModuleKind.values()) {
      if (kind.presence() != Presence.NONE) {
        keys.add(kind.key());
      }
    }
    config.checkKeys(keys, "a model config");
    ConfigNode lossSection = config.section(ModuleKind.LOSS.key());
    List<LossTerm> terms = lossSection.isList() ? terms(lossSection, pinned.get(ModuleKind.LOSS)) : List.of();
    Map<ModuleKind, ModuleBinder<?>> binders = new EnumMap<>(ModuleKind.class);
    for (ModuleKind kind : ModuleKind.values()) {
      ModuleBinder<?> binder =
          kind == ModuleKind.LOSS && !terms.isEmpty() ? terms.get(0).binder() : binder(config, kind, pinned.get(kind));
      if (binder != null) {
        binders.put(kind, binder);
      }
    }
    Map<ModuleKind, ModuleDescriptor> descriptors = new EnumMap<>(ModuleKind.class);
    binders.forEach((kind, binder) -> descriptors.put(kind, binder.descriptor()));
    Compatibility.check(descriptors);
    for (LossTerm term : terms) {
      descriptors.put(ModuleKind.LOSS, term.binder().descriptor());
      Compatibility.check(descriptors);
    }

    Map<ModuleKind, Object> modules = new EnumMap<>(ModuleKind.class);
    binders.forEach((kind, binder) -> modules.put(kind, kind == ModuleKind.LOSS && !terms.isEmpty()
        ? hybrid(terms)
        : bind(binder, config.section(kind.key()))));
    return builder(modules, Training.of(config.section(TRAIN)));
  }

  /**
   * The terms of a hybrid loss, given as a list of losses each with an optional {@code weight}
   * (1 by default): {@code [{type: simple, parameter: epsilon}, {type: vlb, weight: 0.001}]}.
   */
  private List<LossTerm> terms(ConfigNode list, ModuleBinder<?> pinned) {
    if (pinned != null) {
      throw new ConfigException(list.path(), "the model fixes its loss; give its parameters as a map, not a list");
    }
    List<LossTerm> terms = list.asList(term -> {
      if (!term.isMap() || !term.has("type")) {
        throw new ConfigException(term.path(), "expected a loss such as {type: vlb, weight: 0.001}");
      }
      ConfigNode type = term.get("type");
      return new LossTerm(
          registry.binder(ModuleKind.LOSS, type.asString(), type.path()),
          term.without("weight"),
          term.get("weight", "1").asDouble());
    });
    if (terms.isEmpty()) {
      throw new ConfigException(list.path(), "a hybrid loss needs at least one term");
    }
    return terms;
  }

  /** The weighted sum of the terms' losses. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Loss<?> hybrid(List<LossTerm> terms) {
    Loss sum = null;
    for (LossTerm term : terms) {
      Loss loss = ((Loss) bind(term.binder(), term.section())).times(term.weight());
      sum = sum == null ? loss : sum.plus(loss);
    }
    return sum;
  }

  /**
   * Binds {@code section} with {@code binder}; a module's own refusal of its parameters (a
   * constructor's {@link IllegalArgumentException}) is reported at the section's path.
   */
  private Object bind(ModuleBinder<?> binder, ConfigNode section) {
    try {
      return binder.bind(section, registry);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.path(), e.getMessage());
    }
  }

  /** One term of a hybrid loss. */
  private record LossTerm(ModuleBinder<?> binder, ConfigNode section, double weight) {}

  /** The binder of a slot: the pinned one, the config's {@code type}, the default, or none. */
  private ModuleBinder<?> binder(ConfigNode config, ModuleKind kind, ModuleBinder<?> pinned) {
    if (kind.presence() == Presence.NONE) {
      return null;
    }
    ConfigNode section = config.section(kind.key());
    if (config.has(kind.key()) && !section.isMap()) {
      throw new ConfigException(section.path(), "expected a module such as {type: …}, got " + section.text());
    }
    if (section.has("type")) {
      ConfigNode type = section.get("type");
      if (pinned != null && !pinned.descriptor().name().equals(type.asString())) {
        throw new ConfigException(type.path(), "the model fixes " + kind.key() + " "
            + pinned.descriptor().name() + ", got \"" + type.asString() + "\"");
      }
      return pinned != null ? pinned : registry.binder(kind, type.asString(), type.path());
    }
    if (pinned != null) {
      return pinned;
    }
    return switch (kind.presence()) {
      case DEFAULTED -> registry.binder(kind, kind.defaultModule(), section.path() + ".type");
      case OPTIONAL, NONE -> {
        if (config.has(kind.key())) {
          throw new ConfigException(section.path() + ".type", "missing; name the " + kind.key() + " module");
        }
        yield null;
      }
      case MODEL, RUN -> throw new ConfigException(section.path(), ModelRule.SLOT_PRESENT.message(
          "the config", kind.key(), "add " + kind.key() + ": {type: …}"));
    };
  }

  private static Device device(String name) {
    try {
      return Devices.select(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TRAIN + ".device", e.getMessage());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Model.Builder<?> builder(Map<ModuleKind, Object> modules, Training training) {
    Model.Builder builder = Model.builder()
        .data((Data) modules.get(ModuleKind.DATA))
        .schedule((Schedule) modules.get(ModuleKind.SCHEDULE))
        .noise((Noise) modules.get(ModuleKind.NOISE))
        .net((Net) modules.get(ModuleKind.NET))
        .loss((Loss) modules.get(ModuleKind.LOSS))
        .time((Time) modules.get(ModuleKind.TIME))
        .sampler((Sampler) modules.get(ModuleKind.SAMPLER))
        .dataset((Dataset) modules.get(ModuleKind.DATASET))
        .batchSize(training.batch())
        .learningRate(training.lr())
        .device(device(training.device()));
    if (training.divergence() != null) {
      builder.divergence(training.divergence());
    }
    if (modules.containsKey(ModuleKind.GUIDANCE)) {
      builder.guidance((Guidance) modules.get(ModuleKind.GUIDANCE));
    }
    if (training.seed() != null) {
      builder.seed(training.seed());
    }
    return builder;
  }
}
