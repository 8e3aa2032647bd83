package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a noise module: a public, concrete subclass of {@code Noise} whose public constructor's
 * parameters are the module's parameters (with several public constructors, the one marked {@link
 * ModuleConstructor}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NoiseModule {

  /** {@return the registry name; by default the simple class name in kebab-case} */
  String name() default "";

  /** {@return the representation the noise needs its data in, such as {@code "one-hot"}; none by default} */
  String requires() default "";

  /**
   * Retired: setting it is a compile error.
   *
   * @return nothing: a compile error when set
   * @deprecated A noise is what a sampler needs by its type, not by a tag: a noise whose marginals
   *     are Gaussian implements {@code org.modulardiffusion.base.GaussianDiffusion}, which DDIM needs.
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  String produces() default "";
}
