/**
 * The training loop ({@link org.modulardiffusion.train.TrainingLoop}, in the shape of DJL's
 * {@code Trainer}) and what it is made of: Adam with its learning-rate schedule, clipping by
 * the global norm, the divergence check, the listeners that hear of its steps and its progress
 * bar, the data set copied to the device, the losses read from it a few times a second, and the
 * workers that share each step. It uses base, device, engine, nn and progress of the project.
 */
package org.modulardiffusion.train;
