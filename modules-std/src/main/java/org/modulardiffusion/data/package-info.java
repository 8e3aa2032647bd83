/**
 * The data modules, which map data from the data set's space into the space where diffusion
 * happens and back: identity, one-hot, a trained embedding and image patches. Standard modules,
 * annotated for the processor, which writes their binders next to them. It uses annotation, base
 * and nn of the project (the generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.data;
