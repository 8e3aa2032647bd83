package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a module parameter: a parameter of the module's constructor, bound from the config
 * key of the same name. Without {@code @Param} a parameter is required and unrestricted.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Param {

  /** {@return what the parameter means, shown by {@code diffusion modules}} */
  String description() default "";

  /** {@return the value used when the config omits the key, written as in a config; none (required) by default} */
  String defaultValue() default "";

  /** {@return the smallest value allowed for a number, or for each number of a list or array} */
  double min() default Double.NEGATIVE_INFINITY;

  /** {@return the largest value allowed for a number, or for each number of a list or array} */
  double max() default Double.POSITIVE_INFINITY;

  /**
   * The values allowed for a string, or the subset allowed of an enum's constants (written in
   * lower case, as in a config); any by default.
   *
   * @return the values allowed; empty for any
   */
  String[] oneOf() default {};
}
