package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.internal.ModuleDescriptor;

/** The rule that a sampler's need for a particular noise is met, on modules' descriptors. */
class CompatibilityTest {
  /** A distribution type, as a descriptor names it. */
  private record Bell() {}

  private static ModuleDescriptor module(ModuleKind kind, Class<?> type, String requires, String produces) {
    return new ModuleDescriptor(kind, type.getSimpleName(), type, "", List.of(), Bell.class, false, requires, produces);
  }

  private record Plain() {}

  private record Tagged() {}

  private record Implicit() {}

  private record Loss() {}

  private static Map<ModuleKind, ModuleDescriptor> model(ModuleDescriptor noise) {
    Map<ModuleKind, ModuleDescriptor> slots = new EnumMap<>(ModuleKind.class);
    slots.put(ModuleKind.NOISE, noise);
    slots.put(ModuleKind.LOSS, module(ModuleKind.LOSS, Loss.class, "", ""));
    slots.put(ModuleKind.SAMPLER, module(ModuleKind.SAMPLER, Implicit.class, "gaussian", ""));
    slots.put(ModuleKind.DATA, module(ModuleKind.DATA, Plain.class, "", ""));
    return slots;
  }

  @Test
  void samplerThatRequiresGaussianNoiseRefusesAnUntaggedNoise() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Compatibility.check(model(module(ModuleKind.NOISE, Plain.class, "", ""))));
    assertEquals("sampler: sampler Implicit requires gaussian noise, but noise Plain is untagged; use a noise"
        + " marked @NoiseModule(produces = \"gaussian\") or a generic sampler such as ancestral", e.getMessage());
  }

  @Test
  void samplerThatRequiresGaussianNoiseTakesANoiseMarkedGaussian() {
    Compatibility.check(model(module(ModuleKind.NOISE, Tagged.class, "", "gaussian")));
  }
}
