package org.modulardiffusion.processor;

import java.util.stream.Collectors;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Registry names and the short type names used in messages and descriptors. */
final class Names {
  private Names() {}

  /**
   * The default registry name of a class: its simple name in kebab-case, a word starting at each
   * capital that follows a small letter or starts a capitalized word ({@code ClassifierFree} is
   * {@code classifier-free}, {@code DDIM} is {@code ddim}, {@code OneHot} is {@code one-hot}).
   */
  static String kebab(String simpleName) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      boolean startsWord = i > 0 && Character.isUpperCase(c)
          && (Character.isLowerCase(simpleName.charAt(i - 1))
              || i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1)));
      if (startsWord) {
        name.append('-');
      }
      name.append(Character.toLowerCase(c));
    }
    return name.toString();
  }

  /** A number as a user writes it: {@code 2}, {@code 0.5}, {@code inf}. */
  static String number(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** A type with simple names, as a user writes it: {@code VLB<Categorical>}, {@code int[]}. */
  static String display(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return display(((ArrayType) type).getComponentType()) + "[]";
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return type.toString();
    }
    DeclaredType declared = (DeclaredType) type;
    String name = declared.asElement().getSimpleName().toString();
    if (declared.getTypeArguments().isEmpty()) {
      return name;
    }
    return name + declared.getTypeArguments().stream().map(Names::display).collect(Collectors.joining(", ", "<", ">"));
  }
}
