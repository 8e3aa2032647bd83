package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a data transform module: a public, concrete subclass of {@code Data} whose public
 * constructor's parameters are the module's parameters (with several public constructors, the one
 * marked {@link ModuleConstructor}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataModule {

  /** {@return the registry name; by default the simple class name in kebab-case} */
  String name() default "";

  /** {@return the representation this transform produces, such as {@code "one-hot"}; none by default} */
  String produces() default "";
}
