/**
 * The annotations that mark a class as a diffusion module of one kind, its constructor and
 * parameters, and a model spec, with the rules (ModuleKind, ModelRule) that the processor
 * checks at compile time and the runtime again at run time. It uses nothing but the JDK, so
 * that it is all a module author puts on the compile class path.
 */
package org.modulardiffusion.annotation;
