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

  /** The registry name; by default the simple class name in kebab-case. */
  String name() default "";

  /**
   * The noise the sampler needs beyond its distribution, such as {@code "gaussian"}: only a noise
   * marked {@code @NoiseModule(produces = "gaussian")} fits; any noise by default.
   */
  String requires() default "";
}
