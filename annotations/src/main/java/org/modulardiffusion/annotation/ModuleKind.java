package org.modulardiffusion.annotation;

import java.lang.annotation.Annotation;
import java.util.Locale;

/**
 * The kinds of module, each with its annotation, its base type and its place in a model: the
 * processor and the runtime agree on them through this one list.
 */
public enum ModuleKind {
  /** The distributions that noises and samplers use; not a slot of a model. */
  DISTRIBUTION(DistributionModule.class, "Distribution", Presence.NONE, ""),
  /** The data transform between the data set's space and the diffusion's; identity by default. */
  DATA(DataModule.class, "Data", Presence.DEFAULTED, "identity"),
  /** The noise schedule. */
  SCHEDULE(ScheduleModule.class, "Schedule", Presence.MODEL, ""),
  /** The noise: prior, posterior and approximate posterior. */
  NOISE(NoiseModule.class, "Noise", Presence.MODEL, ""),
  /** The net that predicts what the approximate posterior needs. */
  NET(NetModule.class, "Net", Presence.MODEL, ""),
  /** The loss. */
  LOSS(LossModule.class, "Loss", Presence.MODEL, ""),
  /** The guidance, absent unless given. */
  GUIDANCE(GuidanceModule.class, "Guidance", Presence.OPTIONAL, ""),
  /** The draw of time steps; discrete by default. */
  TIME(TimeModule.class, "Time", Presence.DEFAULTED, "discrete"),
  /** The sampler; ancestral by default. */
  SAMPLER(SamplerModule.class, "Sampler", Presence.DEFAULTED, "ancestral"),
  /** The data set, which a config gives. */
  DATASET(DatasetModule.class, "Dataset", Presence.RUN, "");

  /** Whether and how a model has a module of a kind. */
  public enum Presence {
    /** Not a slot of a model: made by other modules. */
    NONE,
    /** Required, in a model spec and in a config. */
    MODEL,
    /** Required in a config; a model spec may leave it to the config. */
    RUN,
    /** Taken to be {@link #defaultModule()} when neither spec nor config gives it. */
    DEFAULTED,
    /** Absent unless given. */
    OPTIONAL
  }

  private final Class<? extends Annotation> annotation;
  private final String baseType;
  private final Presence presence;
  private final String defaultModule;

  ModuleKind(
      Class<? extends Annotation> annotation, String base, Presence presence, String defaultModule) {
    this.annotation = annotation;
    this.baseType = "org.modulardiffusion.base." + base;
    this.presence = presence;
    this.defaultModule = defaultModule;
  }

  /** {@return the annotation that marks a module of this kind} */
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** {@return the canonical name of the type every module of this kind extends or implements} */
  public String baseType() {
    return baseType;
  }

  /** {@return the config key of this kind's slot, and the word used for it in messages: {@code noise}} */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return whether and how a model has a module of this kind} */
  public Presence presence() {
    return presence;
  }

  /** {@return the registry name of the module used when none is given; empty unless {@link Presence#DEFAULTED}} */
  public String defaultModule() {
    return defaultModule;
  }
}
