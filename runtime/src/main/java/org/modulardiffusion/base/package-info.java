/**
 * The abstract type of every module kind: a diffusion model is one of each, swapped freely.
 *
 * <p>The shapes follow the Python library Modular Diffusion: {@link Schedule} computes
 * alpha<sub>t</sub>, {@link Noise} turns it into the prior, posterior and approximate posterior
 * {@link Distribution}s, a {@link Net} predicts the parameters that the approximate posterior
 * needs, and a {@link Loss} compares them on a {@link Batch}. A {@link Dataset} held in memory
 * is an {@link InMemoryDataset} of an {@link ArrayDataset}. It uses annotation and nn of the
 * project, nothing else.
 */
package org.modulardiffusion.base;
