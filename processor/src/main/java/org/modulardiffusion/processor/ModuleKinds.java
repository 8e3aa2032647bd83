package org.modulardiffusion.processor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.modulardiffusion.annotation.ModuleKind;

/** The module kinds as the compilation sees them: their base types, and which kind a type is. */
final class ModuleKinds {
  private static final String DISTRIBUTION = ModuleKind.DISTRIBUTION.baseType();

  private final Types types;
  private final Map<ModuleKind, TypeMirror> bases = new EnumMap<>(ModuleKind.class);

  ModuleKinds(Elements elements, Types types) {
    this.types = types;
    for (ModuleKind kind : ModuleKind.values()) {
      TypeElement base = elements.getTypeElement(kind.baseType());
      if (base != null) {
        bases.put(kind, types.erasure(base.asType()));
      }
    }
  }

  /** The erased base type of {@code kind}, or empty when the runtime is not on the class path. */
  Optional<TypeMirror> base(ModuleKind kind) {
    return Optional.ofNullable(bases.get(kind));
  }

  /** The kind whose annotation marks {@code element}, if one does. */
  static Optional<ModuleKind> annotated(TypeElement element) {
    for (ModuleKind kind : ModuleKind.values()) {
      if (element.getAnnotation(kind.annotation()) != null) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind whose base type {@code type} extends or implements, if any. */
  Optional<ModuleKind> extended(TypeMirror type) {
    return bases.entrySet().stream()
        .filter(base -> types.isSubtype(types.erasure(type), base.getValue()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The kind of a module type: a class marked with a module annotation, or a base type itself. */
  Optional<ModuleKind> kindOf(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    Optional<ModuleKind> annotated = annotated((TypeElement) ((DeclaredType) type).asElement());
    if (annotated.isPresent()) {
      return annotated;
    }
    return bases.entrySet().stream()
        .filter(base -> types.isSameType(types.erasure(type), base.getValue()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * The distribution D of {@code type} seen as a {@code kind} (its argument of {@code Noise<D>},
   * {@code Loss<D>} …): a declared type when fixed, a type variable when {@code type} is generic
   * in it, the base distribution type when {@code type} is raw; empty for kinds without one.
   */
  Optional<TypeMirror> distribution(TypeMirror type, ModuleKind kind) {
    TypeMirror base = bases.get(kind);
    if (base == null || type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    if (kind == ModuleKind.DISTRIBUTION) {
      return Optional.of(type);
    }
    if (types.isSameType(types.erasure(type), base)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      return arguments.isEmpty() ? Optional.ofNullable(bases.get(ModuleKind.DISTRIBUTION)) : Optional.of(arguments.get(0));
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (types.isSubtype(types.erasure(supertype), base)) {
        return distribution(supertype, kind);
      }
    }
    return Optional.empty();
  }

  /** Whether a module kind has a distribution at all. */
  static boolean hasDistribution(ModuleKind kind) {
    return kind == ModuleKind.NOISE || kind == ModuleKind.LOSS || kind == ModuleKind.SAMPLER;
  }

  /** The erased upper bound of a generic module's D, or D's erasure when fixed. */
  TypeMirror erasedBound(TypeMirror distribution) {
    return switch (distribution.getKind()) {
      case TYPEVAR -> types.erasure(((TypeVariable) distribution).getUpperBound());
      case WILDCARD -> bases.get(ModuleKind.DISTRIBUTION);
      default -> types.erasure(distribution);
    };
  }

  /** Whether D is left open: a type variable, or the base distribution type of a raw module. */
  boolean isGeneric(TypeMirror distribution) {
    return distribution.getKind() == TypeKind.TYPEVAR
        || distribution.getKind() == TypeKind.WILDCARD
        || ((TypeElement) types.asElement(distribution)).getQualifiedName().contentEquals(DISTRIBUTION);
  }
}
