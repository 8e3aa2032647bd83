/**
 * DJL blocks and tensor helpers that the nets are built from: attention, group norm,
 * embeddings, up- and down-sampling, initialisation and scalar constants, and the switch that
 * turns off PyTorch's recording of gradients. It uses only DJL, no other package of the project.
 */
package org.modulardiffusion.nn;
