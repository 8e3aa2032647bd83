/**
 * The nets that predict what the approximate posterior needs: an MLP, a U-Net, a transformer,
 * and a net whose predictions a softmax turns into probabilities. Standard modules, annotated
 * for the processor, which writes their binders next to them. It uses annotation, base and nn of
 * the project (the generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.net;
