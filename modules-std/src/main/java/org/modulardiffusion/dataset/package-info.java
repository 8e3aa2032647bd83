/**
 * The data sets: two-dimensional toy sets, digits (MNIST from IDX files, and digits drawn from
 * pen strokes), image folders, text lines and a context-free grammar with its vocabulary;
 * standard modules, annotated for the processor, which writes their binders next to them. And
 * the measures that know digits or text, with which they evaluate a model's samples: a digit
 * classifier and its evaluation of images, and the validity and diversity of sentences. It uses
 * annotation, base, engine, eval and train of the project (the generated binders also config
 * and config.internal), nothing else.
 */
package org.modulardiffusion.dataset;
