/**
 * The data sets: two-dimensional toy sets, digits (MNIST from IDX files, and digits drawn from
 * pen strokes), image folders, text lines and a context-free grammar with its vocabulary.
 * Standard modules, annotated for the processor, which writes their binders next to them. It
 * uses annotation, base, engine and eval of the project (the generated binders also config and
 * config.internal), nothing else.
 */
package org.modulardiffusion.dataset;
