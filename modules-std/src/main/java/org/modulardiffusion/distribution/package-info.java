/**
 * The distributions that noises and samplers use: the normal and the categorical. Standard
 * modules, annotated for the processor, which writes their binders next to them. It uses
 * annotation, base and nn of the project (the generated binders also config and
 * config.internal), nothing else.
 */
package org.modulardiffusion.distribution;
