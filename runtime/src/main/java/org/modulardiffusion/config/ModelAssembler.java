package org.modulardiffusion.config;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
import org.modulardiffusion.base.ZeroTerminalSnr;
import org.modulardiffusion.config.internal.ModuleBinder;
import org.modulardiffusion.config.internal.ModuleDescriptor;
import org.modulardiffusion.device.Devices;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.NetSetting;

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

  /**
   * An assembler of the modules in {@code registry}.
   *
   * @param registry the installed modules
   */
  public ModelAssembler(ModuleRegistry registry) {
    this.registry = registry;
  }

  /**
   * Assembles the model that {@code config} describes.
   *
   * @param config the whole config
   * @return the model, which the caller closes
   * @throws ConfigException naming the path of the first error
   */
  public Model<?> assemble(ConfigNode config) {
    return builder(config, Map.of(), Map.of()).build();
  }

  /**
   * A builder of the model that {@code config} describes, its modules bound and checked, for a
   * caller that sets more (such as the device) before building.
   *
   * @param config the whole config
   * @return the builder
   * @throws ConfigException naming the path of the first error
   */
  public Model.Builder<?> builder(ConfigNode config) {
    return builder(config, Map.of(), Map.of());
  }

  /**
   * Assembles a model whose {@code pinned} slots have a fixed module, as a {@code @DiffusionModel}
   * spec fixes them; the config may still give their parameters, and a {@code type} only if it
   * names the pinned module. {@code distributions} holds the distribution that the spec resolved
   * for a slot whose module is generic in it, such as {@code Normal} for {@code Tempered<Normal>};
   * the rules are checked with it.
   *
   * @param config the whole config
   * @param pinned the fixed module of each pinned slot
   * @param distributions the distribution resolved for each generic slot
   * @return the model, which the caller closes
   */
  public Model<?> assemble(
      ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned, Map<ModuleKind, Class<?>> distributions) {
    return builder(config, pinned, distributions).build();
  }

  /**
   * The module of slot {@code kind} that {@code section} describes, in place of the one of the
   * model that {@code config} describes, checked by the same rules against the model's other
   * modules: as {@code diffusion sample --sampler} chooses another sampler.
   *
   * @param config the whole config
   * @param kind the slot to replace
   * @param section the config of the module that replaces it
   * @return the module
   * @throws ConfigException naming the path of the first error
   */
  public Object replace(ConfigNode config, ModuleKind kind, ConfigNode section) {
    ConfigNode type = section.get("type");
    ModuleBinder<?> chosen = registry.binder(kind, type.asString(), type.path());
    List<LossTerm> terms = terms(config, Map.of());
    Map<ModuleKind, ModuleBinder<?>> binders = binders(config, Map.of(), terms);
    binders.put(kind, chosen);
    check(binders, kind == ModuleKind.LOSS ? List.of() : terms, Map.of());
    return chosen.bind(section, registry);
  }

  private Model.Builder<?> builder(
      ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned, Map<ModuleKind, Class<?>> distributions) {
    List<String> keys = new ArrayList<>(List.of(TRAIN));
    for (ModuleKind kind : ModuleKind.values()) {
      if (kind.presence() != Presence.NONE) {
        keys.add(kind.key());
      }
    }
    config.checkKeys(keys, "a model config");
    List<LossTerm> terms = terms(config, pinned);
    Map<ModuleKind, ModuleBinder<?>> binders = binders(config, pinned, terms);
    check(binders, terms, distributions);

    Map<ModuleKind, Object> modules = new EnumMap<>(ModuleKind.class);
    binders.forEach((kind, binder) -> modules.put(kind, kind == ModuleKind.LOSS && !terms.isEmpty()
        ? hybrid(terms)
        : binder.bind(config.section(kind.key()), registry)));
    Noise<?> noise = (Noise<?>) modules.get(ModuleKind.NOISE);
    ZeroTerminalSnr.misfit((Schedule) modules.get(ModuleKind.SCHEDULE), noise).ifPresent(message -> {
      throw new ConfigException(ModuleKind.NOISE.key(), message);
    });
    ((Loss<?>) modules.get(ModuleKind.LOSS)).misfit(noise).ifPresent(message -> {
      throw new ConfigException(ModuleKind.LOSS.key(), message);
    });
    return builder(modules, Training.of(config.section(TRAIN)))
        .netSettings(netSettings(config.section(ModuleKind.NET.key()), binders.get(ModuleKind.NET)));
  }

  /**
   * The values that {@code section}, the net's, gives — a module's among them, such as a softmax's
   * net, and each of that module's — each with a way to bind the net with that value left out, at
   * its default: for the memory check to name the value that makes the net too large.
   */
  private List<NetSetting> netSettings(ConfigNode section, ModuleBinder<?> binder) {
    List<NetSetting> settings = new ArrayList<>();
    addSettings(section, UnaryOperator.identity(), binder, settings);
    return settings;
  }

  /** Adds the settings of {@code module}, a section that {@code root} puts in place in the net's. */
  private void addSettings(
      ConfigNode module, UnaryOperator<ConfigNode> root, ModuleBinder<?> binder, List<NetSetting> settings) {
    for (String key : module.keys()) {
      if (key.equals("type")) {
        continue;
      }
      ConfigNode value = module.get(key);
      ConfigNode without = root.apply(module.without(key));
      settings.add(new NetSetting(value.path(), value.text(), () -> (Net) binder.bind(without, registry)));
      if (value.isMap()) {
        addSettings(value, changed -> root.apply(module.with(key, changed)), binder, settings);
      }
    }
  }

  /** The binder of each slot that has a module; of the loss, its first term's when it has terms. */
  private Map<ModuleKind, ModuleBinder<?>> binders(
      ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned, List<LossTerm> terms) {
    Map<ModuleKind, ModuleBinder<?>> binders = new EnumMap<>(ModuleKind.class);
    for (ModuleKind kind : ModuleKind.values()) {
      ModuleBinder<?> binder =
          kind == ModuleKind.LOSS && !terms.isEmpty() ? terms.get(0).binder() : binder(config, kind, pinned.get(kind));
      if (binder != null) {
        binders.put(kind, binder);
      }
    }
    return binders;
  }

  /**
   * Checks the {@link ModelRule}s on the slots' modules, with each term of a hybrid loss in turn,
   * and for the slots in {@code distributions} with the distribution given there.
   */
  private static void check(
      Map<ModuleKind, ModuleBinder<?>> binders, List<LossTerm> terms, Map<ModuleKind, Class<?>> distributions) {
    Map<ModuleKind, ModuleDescriptor> descriptors = new EnumMap<>(ModuleKind.class);
    binders.forEach((kind, binder) -> descriptors.put(kind, distributions.containsKey(kind)
        ? binder.descriptor().resolved(distributions.get(kind))
        : binder.descriptor()));
    Compatibility.check(descriptors);
    for (LossTerm term : terms) {
      descriptors.put(ModuleKind.LOSS, term.binder().descriptor());
      Compatibility.check(descriptors);
    }
  }

  /** The terms of the config's hybrid loss, or none when its loss is a single module. */
  private List<LossTerm> terms(ConfigNode config, Map<ModuleKind, ModuleBinder<?>> pinned) {
    ConfigNode section = config.section(ModuleKind.LOSS.key());
    return section.isList() ? terms(section, pinned.get(ModuleKind.LOSS)) : List.of();
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
      Loss loss = ((Loss) term.binder().bind(term.section(), registry)).times(term.weight());
      sum = sum == null ? loss : sum.plus(loss);
    }
    return sum;
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
        .averageWeights(training.ema())
        .device(device(training.device()));
    if (modules.containsKey(ModuleKind.GUIDANCE)) {
      builder.guidance((Guidance) modules.get(ModuleKind.GUIDANCE));
    }
    if (training.seed() != null) {
      builder.seed(training.seed());
    }
    return builder;
  }
}
