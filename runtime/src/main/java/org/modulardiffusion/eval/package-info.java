/**
 * Measured sample quality, whatever the data: distances between point sets (sliced Wasserstein,
 * MMD, Fréchet), the per-label spread of samples, the evaluation of points, and what {@code
 * diffusion eval} asks of a data set that measures its samples ({@link
 * org.modulardiffusion.eval.Evaluable}). The measures that know digits or text live with those
 * data sets in modules-std. It uses base, engine and progress of the project.
 */
package org.modulardiffusion.eval;
