package org.modulardiffusion.processor;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds the types of a class that do not resolve yet — perhaps because another processor will
 * generate them in a later round — among its supertypes, constructor parameters and methods.
 */
final class Unresolved {
  private Unresolved() {}

  /** The first unresolved type that {@code type} refers to, by name. */
  static Optional<String> in(TypeElement type) {
    Optional<String> found = in(type.getSuperclass());
    for (TypeMirror supertype : type.getInterfaces()) {
      found = found.or(() -> in(supertype));
    }
    for (ExecutableElement executable : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      for (VariableElement parameter : executable.getParameters()) {
        found = found.or(() -> in(parameter.asType()));
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      found = found.or(() -> in(method.getReturnType()));
    }
    return found;
  }

  private static Optional<String> in(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return Optional.of(type.toString());
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return in(((ArrayType) type).getComponentType());
    }
    if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        Optional<String> found = in(argument);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
