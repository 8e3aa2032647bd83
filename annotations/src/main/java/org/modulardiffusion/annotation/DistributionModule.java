package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a distribution module: a public, concrete implementation of {@code Distribution}.
 * Distributions are made by noises, never from a config, so their constructor is not checked.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DistributionModule {

  /** {@return the registry name; by default the simple class name in kebab-case} */
  String name() default "";
}
