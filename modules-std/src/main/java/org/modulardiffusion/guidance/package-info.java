/**
 * The guidance modules: classifier-free guidance. Standard modules, annotated for the processor,
 * which writes their binders next to them. It uses annotation, base and nn of the project (the
 * generated binders also config and config.internal), nothing else.
 */
package org.modulardiffusion.guidance;
