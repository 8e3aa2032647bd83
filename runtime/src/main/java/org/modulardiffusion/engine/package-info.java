/**
 * The model: one module of each kind and their parameters on a device ({@link
 * org.modulardiffusion.engine.Model}), the flat buffer and file format of its parameters, the
 * moving average of its weights, the check that its net fits in memory, and its sampling loop.
 * The loop that trains it is in {@code train}, the checkpoints that keep it in {@code
 * checkpoint}. It uses base, device, nn and progress of the project, nothing else.
 */
package org.modulardiffusion.engine;
