/**
 * Models from configs: the {@link org.modulardiffusion.config.ConfigNode} tree read from YAML,
 * the binder SPI that the processor's generated code implements, the {@link
 * org.modulardiffusion.config.ModuleRegistry} that finds modules through {@code ServiceLoader},
 * and the {@link org.modulardiffusion.config.ModelAssembler}.
 */
package org.modulardiffusion.config;
