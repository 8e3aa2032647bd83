package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a time module: a public, concrete subclass of {@code Time} whose public constructor's
 * parameters are the module's parameters (with several public constructors, the one marked {@link
 * ModuleConstructor}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TimeModule {

  /** {@return the registry name; by default the simple class name in kebab-case} */
  String name() default "";
}
