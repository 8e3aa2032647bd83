package org.modulardiffusion.processor;

import java.util.Locale;
import org.modulardiffusion.annotation.ModelRule;

/**
 * Every diagnostic of the processor, in one place so that the wording stays consistent: each
 * names what is wrong, on both sides where there are two, and what would be right. The rules of
 * a whole model come from {@link ModelRule}, which the runtime reports in the same words.
 */
enum Message {
  WRONG_BASE_TYPE("@%1$s class %2$s must extend %3$s, but %2$s is a %4$s; %5$s"),
  NOT_PUBLIC("module %1$s is not public, so its generated binder cannot build it; make it public"),
  INNER_CLASS("module %1$s is an inner class, which needs an outer instance; make it static"),
  ABSTRACT("module %1$s is abstract and cannot be built; make it concrete, or mark its concrete"
      + " subclasses instead"),
  NO_CONSTRUCTOR("module %1$s has no public constructor; add one whose parameters are the module's"
      + " parameters"),
  MANY_CONSTRUCTORS("module %1$s has %2$d public constructors; mark the one whose parameters are"
      + " the module's parameters with @ModuleConstructor"),
  MARKED_CONSTRUCTORS("module %1$s has %2$d public constructors marked @ModuleConstructor; keep"
      + " the mark on one public constructor"),
  UNBINDABLE("parameter %1$s of %2$s has type %3$s, which a config cannot give; use a primitive, a"
      + " boxed primitive, String, an enum, an array or List of those, or a module type"),
  UNNAMED_PARAMETERS("the constructor parameters of %1$s have no names, only %2$s, so a config cannot"
      + " give them: it was read from a class file compiled without -parameters; compile it with"
      + " -parameters (Maven: <parameters>true</parameters> in maven-compiler-plugin's configuration;"
      + " Gradle: options.compilerArgs.add(\"-parameters\"))"),
  MIN_ABOVE_MAX("@Param of %1$s has min %2$s above max %3$s; make min at most max"),
  RANGE_ON_NON_NUMBER("@Param of %1$s sets a range, but its type %2$s holds no numbers; remove min"
      + " and max"),
  DEFAULT_UNPARSABLE("default \"%1$s\" of %2$s is not %3$s; write it as in a config, such as %4$s"),
  DEFAULT_OUT_OF_RANGE("default %1$s of %2$s lies outside [%3$s, %4$s]; choose a default within"
      + " min and max"),
  DEFAULT_NOT_ONE_OF("default \"%1$s\" of %2$s is not one of %3$s; choose one of them"),
  DEFAULT_ON_MODULE("@Param of %1$s gives a default, but a module parameter of type %2$s takes"
      + " none; remove the default and give the module in the config"),
  ONE_OF_NOT_CONSTANT("oneOf value \"%1$s\" of %2$s is not a constant of %3$s; use some of %4$s"),
  ONE_OF_ON_WRONG_TYPE("@Param of %1$s sets oneOf, but its type %2$s is neither String nor an"
      + " enum; remove oneOf"),
  RETIRED_SAMPLER_REQUIRES("@SamplerModule(requires = \"%1$s\") of %2$s is retired: a sampler says what it"
      + " needs of its noise by its type; remove requires and extend SamplerNeeding<D, N>, which fits only a"
      + " noise that implements N, such as SamplerNeeding<Normal, GaussianDiffusion> for Gaussian diffusion"),
  RETIRED_NOISE_PRODUCES("@NoiseModule(produces = \"%1$s\") of %2$s is retired: a noise is what a sampler"
      + " needs by its type; remove produces and implement the interface that the sampler needs, such as"
      + " GaussianDiffusion for Gaussian diffusion"),
  DUPLICATE_NAME("%1$s %2$s already names %3$s; give %4$s another name with @%5$s(name = \"…\")"),
  SPEC_NOT_INTERFACE("@DiffusionModel %1$s is not an interface; make it an interface whose methods"
      + " return module types"),
  SPEC_METHOD_PARAMETERS("method %1$s of model %2$s takes parameters; a model spec's methods take"
      + " none and return a module type"),
  SPEC_METHOD_NOT_MODULE("method %1$s of model %2$s returns %3$s, which is not a module of a model"
      + " slot; return a class marked with a module annotation such as @NoiseModule"),
  UNNAMED_PACKAGE("module %1$s is in the unnamed package, and so is the provider %2$s generated for"
      + " it; put the module in a package, so that its provider has one too"),
  UNRESOLVED("%1$s could not be processed, because %2$s could not be resolved; if it is a"
      + " generated type, check above for errors"),
  INTERNAL("internal error while processing %1$s: %2$s; please report it");

  private final String format;

  Message(String format) {
    this.format = format;
  }

  /** The text of this message with {@code arguments}. */
  String format(Object... arguments) {
    return String.format(Locale.ROOT, format, arguments);
  }
}
