package org.modulardiffusion.config;

import java.util.Map;
import org.modulardiffusion.annotation.ModelRule;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.base.SamplerNeeding;
import org.modulardiffusion.config.internal.ModuleDescriptor;

/**
 * Checks the {@link ModelRule}s on the descriptors of a model's modules, before any module is
 * built: the same rules, in the same words, as the processor checks on a model spec.
 */
final class Compatibility {
  private Compatibility() {}

  /** @throws ConfigException at the slot that breaks a rule */
  static void check(Map<ModuleKind, ModuleDescriptor> slots) {
    ModuleDescriptor noise = slots.get(ModuleKind.NOISE);
    Class<?> produced = noise.distribution();
    ModuleDescriptor loss = slots.get(ModuleKind.LOSS);
    if (!loss.distribution().isAssignableFrom(produced)) {
      throw broken(ModuleKind.LOSS, ModelRule.LOSS_TRAINS_NOISE.message(
          name(loss), name(noise), produced.getSimpleName()));
    }
    ModuleDescriptor sampler = slots.get(ModuleKind.SAMPLER);
    boolean walks = sampler.generic()
        ? sampler.distribution().isAssignableFrom(produced)
        : sampler.distribution().equals(produced);
    if (!walks) {
      throw broken(ModuleKind.SAMPLER, ModelRule.SAMPLER_WALKS_NOISE.message(
          name(sampler), sampler.distribution().getSimpleName(), name(noise), produced.getSimpleName()));
    }
    SamplerNeeding.misfit(sampler.type(), noise.type()).ifPresent(message -> {
      throw broken(ModuleKind.SAMPLER, message);
    });
    ModuleDescriptor data = slots.get(ModuleKind.DATA);
    if (!noise.requires().isEmpty() && !noise.requires().equals(data.produces())) {
      throw broken(ModuleKind.DATA, ModelRule.DATA_FITS_NOISE.message(
          name(noise), noise.requires(), name(data), ModelRule.representation(data.produces())));
    }
  }

  private static String name(ModuleDescriptor module) {
    return module.type().getSimpleName();
  }

  private static ConfigException broken(ModuleKind slot, String message) {
    return new ConfigException(slot.key(), message);
  }
}
