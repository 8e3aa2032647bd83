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
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.modulardiffusion.annotation.ModuleKind;

/** The module kinds as the compilation sees them: their base types, and which kind a type is. */
final class ModuleKinds {
  private static final String DISTRIBUTION = ModuleKind.DISTRIBUTION.baseType();
  /** The base type of a sampler that needs more of its noise than its distribution. */
  private static final String NEEDING = "org.modulardiffusion.base.SamplerNeeding";

  private final Types types;
  private final Map<ModuleKind, TypeMirror> bases = new EnumMap<>(ModuleKind.class);
  private final TypeMirror needing;
  private final TypeMirror object;

  ModuleKinds(Elements elements, Types types) {
    this.types = types;
    for (ModuleKind kind : ModuleKind.values()) {
      TypeElement base = elements.getTypeElement(kind.baseType());
      if (base != null) {
        bases.put(kind, types.erasure(base.asType()));
      }
    }
    TypeElement needs = elements.getTypeElement(NEEDING);
    needing = needs == null ? null : types.erasure(needs.asType());
    object = elements.getTypeElement(Object.class.getCanonicalName()).asType();
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

  /**
   * What a sampler type needs its noise to be, erased: the {@code N} of {@code SamplerNeeding<D, N>}
   * (its bound where the sampler leaves it open, Object where it is raw); empty for a sampler that
   * needs only its distribution. The runtime reads the same argument from the class.
   */
  Optional<TypeMirror> need(TypeMirror sampler) {
    if (needing == null || sampler.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    if (types.isSameType(types.erasure(sampler), needing)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) sampler).getTypeArguments();
      return Optional.of(arguments.size() < 2 ? object : erasure(arguments.get(1)));
    }
    for (TypeMirror supertype : types.directSupertypes(sampler)) {
      if (types.isSubtype(types.erasure(supertype), needing)) {
        return need(supertype);
      }
    }
    return Optional.empty();
  }

  /** The class a type argument erases to: a type variable's bound, a wildcard's upper bound or Object. */
  private TypeMirror erasure(TypeMirror argument) {
    return switch (argument.getKind()) {
      case TYPEVAR -> types.erasure(((TypeVariable) argument).getUpperBound());
      case WILDCARD -> ((WildcardType) argument).getExtendsBound() == null
          ? object
          : erasure(((WildcardType) argument).getExtendsBound());
      default -> types.erasure(argument);
    };
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
