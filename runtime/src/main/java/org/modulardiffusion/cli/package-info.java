/**
 * The diffusion command line (picocli): train, sample, eval, validate, modules, schema, bench
 * and doctor, with the run folder, checkpoints and samples that they write. It is the top of
 * the runtime and may use every other package of it, and annotation.
 */
package org.modulardiffusion.cli;
