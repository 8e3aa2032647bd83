package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sampler module: a public, concrete subclass of {@code Sampler} whose public
 * constructor's parameters are the module's parameters (with several public constructors, the one
 * marked {@link ModuleConstructor}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SamplerModule {

  /** {@return the registry name; by default the simple class name in kebab-case} */
  String name() default "";

  /**
   * Retired: setting it is a compile error.
   *
   * @return nothing: a compile error when set
   * @deprecated A sampler says what it needs of its noise by its type, not by a tag: it extends
   *     {@code org.modulardiffusion.base.SamplerNeeding<D, N>}, as DDIM extends {@code
   *     SamplerNeeding<Normal, GaussianDiffusion>}, and fits only a noise that is an {@code N}.
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  String requires() default "";
}
