/**
 * Training checkpoints: a folder per epoch that holds the run's config, the model's parameters
 * and their moving average, the optimizer's state and the counters, checked by SHA-256 and
 * written atomically, from which a run resumes or a model is restored. It uses engine and train
 * of the project.
 */
package org.modulardiffusion.checkpoint;
