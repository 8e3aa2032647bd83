/**
 * The noises that turn a schedule's alpha into the prior, posterior and approximate posterior:
 * Gaussian, uniform and absorbing, the last two on categorical data. Standard modules, annotated
 * for the processor, which writes their binders next to them. It uses annotation, base,
 * distribution and nn of the project (the generated binders also config and config.internal),
 * nothing else.
 */
package org.modulardiffusion.noise;
