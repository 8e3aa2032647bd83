/**
 * What runs a model on DJL: the model itself, the training loop with its optimizer,
 * learning-rate schedule, moving average, clipping and divergence check, the sampling loop and
 * its progress, checkpoints and parameter files, devices, natives and memory, and progress
 * bars. It uses base and nn of the project, nothing else.
 */
package org.modulardiffusion.engine;
