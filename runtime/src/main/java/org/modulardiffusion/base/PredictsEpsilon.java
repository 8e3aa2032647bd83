package org.modulardiffusion.base;

/**
 * Marks a noise whose net predicts, by the noise's type, the noise ε that made x<sub>t</sub>, as the
 * tutorial's DDPM does: the processor then refuses it on a model spec with a {@link ZeroTerminalSnr}
 * schedule, which leaves no signal at T for ε to recover x<sub>0</sub> from. A noise whose prediction
 * is a parameter, as the standard {@code gaussian}'s is, answers {@link Noise#predictsEpsilon()}
 * instead, which the runtime checks.
 */
public interface PredictsEpsilon {}
