/**
 * The samplers that draw from a trained model: ancestral, DDIM, DPM-Solver++, Euler, Euler
 * ancestral and Heun, with the spacing of their steps. Standard modules, annotated for the
 * processor, which writes their binders next to them. It uses annotation, base, distribution and
 * nn of the project (the generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.sampler;
