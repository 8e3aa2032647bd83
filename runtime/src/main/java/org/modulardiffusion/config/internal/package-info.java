/**
 * What the processor's generated code needs and module authors never call, kept apart from the
 * API as Dagger keeps its {@code dagger.internal}: the binder SPI ({@link
 * org.modulardiffusion.config.internal.ModuleBinder}, the descriptors it returns, the {@link
 * org.modulardiffusion.config.internal.ModuleProvider} that {@code ServiceLoader} finds) and
 * helpers of generated code. It may change in any release. It uses annotation and config of the
 * project.
 */
package org.modulardiffusion.config.internal;
