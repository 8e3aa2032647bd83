/**
 * The losses: the simple loss on the net's prediction, the variational lower bound, and a loss
 * given as a function of the batch, for experiments. Standard modules, annotated for the
 * processor, which writes their binders next to them. It uses annotation, base and nn of the
 * project (the generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.loss;
