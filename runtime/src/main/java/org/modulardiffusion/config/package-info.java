/**
 * Models from configs: the {@link org.modulardiffusion.config.ConfigNode} tree read from YAML,
 * the {@link org.modulardiffusion.config.ModuleRegistry} that finds modules through {@code
 * ServiceLoader}, and the {@link org.modulardiffusion.config.ModelAssembler}. The binder SPI
 * that the processor's generated code implements lives in {@code config.internal}. It uses
 * annotation, base, config.internal, device, engine and train of the project.
 */
package org.modulardiffusion.config;
