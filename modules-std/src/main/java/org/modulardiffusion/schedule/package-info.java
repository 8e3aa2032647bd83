/**
 * The noise schedules that compute alpha at each step: constant, linear, cosine, square root and
 * a zero-terminal-SNR rescaling. Standard modules, annotated for the processor, which writes
 * their binders next to them. It uses annotation and base of the project (the generated binders
 * also config and config.internal), nothing else.
 */
package org.modulardiffusion.schedule;
