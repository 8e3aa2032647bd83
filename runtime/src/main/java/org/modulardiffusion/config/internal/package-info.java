/**
 * What the processor's generated code needs and module authors never call, kept apart from the
 * API as Dagger keeps its {@code dagger.internal}: the binder SPI ({@link
 * org.modulardiffusion.config.internal.ModuleBinder}, the descriptors it returns, the {@link
 * org.modulardiffusion.config.internal.ModuleProvider} that {@code ServiceLoader} finds, the
 * {@link org.modulardiffusion.config.internal.ModuleLookup} through which a binder binds the
 * modules among its parameters) and helpers of generated code. It may change in any release. It
 * uses annotation of the project, and of config only the config tree that binders read ({@code
 * ConfigNode}, {@code ConfigException}).
 */
package org.modulardiffusion.config.internal;
