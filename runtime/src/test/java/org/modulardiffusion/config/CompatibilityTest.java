package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.base.Bell;
import org.modulardiffusion.base.SamplerNeeding;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.config.internal.ModuleDescriptor;

/** The rule that a sampler's need of its noise, its type's N, is met, on modules' descriptors. */
class CompatibilityTest {
  /** What the sampler needs of its noise. */
  private interface Smooth {}

  /** A sampler that needs a smooth noise. */
  private static final class Implicit extends SamplerNeeding<Bell, Smooth> {
    @Override
    protected NDArray step(Smooth noise, Sampling<Bell> sampling, NDArray z, int t, int s) {
      return z;
    }
  }

  private static ModuleDescriptor module(ModuleKind kind, Class<?> type) {
    return new ModuleDescriptor(kind, type.getSimpleName(), type, "", List.of(), Bell.class, false, "", "");
  }

  private record Plain() {}

  private record Silk() implements Smooth {}

  private record Loss() {}

  private static Map<ModuleKind, ModuleDescriptor> model(ModuleDescriptor noise) {
    Map<ModuleKind, ModuleDescriptor> slots = new EnumMap<>(ModuleKind.class);
    slots.put(ModuleKind.NOISE, noise);
    slots.put(ModuleKind.LOSS, module(ModuleKind.LOSS, Loss.class));
    slots.put(ModuleKind.SAMPLER, module(ModuleKind.SAMPLER, Implicit.class));
    slots.put(ModuleKind.DATA, module(ModuleKind.DATA, Plain.class));
    return slots;
  }

  @Test
  void samplerThatNeedsAnInterfaceRefusesANoiseThatDoesNotImplementIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Compatibility.check(model(module(ModuleKind.NOISE, Plain.class))));
    assertEquals("sampler: sampler Implicit needs a noise that implements Smooth, but noise Plain does not;"
        + " implement Smooth in Plain, or use a sampler that needs only the noise's distribution, such as"
        + " ancestral", e.getMessage());
  }

  @Test
  void samplerThatNeedsAnInterfaceTakesANoiseThatImplementsIt() {
    Compatibility.check(model(module(ModuleKind.NOISE, Silk.class)));
  }
}
