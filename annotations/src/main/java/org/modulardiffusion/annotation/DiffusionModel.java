package org.modulardiffusion.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model spec, in the spirit of a Dagger component: an interface whose methods return
 * module types, one per slot. The processor checks that the modules fit together and generates
 * {@code <Spec>Factory}, whose {@code create(config)} returns a typed {@code Model<D>}.
 *
 * <p>The schedule, noise, net and loss must be given; data, time, sampler, guidance and data set
 * may be, and otherwise come from the config as in a YAML-assembled model.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DiffusionModel {}
