/**
 * The time modules that draw the steps of a batch: discrete uniform steps. Standard modules,
 * annotated for the processor, which writes their binders next to them. It uses annotation and
 * base of the project (the generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.time;
