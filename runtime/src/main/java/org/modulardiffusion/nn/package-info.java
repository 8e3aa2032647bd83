/**
 * DJL blocks and tensor helpers that the nets are built from: attention, group norm,
 * embeddings, up- and down-sampling, initialisation and scalar constants. It uses only DJL, no
 * other package of the project.
 */
package org.modulardiffusion.nn;
