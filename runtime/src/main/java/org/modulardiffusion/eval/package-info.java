/**
 * Measured sample quality: distances between point sets (sliced Wasserstein, MMD), the diversity
 * and validity of sentences, the per-class spread of images, a digit classifier, and the
 * evaluations of a trained model that put them together. It uses base and engine of the project.
 */
package org.modulardiffusion.eval;
