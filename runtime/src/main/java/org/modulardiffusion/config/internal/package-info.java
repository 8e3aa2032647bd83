/**
 * What the processor's generated code needs and module authors never call, kept apart from the
 * API as Dagger keeps its {@code dagger.internal}: it may change in any release.
 */
package org.modulardiffusion.config.internal;
