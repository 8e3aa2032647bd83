package org.modulardiffusion.base;

import java.util.Optional;
import org.modulardiffusion.annotation.ModelRule;

/**
 * Marks a schedule whose last step leaves no signal: ᾱ<sub>T</sub> = 0, a terminal signal-to-noise
 * ratio of zero (Lin et al. 2024), so that x<sub>T</sub> is pure noise as sampling assumes. There
 * x<sub>t</sub> = ε, and a net that predicts ε cannot give x<sub>0</sub>: such a schedule does not fit a
 * noise that {@link Noise#predictsEpsilon() predicts ε} ({@link ModelRule#SCHEDULE_FITS_NOISE}), on a
 * model spec (where the noise's type says so, a {@link PredictsEpsilon}) and on every model built.
 */
public interface ZeroTerminalSnr {

  /**
   * The broken rule's message when {@code schedule} is a {@link ZeroTerminalSnr} and {@code noise}
   * predicts ε, in the processor's words; empty when they fit.
   *
   * @param schedule the model's schedule
   * @param noise the model's noise
   * @return the message, or empty
   */
  static Optional<String> misfit(Schedule schedule, Noise<?> noise) {
    return schedule instanceof ZeroTerminalSnr && noise.predictsEpsilon()
        ? Optional.of(ModelRule.SCHEDULE_FITS_NOISE.message(
            schedule.getClass().getSimpleName(), noise.getClass().getSimpleName()))
        : Optional.empty();
  }
}
